package io.perpetua.trading.port;

import io.perpetua.core.Money;
import io.perpetua.core.order.Position;
import java.util.List;

/**
 * The durable state of a trading account: enough to continue after a restart.
 *
 * @param accountId account id (e.g. {@code paper})
 * @param walletBalance cash: deposits + realised PnL − fees ± funding
 * @param positions open positions
 * @param totalFees fees paid since inception
 * @param totalFunding funding received (positive) or paid (negative) since inception
 * @param asOfMs kernel time of the state
 */
public record AccountState(
    String accountId,
    Money walletBalance,
    List<Position> positions,
    Money totalFees,
    Money totalFunding,
    long asOfMs) {
  /** Copies the list. */
  public AccountState {
    positions = List.copyOf(positions);
  }
}
