package io.perpetua.venue.binance;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.FlowTickMeta;
import io.perpetua.market.tick.FlowTickStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link FlowTickStore} in memory: every appended batch in order, trades kept once by id. */
final class MemoryFlowTickStore implements FlowTickStore {
  final List<List<FlowTick>> batches = new ArrayList<>();
  private final List<FlowTick> ticks = new ArrayList<>();
  private final Set<List<Object>> tradeKeys = new HashSet<>();
  private final Map<InstrumentId, FlowTickMeta> meta = new LinkedHashMap<>();
  int storedTwice;

  @Override
  public synchronized void append(List<FlowTick> batch, Collection<FlowTickMeta> metas) {
    batches.add(List.copyOf(batch));
    for (FlowTick t : batch) {
      if (t instanceof AggTrade a && !tradeKeys.add(List.of(a.instrument(), a.aggId()))) {
        storedTwice++;
        continue;
      }
      ticks.add(t);
    }
    metas.forEach(m -> meta.put(m.instrument(), m));
  }

  @Override
  public synchronized Map<InstrumentId, FlowTickMeta> meta() {
    return Map.copyOf(meta);
  }

  @Override
  public synchronized List<FlowTick> ticks(
      InstrumentId instrument, long fromMs, long toMs, int limit) {
    return ticks.stream()
        .filter(t -> t.instrument().equals(instrument))
        .filter(t -> t.timeMs() >= fromMs && t.timeMs() <= toMs)
        .sorted(Comparator.comparingLong(FlowTick::timeMs))
        .limit(limit)
        .toList();
  }

  /** The stored trade ids of {@code instrument}, in storage order. */
  synchronized List<Long> tradeIds(InstrumentId instrument) {
    return ticks.stream()
        .filter(t -> t instanceof AggTrade && t.instrument().equals(instrument))
        .map(t -> ((AggTrade) t).aggId())
        .toList();
  }
}
