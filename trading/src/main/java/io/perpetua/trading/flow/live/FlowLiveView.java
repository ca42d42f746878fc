package io.perpetua.trading.flow.live;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import java.util.List;

/** What {@code /api/v1/flow/live/*} shows of the flow strategies' orders at a venue. */
public interface FlowLiveView {
  /** The orders, newest first; null filters match everything. */
  List<FlowLiveOrder> orders(StrategyId strategy, InstrumentId instrument, FlowLiveOrderStatus s);

  /** Per strategy and symbol, what the venue's fills add up to. */
  List<FlowLivePosition> positions();

  /** The execution KPIs. */
  FlowLiveKpis kpis();
}
