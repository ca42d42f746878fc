package io.perpetua.signals;

import io.perpetua.core.InstrumentId;
import io.perpetua.signals.feature.flow.TakerSource;
import java.util.List;

/**
 * A {@link MarketView} over a time-major panel ({@code value[t × n + i]}, NaN where absent) with a
 * movable cursor: bars {@code 0..cursor} are visible, nothing after. The arrays are shared, not
 * copied. Bars up to the cursor must not change while the view is used; later ones may still be
 * written (a live panel grows bar by bar), as running sums are extended only up to the cursor.
 *
 * <p>Not thread-safe (the cursor is mutable); one view per kernel thread.
 */
public final class PanelMarketView implements MarketView {
  private final List<InstrumentId> instruments;
  private final long[] openTimes;
  private final long barMillis;
  private final double[] close;
  private final double[] quoteVolume;
  private final int n;
  private double[] cumulativeQuoteVolume;
  private double[] takerBuyQuoteVolume; // null: no measured taker volume
  private byte[] takerSources;
  private int summedBars; // bars whose running volume sums are computed
  private int cursor = -1;
  private long time;

  /** A view over the given panel; the cursor starts before the first bar. */
  public PanelMarketView(
      List<InstrumentId> instruments,
      long[] openTimes,
      long barMillis,
      double[] close,
      double[] quoteVolume) {
    this.instruments = List.copyOf(instruments);
    this.n = instruments.size();
    if (close.length != openTimes.length * n || quoteVolume.length != close.length) {
      throw new IllegalArgumentException("panel arrays do not match times × instruments");
    }
    this.openTimes = openTimes;
    this.barMillis = barMillis;
    this.close = close;
    this.quoteVolume = quoteVolume;
  }

  /**
   * Makes bars {@code 0..latestClosed} visible at decision time {@code timeMs}, which must not be
   * before the close of bar {@code latestClosed}.
   */
  public void moveTo(int latestClosed, long timeMs) {
    if (latestClosed >= openTimes.length) {
      throw new IllegalArgumentException("cursor beyond the panel: " + latestClosed);
    }
    if (latestClosed >= 0 && timeMs < openTimes[latestClosed] + barMillis) {
      throw new IllegalArgumentException("bar " + latestClosed + " has not closed at " + timeMs);
    }
    this.cursor = latestClosed;
    this.time = timeMs;
  }

  /**
   * Adds measured taker-buy quote volumes ({@code value[t × n + i]}, NaN where unmeasured) and
   * their sources ({@link TakerSource#ordinal()} per cell). Shared, not copied.
   */
  public void takerFlow(double[] takerBuy, byte[] sources) {
    if (takerBuy.length != close.length || sources.length != close.length) {
      throw new IllegalArgumentException("taker columns do not match times × instruments");
    }
    this.takerBuyQuoteVolume = takerBuy;
    this.takerSources = sources;
  }

  @Override
  public double takerBuyQuoteVolume(int i, int barsAgo) {
    return takerBuyQuoteVolume == null ? Double.NaN : value(takerBuyQuoteVolume, i, barsAgo);
  }

  @Override
  public TakerSource takerSource(int i, int barsAgo) {
    if (takerSources == null || Double.isNaN(takerBuyQuoteVolume(i, barsAgo))) {
      return TakerSource.NONE;
    }
    return TakerSource.of(takerSources[(cursor - barsAgo) * n + i]);
  }

  /** The index of the latest visible bar (−1 when none). */
  public int cursor() {
    return cursor;
  }

  @Override
  public long time() {
    return time;
  }

  @Override
  public long barMillis() {
    return barMillis;
  }

  @Override
  public int instrumentCount() {
    return n;
  }

  @Override
  public InstrumentId instrument(int i) {
    return instruments.get(i);
  }

  @Override
  public int history() {
    return cursor + 1;
  }

  @Override
  public long openTime(int barsAgo) {
    int t = cursor - barsAgo;
    if (barsAgo < 0 || t < 0) {
      throw new IndexOutOfBoundsException("bar " + barsAgo + " ago is not visible");
    }
    return openTimes[t];
  }

  @Override
  public double close(int i, int barsAgo) {
    return value(close, i, barsAgo);
  }

  @Override
  public double quoteVolume(int i, int barsAgo) {
    return value(quoteVolume, i, barsAgo);
  }

  @Override
  public double quoteVolumeSum(int i, int bars) {
    if (summedBars <= cursor) {
      extendSums();
    }
    int k = Math.min(bars, history());
    if (k <= 0) {
      return 0;
    }
    double upper = cumulativeQuoteVolume[cursor * n + i];
    int before = cursor - k;
    return before < 0 ? upper : upper - cumulativeQuoteVolume[before * n + i];
  }

  /**
   * Extends the per-instrument running sums over time of the positive volumes (NaN counts as 0) up
   * to the cursor: each bar is summed once, when it first becomes visible.
   */
  private void extendSums() {
    if (cumulativeQuoteVolume == null) {
      cumulativeQuoteVolume = new double[quoteVolume.length];
    }
    double[] out = cumulativeQuoteVolume;
    int end = (cursor + 1) * n;
    for (int idx = summedBars * n; idx < end; idx++) { // time-major: one sequential pass
      double v = quoteVolume[idx];
      double previous = idx >= n ? out[idx - n] : 0.0;
      out[idx] = v > 0 ? previous + v : previous;
    }
    summedBars = cursor + 1;
  }

  private double value(double[] column, int i, int barsAgo) {
    int t = cursor - barsAgo;
    if (barsAgo < 0 || t < 0) {
      throw new IndexOutOfBoundsException("bar " + barsAgo + " ago is not visible");
    }
    return column[t * n + i];
  }
}
