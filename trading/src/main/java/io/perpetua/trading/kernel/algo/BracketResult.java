package io.perpetua.trading.kernel.algo;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.OrderSide;

/**
 * A finished bracket, from the kernel's fills: what was entered, how it ended, and its result.
 * Immutable. {@code pnl} and {@code fees} are exact; {@link #pnlR()} is analytics ({@code double}).
 *
 * @param strategy the owning strategy
 * @param key the decision key
 * @param instrument the instrument
 * @param side entry side
 * @param entered entry quantity filled (zero when the entry never filled)
 * @param entryAverage average entry price ({@code NaN} when nothing was entered)
 * @param exitAverage average exit price ({@code NaN} when nothing was entered)
 * @param grossPnl realised PnL before fees
 * @param fees every fee of the bracket (entry and exits)
 * @param riskMoney 1R in money: entered × stop distance
 * @param exit how it ended ({@link BracketOrder.Exit})
 * @param openedMs entry completion time
 * @param closedMs the last exit fill time
 * @param makerQuantity quantity filled as maker (entries and exits)
 * @param filledQuantity quantity filled in total (entries and exits)
 */
public record BracketResult(
    StrategyId strategy,
    String key,
    InstrumentId instrument,
    OrderSide side,
    Quantity entered,
    double entryAverage,
    double exitAverage,
    Money grossPnl,
    Money fees,
    double riskMoney,
    BracketOrder.Exit exit,
    long openedMs,
    long closedMs,
    double makerQuantity,
    double filledQuantity) {

  /** The result of {@code b} from its fills so far (meaningful once it is closed). */
  static BracketResult of(BracketOrder b) {
    Quantity entered = b.entered;
    Quantity exited = b.exited;
    double avgIn = entered.signum() > 0 ? b.entryAverage() : Double.NaN;
    double avgOut =
        exited.signum() > 0 ? b.exitProceeds.toDouble() / exited.toDouble() : Double.NaN;
    BracketSpec spec = b.spec;
    Money gross =
        spec.side() == OrderSide.BUY
            ? b.exitProceeds.minus(b.entryCost)
            : b.entryCost.minus(b.exitProceeds);
    double filled = entered.toDouble() + exited.toDouble();
    return new BracketResult(
        spec.strategy(),
        spec.key(),
        spec.instrument().id(),
        spec.side(),
        entered,
        avgIn,
        avgOut,
        gross,
        b.fees,
        entered.toDouble() * spec.stopDistance(),
        b.exit,
        b.openedMs,
        b.closedMs,
        b.makerQty.toDouble(),
        filled);
  }

  /** Net PnL (gross minus fees). */
  public Money netPnl() {
    return grossPnl.minus(fees);
  }

  /** Net PnL in R (0 when nothing was entered). */
  public double pnlR() {
    return riskMoney > 0 ? netPnl().toDouble() / riskMoney : 0.0;
  }
}
