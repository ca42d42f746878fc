package io.perpetua.backtest.engine;

import io.perpetua.core.Instrument;
import io.perpetua.jobs.RunActivity.SkippedSymbol;
import io.perpetua.market.FundingSeries;
import io.perpetua.trading.kernel.MarketPanel;
import java.util.List;

/**
 * Provides the bars a backtest replays. The composition root implements it over the catalog.
 * Unknown symbols, timeframes it cannot serve and ranges without any data raise {@link
 * IllegalArgumentException} naming the field; a known symbol without usable data in the range is
 * left out of the run and listed in {@link MarketData#skipped()}.
 */
public interface MarketSource {
  /**
   * The data of a run.
   *
   * @param panel bars in {@code [from, to)}
   * @param instruments instruments in panel order
   * @param funding recorded funding per instrument (null entries where none)
   * @param survivorshipBiased true when the data set lacks delisted instruments
   * @param skipped requested symbols left out, and why (no bars, or no volume for dollar bars)
   * @param spotSymbols venue symbols of the run whose bars are spot, not perpetual, data
   */
  record MarketData(
      MarketPanel panel,
      List<Instrument> instruments,
      List<FundingSeries> funding,
      boolean survivorshipBiased,
      List<SkippedSymbol> skipped,
      List<String> spotSymbols) {
    /** Copies the lists. */
    public MarketData {
      skipped = List.copyOf(skipped);
      spotSymbols = spotSymbols == null ? List.of() : List.copyOf(spotSymbols);
    }

    /** Data of perpetual bars only. */
    public MarketData(
        MarketPanel panel,
        List<Instrument> instruments,
        List<FundingSeries> funding,
        boolean survivorshipBiased,
        List<SkippedSymbol> skipped) {
      this(panel, instruments, funding, survivorshipBiased, skipped, List.of());
    }
  }

  /**
   * Loads {@code symbols} (venue symbols; empty = all) at {@code timeframe} from {@code dataSource}
   * ({@code kline} or {@code dollar_bar}) for bars opening in {@code [fromMs, toMs)}. A timeframe
   * the source does not store may be built from finer bars where that is exact (see {@code
   * io.perpetua.market.BarResampler}).
   */
  MarketData load(
      String timeframe, String dataSource, List<String> symbols, long fromMs, long toMs);
}
