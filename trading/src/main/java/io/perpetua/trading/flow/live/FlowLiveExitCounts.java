package io.perpetua.trading.flow.live;

import io.perpetua.core.order.OrderStatus;
import io.perpetua.core.order.OrderType;
import io.perpetua.trading.port.OrderRecord;
import java.util.List;

/** The exit KPIs of the flow trades from the kernel's order records. Stateless. */
final class FlowLiveExitCounts {
  private FlowLiveExitCounts() {}

  /**
   * Counts the exit legs: TP limits sent, TP halves filled (by their limit alone, or partly at
   * market after the TP timeout), timeout limits and their market rests, stop and flip closes, and
   * the maker share of the TP and exit quantity (limit fills are the maker ones: exit limits are
   * reduce-only post-only). Slippage against a paper price has no meaning here (one engine): NaN.
   */
  static FlowLiveExitKpis of(List<OrderRecord> records, FlowLegIndex legs) {
    long tpLimits = 0;
    long tpMarkets = 0;
    long tpLimitFilled = 0;
    long timeoutLimits = 0;
    long timeoutMarkets = 0;
    long stops = 0;
    long flips = 0;
    double tpQty = 0;
    double tpMakerQty = 0;
    double exitQty = 0;
    double exitMakerQty = 0;
    for (OrderRecord r : records) {
      FlowLegIndex.Ref ref = legs.find(r.order());
      if (ref == null || ref.leg() == FlowLiveLeg.ENTRY) {
        continue;
      }
      boolean limit = r.order().type() == OrderType.LIMIT;
      double filled = r.filledQuantity().toDouble();
      boolean tp = ref.leg() == FlowLiveLeg.TP1 || ref.leg() == FlowLiveLeg.TP2;
      exitQty += filled;
      exitMakerQty += limit ? filled : 0;
      if (tp) {
        tpQty += filled;
        tpMakerQty += limit ? filled : 0;
        tpLimits += limit ? 1 : 0;
        tpMarkets += limit ? 0 : 1;
        tpLimitFilled += limit && r.status() == OrderStatus.FILLED ? 1 : 0;
      } else if (ref.leg() == FlowLiveLeg.TIMEOUT) {
        timeoutLimits += limit ? 1 : 0;
        timeoutMarkets += limit ? 0 : 1;
      } else if (ref.name().startsWith("flatten")) {
        flips++;
      } else {
        stops++;
      }
    }
    long tranches = tpLimitFilled + tpMarkets;
    return new FlowLiveExitKpis(
        tpLimits > 0 || timeoutLimits > 0,
        tpLimits,
        0,
        tranches,
        tpLimitFilled,
        tpMarkets,
        tpQty > 0 ? tpMakerQty / tpQty : Double.NaN,
        tranches > 0 ? (double) tpMarkets / tranches : Double.NaN,
        Double.NaN,
        timeoutLimits,
        timeoutMarkets,
        stops,
        flips,
        exitQty > 0 ? exitMakerQty / exitQty : Double.NaN);
  }
}
