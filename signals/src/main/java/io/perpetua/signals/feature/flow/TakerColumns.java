package io.perpetua.signals.feature.flow;

import io.perpetua.core.TradeTick;
import java.util.Arrays;

/**
 * Builds the measured taker-buy columns of a time-major panel ({@code value[t × n + i]}) for {@link
 * io.perpetua.signals.PanelMarketView#takerFlow}: from a kline's taker-buy quote volume, and from
 * individual trades. Ticks win over the kline where both exist. Cells left unset are NaN (the
 * features then fall back to bulk volume classification). Not thread-safe (a builder).
 */
public final class TakerColumns {
  private final long[] openTimes;
  private final long barMillis;
  private final double[] quoteVolume;
  private final int n;
  private final double[] takerBuy;
  private final byte[] sources;

  /** Columns for a panel of {@code openTimes} × {@code n} instruments with these volumes. */
  public TakerColumns(long[] openTimes, long barMillis, int n, double[] quoteVolume) {
    if (quoteVolume.length != openTimes.length * n) {
      throw new IllegalArgumentException("quote volumes do not match times × instruments");
    }
    this.openTimes = openTimes;
    this.barMillis = barMillis;
    this.quoteVolume = quoteVolume;
    this.n = n;
    this.takerBuy = new double[quoteVolume.length];
    this.sources = new byte[quoteVolume.length];
    Arrays.fill(takerBuy, Double.NaN);
    Arrays.fill(sources, (byte) TakerSource.NONE.ordinal());
  }

  /** Bar {@code t} of instrument {@code i} had {@code takerBuyQuote} USDT of taker buying. */
  public TakerColumns kline(int t, int i, double takerBuyQuote) {
    int cell = t * n + i;
    if (takerBuyQuote >= 0 && sources[cell] != TakerSource.TICKS.ordinal()) {
      takerBuy[cell] = takerBuyQuote;
      sources[cell] = (byte) TakerSource.KLINE.ordinal();
    }
    return this;
  }

  /**
   * Instrument {@code i}'s trades (in time order): every bar they cover completely (from the first
   * trade's time to the last's) gets the taker-buy share of their notional, applied to the bar's
   * quote volume. Partly covered bars are left to the other sources.
   *
   * @return the number of bars set from ticks
   */
  public int ticks(int i, Iterable<TradeTick> trades) {
    double[] buy = new double[openTimes.length];
    double[] all = new double[openTimes.length];
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (TradeTick tr : trades) {
      first = Math.min(first, tr.timeMs());
      last = Math.max(last, tr.timeMs());
      int t = bar(tr.timeMs());
      if (t < 0) {
        continue;
      }
      double notional = tr.price() * tr.quantity();
      all[t] += notional;
      if (!tr.buyerMaker()) {
        buy[t] += notional;
      }
    }
    int set = 0;
    for (int t = 0; t < openTimes.length; t++) {
      boolean covered = openTimes[t] >= first && openTimes[t] + barMillis - 1 <= last;
      int cell = t * n + i;
      if (covered && all[t] > 0 && quoteVolume[cell] > 0) {
        takerBuy[cell] = buy[t] / all[t] * quoteVolume[cell];
        sources[cell] = (byte) TakerSource.TICKS.ordinal();
        set++;
      }
    }
    return set;
  }

  private int bar(long timeMs) {
    int k = Arrays.binarySearch(openTimes, timeMs);
    int t = k >= 0 ? k : -k - 2;
    return t >= 0 && timeMs < openTimes[t] + barMillis ? t : -1;
  }

  /** The taker-buy quote volumes (NaN where unmeasured). */
  public double[] takerBuy() {
    return takerBuy;
  }

  /** The source of each cell ({@link TakerSource#ordinal()}). */
  public byte[] sources() {
    return sources;
  }
}
