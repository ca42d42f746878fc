package io.perpetua.trading.flow.live;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.trading.flow.StrategyKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The executor's read side: views of its orders and books. Called under the executor's lock. */
final class LiveReads {
  private LiveReads() {}

  /** What the orders and books add up to for the KPIs. */
  record Counts(long[] byStatus, long sent, double entryMakerShare, LiveBook all) {
    long of(FlowLiveOrderStatus s) {
      return byStatus[s.ordinal()];
    }
  }

  /** Orders, newest decision first; null filters match everything. */
  static List<FlowLiveOrder> orders(
      Collection<Tracked> orders,
      StrategyId strategy,
      InstrumentId symbol,
      FlowLiveOrderStatus status) {
    List<FlowLiveOrder> out = new ArrayList<>();
    for (Tracked t : orders) {
      if ((strategy == null || t.key.strategyId().equals(strategy))
          && (symbol == null || t.key.instrument().equals(symbol))
          && (status == null || t.status == status)) {
        out.add(t.view());
      }
    }
    return out.reversed();
  }

  /** What the fills add up to per strategy and symbol, in first-trade order. */
  static List<FlowLivePosition> positions(
      Map<StrategyKey, LiveBook> books, ToDoubleFunction<InstrumentId> marks) {
    List<FlowLivePosition> out = new ArrayList<>();
    books.forEach(
        (k, b) -> {
          double mark = marks.applyAsDouble(k.instrument());
          out.add(
              new FlowLivePosition(
                  k.strategyId(),
                  k.instrument(),
                  b.quantity.doubleValue(),
                  b.averageEntry,
                  mark > 0 ? mark : Double.NaN,
                  b.unrealized(mark),
                  b.realized,
                  b.fees,
                  b.slippageBps(),
                  b.makerShare(),
                  b.orders,
                  b.fills));
        });
    return out;
  }

  /** Orders by status, orders sent, the entries' maker share and the books' sums. */
  static Counts counts(Collection<Tracked> orders, Collection<LiveBook> books) {
    long[] n = new long[FlowLiveOrderStatus.values().length];
    double entryMaker = 0;
    double entryNotional = 0;
    for (Tracked t : orders) {
      n[t.status.ordinal()]++;
      if (t.leg == FlowLiveLeg.ENTRY && t.filled.signum() > 0) {
        entryNotional += t.notional;
        entryMaker += t.notional * t.makerQuantity / t.filled.doubleValue();
      }
    }
    LiveBook all = new LiveBook();
    for (LiveBook b : books) {
      all.makerNotional += b.makerNotional;
      all.takerNotional += b.takerNotional;
      all.slippageCost += b.slippageCost;
      all.paperNotional += b.paperNotional;
      all.fees += b.fees;
      all.realized += b.realized;
    }
    long sent = 0;
    for (FlowLiveOrderStatus s : FlowLiveOrderStatus.values()) {
      sent += s.sent() ? n[s.ordinal()] : 0;
    }
    return new Counts(n, sent, entryNotional > 0 ? entryMaker / entryNotional : Double.NaN, all);
  }
}
