package io.perpetua.app;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.Times;
import io.perpetua.server.v1.AnalyticsRoutes;
import io.perpetua.trading.kernel.MarketPanel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Daily close-to-close returns of symbols from the loaded market panel, for the symbol-level
 * volatility endpoint: the close of a UTC day is the last bar closing on or before the next
 * midnight. Read-only over an immutable panel; thread-safe.
 */
final class MarketReturns implements AnalyticsRoutes.SymbolReturns {
  private final MarketPanel panel;
  private final Map<String, Integer> index = new HashMap<>();

  MarketReturns(MarketPanel panel) {
    this.panel = panel;
    List<InstrumentId> ids = panel.instruments();
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i).apiSymbol(), i);
    }
  }

  @Override
  public double[][] dailyReturns(List<String> symbols, long endMs, int days) {
    long lastMidnight = Math.floorDiv(endMs, Times.DAY_MS) * Times.DAY_MS;
    int[] steps = new int[days + 1]; // steps[k]: last bar closing at or before midnight - k days
    for (int k = 0; k <= days; k++) {
      steps[k] = lastAtOrBefore(lastMidnight - (long) (days - k) * Times.DAY_MS);
    }
    double[][] out = new double[symbols.size()][days];
    for (int s = 0; s < symbols.size(); s++) {
      Integer i = index.get(symbols.get(s));
      for (int d = 0; d < days; d++) {
        double prev = i == null || steps[d] < 0 ? Double.NaN : panel.close(steps[d], i);
        double cur = i == null || steps[d + 1] < 0 ? Double.NaN : panel.close(steps[d + 1], i);
        out[s][d] = prev > 0 && cur > 0 ? cur / prev - 1 : Double.NaN;
      }
    }
    return out;
  }

  private int lastAtOrBefore(long timeMs) {
    int lo = 0;
    int hi = panel.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (panel.closeTime(mid) <= timeMs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }
}
