package io.perpetua.optimizer;

import io.perpetua.backtest.engine.MarketSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares loaded market data between the trials of a search: every trial of a window asks for the
 * same bars, which are loaded once and then served read-only to every trial (the backtester does
 * not write to the panel). Keeps the last {@code capacity} distinct loads. Thread-safe.
 */
public final class CachingMarketSource implements MarketSource {
  private record Key(
      String timeframe, String dataSource, List<String> symbols, long from, long to) {}

  private final MarketSource source;
  private final Map<Key, MarketData> cache;

  /** A cache of {@code capacity} loads over {@code source}. */
  public CachingMarketSource(MarketSource source, int capacity) {
    this.source = source;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, MarketData> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public MarketData load(
      String timeframe, String dataSource, List<String> symbols, long fromMs, long toMs) {
    Key key = new Key(timeframe, dataSource, List.copyOf(symbols), fromMs, toMs);
    synchronized (cache) {
      MarketData hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
      MarketData loaded = source.load(timeframe, dataSource, symbols, fromMs, toMs);
      cache.put(key, loaded);
      return loaded;
    }
  }
}
