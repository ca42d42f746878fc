package io.perpetua.server.obs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The close time of the last bar seen per symbol: the gauge {@code
 * perpetua_data_last_bar_timestamp_seconds{symbol}} (alert on {@code time() - x}) and the status
 * endpoint's data freshness. Symbols are fixed at construction and addressed by index on the hot
 * path ({@link #record(int, long)} allocates nothing). Thread-safe.
 */
public final class DataFreshness {
  private final List<String> symbols;
  private final AtomicLongArray lastBarMs;

  /**
   * Freshness of {@code symbols}, registered in {@code registry}.
   *
   * @param symbols the symbols, in the index order of {@link #record(int, long)}
   */
  public DataFreshness(MeterRegistry registry, List<String> symbols) {
    this.symbols = List.copyOf(symbols);
    this.lastBarMs = new AtomicLongArray(symbols.size());
    for (int i = 0; i < this.symbols.size(); i++) {
      int index = i;
      Gauge.builder("perpetua.data.last.bar.timestamp", () -> lastBarMs.get(index) / 1000.0)
          .description("Close time of the last bar seen per symbol, epoch seconds (0: none yet)")
          .baseUnit("seconds")
          .tag("symbol", this.symbols.get(i))
          .register(registry);
    }
  }

  /** Symbol {@code index} has a bar closing at {@code closeTimeMs} (kept if newer). */
  public void record(int index, long closeTimeMs) {
    lastBarMs.accumulateAndGet(index, closeTimeMs, Math::max);
  }

  /** The last bar close per symbol (epoch ms, 0 when none yet), in symbol order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < symbols.size(); i++) {
      out.put(symbols.get(i), lastBarMs.get(i));
    }
    return out;
  }
}
