package io.perpetua.bench.macross;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeExecutionModel;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.NumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The MA-cross rule on ta4j, as its documentation builds it: a {@link BarSeries} per symbol, two
 * {@link SMAIndicator}s of the close, a {@link CrossedUpIndicatorRule} entry and a {@link
 * CrossedDownIndicatorRule} exit, run by a {@link BarSeriesManager} with zero costs. The one
 * departure from ta4j's defaults is the execution model: {@link #NEXT_CLOSE} fills a signal of bar
 * {@code k} at bar {@code k + 1}'s close, the kernel's timing (ta4j's default fills at the next
 * open: the same bar index, another price).
 *
 * <p>Stateless; the series it builds are not shared between threads (ta4j caches indicator values
 * in the indicators, which are created per run).
 */
public final class Ta4jMaCross {
  /**
   * Trades a signal of bar {@code k} at the close of bar {@code k + 1}; none after the last bar.
   */
  public static final TradeExecutionModel NEXT_CLOSE =
      (index, record, series, amount) -> {
        int next = index + 1;
        if (next <= series.getEndIndex()) {
          record.operate(next, series.getBar(next).getClosePrice(), amount);
        }
      };

  private Ta4jMaCross() {}

  /**
   * Builds one ta4j series per symbol (open, high, low, close, volume; the bar ends at its close
   * time) with {@code numFactory}: {@code DecimalNumFactory} is ta4j's default and compares the
   * averages exactly; {@code DoubleNumFactory} is faster but rounds.
   */
  public static List<BarSeries> series(MaCrossData data, NumFactory numFactory) {
    Duration period = Duration.ofMillis(data.timeframe().millis());
    List<BarSeries> out = new ArrayList<>(data.symbolCount());
    for (int s = 0; s < data.symbolCount(); s++) {
      io.perpetua.market.BarSeries bars = data.series(s);
      BarSeries series =
          new BaseBarSeriesBuilder()
              .withName(data.symbols().get(s))
              .withNumFactory(numFactory)
              .build();
      for (int k = 0; k < bars.size(); k++) {
        series
            .barBuilder()
            .timePeriod(period)
            .endTime(Instant.ofEpochMilli(bars.openTimeMs(k)).plus(period))
            .openPrice(bars.open(k))
            .highPrice(bars.high(k))
            .lowPrice(bars.low(k))
            .closePrice(bars.close(k))
            .volume(bars.volume(k))
            .add();
      }
      out.add(series);
    }
    return out;
  }

  /** Backtests the rule on every series; fills are bar indices of each series. */
  public static TradeList run(List<String> symbols, List<BarSeries> series, int fast, int slow) {
    TradeList.Builder trades = TradeList.builder(symbols);
    for (int s = 0; s < series.size(); s++) {
      TradingRecord record = runSymbol(series.get(s), fast, slow);
      for (Position p : record.getPositions()) {
        trades.fill(s, p.getEntry().getIndex());
        trades.fill(s, p.getExit().getIndex());
      }
      if (record.getCurrentPosition().isOpened()) {
        trades.fill(s, record.getCurrentPosition().getEntry().getIndex());
      }
    }
    return trades.build();
  }

  /** One symbol's backtest. */
  public static TradingRecord runSymbol(BarSeries series, int fast, int slow) {
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    SMAIndicator fastSma = new SMAIndicator(close, fast);
    SMAIndicator slowSma = new SMAIndicator(close, slow);
    Strategy strategy =
        new BaseStrategy(
            new CrossedUpIndicatorRule(fastSma, slowSma),
            new CrossedDownIndicatorRule(fastSma, slowSma));
    return new BarSeriesManager(series, NEXT_CLOSE).run(strategy);
  }
}
