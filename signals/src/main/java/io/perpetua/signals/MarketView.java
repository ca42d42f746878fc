package io.perpetua.signals;

import io.perpetua.core.InstrumentId;
import io.perpetua.signals.feature.flow.TakerSource;

/**
 * What a strategy may see at decision time: the bars of a fixed set of instruments that had closed
 * by {@link #time()}, indexed backwards ({@code barsAgo = 0} is the latest closed bar). It cannot
 * reach bars after {@link #time()}, so look-ahead is impossible by construction.
 *
 * <p>Values are {@code NaN} when an instrument had no bar then (not yet listed, or a gap).
 * Implementations are read-only views; not thread-safe unless stated.
 */
public interface MarketView {
  /** Decision time, epoch ms. */
  long time();

  /** The bar interval in milliseconds. */
  long barMillis();

  /** Number of instruments (dense indices {@code 0..n-1}). */
  int instrumentCount();

  /** The instrument at dense index {@code i}. */
  InstrumentId instrument(int i);

  /**
   * Open time of the bar {@code barsAgo} bars before the latest closed one. The default assumes
   * bars on a regular grid whose latest closed at or before {@link #time()}; panel views answer
   * exactly.
   */
  default long openTime(int barsAgo) {
    return (Math.floorDiv(time(), barMillis()) - 1 - barsAgo) * barMillis();
  }

  /** How many closed bars are visible ({@code barsAgo} must be below this). */
  int history();

  /** Close of instrument {@code i}, {@code barsAgo} bars before the latest closed bar. */
  double close(int i, int barsAgo);

  /** Quote (USDT) volume of instrument {@code i}, {@code barsAgo} bars back. */
  double quoteVolume(int i, int barsAgo);

  /**
   * Sum of the quote volume of instrument {@code i} over the latest {@code bars} visible bars (NaN
   * counts as 0). The default loops; panel views answer in O(1) from prefix sums.
   */
  default double quoteVolumeSum(int i, int bars) {
    double sum = 0;
    int k = Math.min(bars, history());
    for (int b = 0; b < k; b++) {
      double v = quoteVolume(i, b);
      if (v > 0) {
        sum += v;
      }
    }
    return sum;
  }

  /**
   * Taker-buy (aggressor buy) quote volume of instrument {@code i}, {@code barsAgo} bars back,
   * where the data measured it (trades aggregated per bar, or the 12-column kline's taker-buy
   * volume); NaN where it did not. The default has none.
   */
  default double takerBuyQuoteVolume(int i, int barsAgo) {
    return Double.NaN;
  }

  /**
   * Where {@link #takerBuyQuoteVolume} of that bar came from ({@link TakerSource#TICKS} or {@link
   * TakerSource#KLINE}); {@link TakerSource#NONE} where it is NaN.
   */
  default TakerSource takerSource(int i, int barsAgo) {
    return TakerSource.NONE;
  }
}
