package io.perpetua.backtest.engine;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Times;
import io.perpetua.jobs.RunActivity.SkippedSymbol;
import io.perpetua.market.AlignedBars;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarField;
import io.perpetua.market.BarResampler;
import io.perpetua.market.BarSeries;
import io.perpetua.market.DollarBars;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.FundingSeries;
import io.perpetua.trading.kernel.MarketPanel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backtest data from the bar and funding catalogs. {@code kline} replays the stored time bars, or
 * bars resampled from a finer stored timeframe where that is exact ({@code 4h} and {@code 1d} from
 * {@code 1h}, complete UTC buckets only: {@link BarResampler}); {@code dollar_bar} aggregates each
 * instrument's time bars into dollar bars of about {@value #DOLLAR_BARS_PER_DAY} per median day
 * (see {@link DollarBars}) and aligns them on their completion times. Instrument filters (tick,
 * step) are derived from each instrument's first price in the loaded window, which every decision
 * of the run can see: a run's result does not depend on bars after its last decision (it did when
 * they came from the range's last close, so moving {@code --end} changed earlier trades).
 *
 * <p>A symbol without bars in the loaded window (warm-up included), or, for dollar bars, without
 * any traded volume there, is left out of the run and reported in {@link MarketData#skipped()};
 * only a window in which no symbol has data fails the run.
 *
 * <p>Thread-safe (reads only; the catalogs' files are replaced atomically).
 */
public final class CatalogMarketSource implements MarketSource {
  /** Dollar bars per median day for {@code dollar_bar}. */
  public static final int DOLLAR_BARS_PER_DAY = 24;

  private final BarCatalog bars;
  private final FundingCatalog funding;
  private final String fundingVenue;
  private final boolean survivorshipBiased;
  private final Map<String, List<String>> spotBars;

  /** A source over the catalogs; funding comes from {@code fundingVenue}'s history. */
  public CatalogMarketSource(
      BarCatalog bars, FundingCatalog funding, String fundingVenue, boolean survivorshipBiased) {
    this(bars, funding, fundingVenue, survivorshipBiased, Map.of());
  }

  private CatalogMarketSource(
      BarCatalog bars,
      FundingCatalog funding,
      String fundingVenue,
      boolean survivorshipBiased,
      Map<String, List<String>> spotBars) {
    this.bars = bars;
    this.funding = funding;
    this.fundingVenue = fundingVenue;
    this.survivorshipBiased = survivorshipBiased;
    this.spotBars = Map.copyOf(spotBars);
  }

  /**
   * This source, knowing which symbols' stored bars are spot rather than perpetual data, by stored
   * timeframe code (e.g. {@code 1h → [BTCUSDT, ...]}); runs list those they use.
   */
  public CatalogMarketSource withSpotBars(Map<String, List<String>> spot) {
    return new CatalogMarketSource(bars, funding, fundingVenue, survivorshipBiased, spot);
  }

  @Override
  public MarketData load(
      String timeframe, String dataSource, List<String> symbols, long fromMs, long toMs) {
    Timeframe tf = timeframe(timeframe);
    boolean dollar =
        switch (dataSource == null ? "kline" : dataSource.toLowerCase(Locale.ROOT)) {
          case "kline" -> false;
          case "dollar_bar" -> true;
          default ->
              throw new IllegalArgumentException(
                  "data_source: expected kline or dollar_bar, was '" + dataSource + "'");
        };
    try {
      Timeframe stored;
      try {
        stored = BarResampler.requireSource(tf, bars.timeframes());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("timeframe: " + e.getMessage(), e);
      }
      Map<InstrumentId, BarSeries> series = new LinkedHashMap<>();
      List<SkippedSymbol> skipped = new ArrayList<>();
      for (InstrumentId id : universe(stored, tf, symbols)) {
        BarSeries s = series(id, stored, tf, dollar, fromMs, toMs, skipped);
        if (s != null) {
          series.put(id, s);
        }
      }
      if (series.isEmpty()) {
        throw new IllegalArgumentException(
            "symbols: no "
                + tf.code()
                + " data between "
                + window(fromMs, toMs)
                + (skipped.isEmpty() ? "" : " (" + skipped.size() + " symbols skipped)"));
      }
      AlignedBars aligned = AlignedBars.of(tf, series, fromMs, toMs);
      MarketPanel panel =
          new MarketPanel(
              aligned.instruments(),
              aligned.times(),
              tf.millis(),
              aligned.column(BarField.CLOSE),
              aligned.column(BarField.QUOTE_VOLUME));
      List<Instrument> instruments = new ArrayList<>();
      for (InstrumentId id : aligned.instruments()) {
        instruments.add(Instrument.derivedFrom(id, firstClose(series.get(id))));
      }
      return new MarketData(
          panel,
          instruments,
          funding(aligned.instruments(), fromMs, toMs),
          survivorshipBiased,
          skipped,
          spot(stored, aligned.instruments()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the catalog at " + bars.root(), e);
    }
  }

  /**
   * The bars of {@code id} at {@code tf} (read at {@code stored}), as dollar bars if asked; null,
   * with the reason added to {@code skipped}, when it has none in the window.
   */
  private BarSeries series(
      InstrumentId id,
      Timeframe stored,
      Timeframe tf,
      boolean dollar,
      long fromMs,
      long toMs,
      List<SkippedSymbol> skipped)
      throws IOException {
    BarSeries s = bars.read(id, stored, fromMs, toMs).orElse(null);
    if (s != null && stored != tf) {
      s = BarResampler.resample(s, tf);
    }
    String reason = null;
    if (s == null || s.isEmpty()) {
      reason = "no " + tf.code() + " bars between " + window(fromMs, toMs);
    } else if (dollar) {
      double threshold = DollarBars.thresholdFor(s, DOLLAR_BARS_PER_DAY);
      if (threshold > 0) {
        return DollarBars.build(s, threshold);
      }
      reason = "no traded volume between " + window(fromMs, toMs) + " to build dollar bars from";
    }
    if (reason != null) {
      skipped.add(new SkippedSymbol(id.venueSymbol(), reason));
      return null;
    }
    return s;
  }

  private static Timeframe timeframe(String code) {
    try {
      return Timeframe.parse(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("timeframe: " + e.getMessage(), e);
    }
  }

  /** The recorded funding of each instrument in the window (null where none). */
  private List<FundingSeries> funding(List<InstrumentId> ids, long fromMs, long toMs)
      throws IOException {
    List<FundingSeries> out = new ArrayList<>();
    for (InstrumentId id : ids) {
      out.add(funding.read(fundingVenue, id, fromMs, toMs).orElse(null));
    }
    return out;
  }

  /** The venue symbols among {@code ids} whose {@code stored} bars are spot data. */
  private List<String> spot(Timeframe stored, List<InstrumentId> ids) {
    List<String> spotStored = spotBars.getOrDefault(stored.code(), List.of());
    List<String> out = new ArrayList<>();
    for (InstrumentId id : ids) {
      if (spotStored.contains(id.venueSymbol())) {
        out.add(id.venueSymbol());
      }
    }
    return out;
  }

  /** The first positive close of {@code s} (its first close when none is positive). */
  static double firstClose(BarSeries s) {
    for (int k = 0; k < s.size(); k++) {
      double c = s.close(k);
      if (c > 0 && Double.isFinite(c)) {
        return c;
      }
    }
    return s.close(0);
  }

  private static String window(long fromMs, long toMs) {
    return Times.isoDate(fromMs) + " and " + Times.isoDate(toMs - 1);
  }

  private List<InstrumentId> universe(Timeframe stored, Timeframe tf, List<String> symbols)
      throws IOException {
    List<InstrumentId> known = bars.instruments(stored);
    if (symbols.isEmpty()) {
      return known;
    }
    List<InstrumentId> out = new ArrayList<>();
    for (String symbol : symbols) {
      InstrumentId id;
      try {
        id =
            symbol.contains("/")
                ? InstrumentId.parse(symbol)
                : InstrumentId.fromVenueSymbol(symbol);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("symbols: " + e.getMessage(), e);
      }
      if (!known.contains(id)) {
        throw new IllegalArgumentException("symbols: no " + tf.code() + " data for " + symbol);
      }
      out.add(id);
    }
    return out;
  }
}
