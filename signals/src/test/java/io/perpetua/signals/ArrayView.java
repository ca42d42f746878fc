package io.perpetua.signals;

import io.perpetua.core.InstrumentId;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a panel view built from per-instrument close arrays (hourly bars). */
public final class ArrayView {
  private ArrayView() {}

  /** closes[i][t]; quote volume = volumes[i] constant per bar. */
  public static PanelMarketView of(double[][] closes, double[] volumes) {
    int n = closes.length;
    int len = closes[0].length;
    List<InstrumentId> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(InstrumentId.usdtPerp("C" + i));
    }
    long[] times = new long[len];
    double[] close = new double[len * n];
    double[] vol = new double[len * n];
    for (int t = 0; t < len; t++) {
      times[t] = t * 3_600_000L;
      for (int i = 0; i < n; i++) {
        close[t * n + i] = closes[i][t];
        vol[t * n + i] = Double.isNaN(closes[i][t]) ? Double.NaN : volumes[i];
      }
    }
    PanelMarketView v = new PanelMarketView(ids, times, 3_600_000L, close, vol);
    v.moveTo(len - 1, times[len - 1] + 3_600_000L);
    return v;
  }
}
