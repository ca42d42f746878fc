package io.perpetua.backtest.engine;

import io.perpetua.core.Instrument;
import io.perpetua.market.FundingSeries;
import io.perpetua.trading.kernel.MarketPanel;
import java.util.List;

/**
 * Provides the bars a backtest replays. The composition root implements it over the catalog.
 * Unknown symbols, unknown timeframes and empty ranges raise {@link IllegalArgumentException}
 * naming the field.
 */
public interface MarketSource {
  /**
   * The data of a run.
   *
   * @param panel bars in {@code [from, to)}
   * @param instruments instruments in panel order
   * @param funding recorded funding per instrument (null entries where none)
   * @param survivorshipBiased true when the data set lacks delisted instruments
   */
  record MarketData(
      MarketPanel panel,
      List<Instrument> instruments,
      List<FundingSeries> funding,
      boolean survivorshipBiased) {}

  /**
   * Loads {@code symbols} (venue symbols; empty = all) at {@code timeframe} from {@code dataSource}
   * ({@code kline} or {@code dollar_bar}) for bars opening in {@code [fromMs, toMs)}.
   */
  MarketData load(
      String timeframe, String dataSource, List<String> symbols, long fromMs, long toMs);
}
