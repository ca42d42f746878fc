package io.perpetua.trading.port;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a venue says the account holds, read on demand for reconciliation: positions, open orders
 * and the wallet balance. Every method asks the venue (no cache) and throws {@link
 * ServiceUnavailableException} when it cannot be reached. Instruments are the platform's ({@code
 * BTC/USDT:USDT}); each adapter translates its own symbols ({@code BTCUSDT}, {@code BTC-PERP}).
 * Implementations are thread-safe.
 */
public interface VenueAccount {
  /** Signed position quantities by instrument; flat instruments are left out. */
  Map<InstrumentId, BigDecimal> positions();

  /** Every order still open at the venue (all symbols). */
  List<VenueOpenOrder> openOrders();

  /**
   * Cancels an open order at the venue (reconciliation of orders the platform does not know). A
   * no-op when the order is no longer open.
   */
  void cancelOrder(VenueOpenOrder order);

  /**
   * The wallet balance in the account's settlement currency (USDT on both venues so far), without
   * unrealised PnL.
   */
  Money balance();
}
