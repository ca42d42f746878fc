package io.perpetua.trading.flow;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowTier;
import io.perpetua.trading.kernel.algo.BracketOrder;
import io.perpetua.trading.kernel.algo.BracketSpec;

/** Open flow positions as the API shows them, read from the kernel's bracket orders. Stateless. */
final class FlowPositions {
  private FlowPositions() {}

  /**
   * The open position of an entered bracket: entered quantity and average entry from the kernel's
   * entry fills, the open quantity, the stop and take-profit levels; the realised part is the TP1
   * half at its level (gross, fees not split per leg: 0), the deadline the entry time plus the hold
   * timeout.
   */
  static PositionSnapshot of(
      BracketOrder b,
      StrategyId strategy,
      FlowDirection direction,
      FlowTier tier,
      double score,
      double signalPrice,
      boolean flipped) {
    BracketSpec spec = b.spec();
    double entered = b.filledOf("entry").plus(b.filledOf("entry-mkt")).toDouble();
    double open = b.open().toDouble();
    double entry = b.entryAverage();
    double tp1 = b.takeProfit(1) == null ? Double.NaN : b.takeProfit(1).toDouble();
    double tp2 = b.takeProfit(2) == null ? Double.NaN : b.takeProfit(2).toDouble();
    double exited = Math.max(0, entered - open);
    double realized = b.tp1Done() ? direction.sign() * (tp1 - entry) * exited : 0;
    long opened = b.openedMs();
    return new PositionSnapshot(
        spec.key(),
        strategy,
        spec.instrument().id(),
        direction,
        tier,
        score,
        opened,
        signalPrice,
        entry,
        Double.NaN,
        spec.stopDistance(),
        entered,
        open,
        b.stop().toDouble(),
        tp1,
        tp2,
        b.tp1Done() ? FlowTradeStatus.TP1_HIT : FlowTradeStatus.ACTIVE,
        opened + spec.timing().holdTimeoutMs(),
        realized,
        0,
        0,
        0,
        entered,
        0,
        Double.NaN,
        0,
        flipped,
        Double.NaN,
        0,
        b.tp1Done() ? 1 : 0,
        0);
  }
}
