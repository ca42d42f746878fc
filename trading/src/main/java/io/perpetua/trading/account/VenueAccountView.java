package io.perpetua.trading.account;

import io.perpetua.core.InstrumentId;
import java.util.List;

/**
 * One venue account at a moment: wallet, positions at their marks, margin and utilisation (the
 * {@code AccountState} / {@code RiskMetrics} of the delta-neutral control plane).
 *
 * <p>Immutable. Money amounts are in the settlement currency (USDT).
 *
 * @param venue the venue account id
 * @param exchange the exchange it is on (e.g. {@code binance}, {@code generic})
 * @param wallet deposit + realised PnL − fees + funding
 * @param unrealizedPnl Σ unrealised PnL at the marks
 * @param equity wallet + unrealised PnL
 * @param grossNotional Σ |quantity × mark|
 * @param netNotional Σ quantity × mark (signed)
 * @param marginUsed gross notional × the venue's initial margin rate
 * @param available equity − margin used
 * @param positions the open positions
 */
public record VenueAccountView(
    String venue,
    String exchange,
    double wallet,
    double unrealizedPnl,
    double equity,
    double grossNotional,
    double netNotional,
    double marginUsed,
    double available,
    List<Leg> positions) {

  /** Copies the positions. */
  public VenueAccountView {
    positions = List.copyOf(positions);
  }

  /** Margin used / equity (0 when equity is not positive). */
  public double utilization() {
    return equity > 0 ? marginUsed / equity : 0;
  }

  /** Gross notional / equity (0 when equity is not positive). */
  public double leverage() {
    return equity > 0 ? grossNotional / equity : 0;
  }

  /**
   * One open position on the venue.
   *
   * @param instrument the instrument
   * @param quantity signed quantity
   * @param entryPrice average entry price
   * @param mark the mark used (0 when unknown: then notional and PnL count as 0)
   * @param unrealizedPnl unrealised PnL at the mark
   */
  public record Leg(
      InstrumentId instrument,
      double quantity,
      double entryPrice,
      double mark,
      double unrealizedPnl) {

    /** Signed notional at the mark. */
    public double notional() {
      return quantity * mark;
    }
  }
}
