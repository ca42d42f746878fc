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

  /** Net PnL (gross minus fees). */
  public Money netPnl() {
    return grossPnl.minus(fees);
  }

  /** Net PnL in R (0 when nothing was entered). */
  public double pnlR() {
    return riskMoney > 0 ? netPnl().toDouble() / riskMoney : 0.0;
  }
}
