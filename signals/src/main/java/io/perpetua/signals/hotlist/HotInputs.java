package io.perpetua.signals.hotlist;

import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingSeries;
import java.util.Objects;

/**
 * What the scan knows of one symbol: its bars (the platform's timeframe, 1 h), and where the data
 * has them, its funding settlements, open interest and long/short account ratio (null: none).
 * Inputs may extend past the scan's timestamp: the scorer reads only what was known by then.
 *
 * @param symbol API symbol, e.g. {@code BTCUSDT}
 * @param bars the bars
 * @param funding funding settlements, or null
 * @param openInterest open interest, or null
 * @param longShortRatio long/short account ratio, or null
 */
public record HotInputs(
    String symbol,
    BarSeries bars,
    FundingSeries funding,
    TimedValues openInterest,
    TimedValues longShortRatio) {

  /** Validates. */
  public HotInputs {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(bars, "bars");
  }
}
