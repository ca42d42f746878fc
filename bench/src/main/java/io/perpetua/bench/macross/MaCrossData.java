package io.perpetua.bench.macross;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.AlignedBars;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarField;
import io.perpetua.market.BarSeries;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.importer.KlineImporter;
import io.perpetua.trading.kernel.MarketPanel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bars of the MA-cross comparison, in the forms each implementation reads: per symbol (its own
 * bars, no gaps filled: the bare loop's arrays and ta4j's series), the time-major panel of all
 * symbols (one kernel run), and a one-symbol panel per symbol (one kernel run each). Symbols are in
 * the panel's order (by API symbol).
 *
 * <p>Immutable after construction; the arrays are shared and must not be modified, so one instance
 * serves concurrent readers.
 */
public final class MaCrossData {
  private final Timeframe timeframe;
  private final List<BarSeries> series;
  private final List<String> symbols;
  private final double[][] closes;
  private final long[][] openTimes;
  private final MarketPanel panel;
  private final List<MarketPanel> symbolPanels;
  private final List<Instrument> instruments;
  private final long symbolBars;

  private MaCrossData(Timeframe timeframe, Map<InstrumentId, BarSeries> bySymbol) {
    this.timeframe = timeframe;
    AlignedBars aligned = AlignedBars.of(timeframe, bySymbol, Long.MIN_VALUE, Long.MAX_VALUE);
    int n = aligned.instrumentCount();
    this.series = new ArrayList<>(n);
    this.symbols = new ArrayList<>(n);
    this.closes = new double[n][];
    this.openTimes = new long[n][];
    this.symbolPanels = new ArrayList<>(n);
    this.instruments = new ArrayList<>(n);
    long bars = 0;
    for (int s = 0; s < n; s++) {
      InstrumentId id = aligned.instrument(s);
      BarSeries one = bySymbol.get(id);
      series.add(one);
      symbols.add(id.apiSymbol());
      closes[s] = one.closes();
      openTimes[s] = one.openTimes();
      bars += one.size();
      symbolPanels.add(
          new MarketPanel(
              List.of(id), openTimes[s], timeframe.millis(), closes[s], one.quoteVolumes()));
      instruments.add(Instrument.derivedFrom(id, one.close(one.size() - 1)));
    }
    this.symbolBars = bars;
    this.panel =
        new MarketPanel(
            aligned.instruments(),
            aligned.times(),
            timeframe.millis(),
            aligned.column(BarField.CLOSE),
            aligned.column(BarField.QUOTE_VOLUME));
  }

  /** The given series (one timeframe, at least one bar each). */
  public static MaCrossData of(List<BarSeries> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("no series");
    }
    Map<InstrumentId, BarSeries> bySymbol = new LinkedHashMap<>();
    for (BarSeries s : series) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException(s.instrument() + " has no bars");
      }
      bySymbol.put(s.instrument(), s);
    }
    return new MaCrossData(series.get(0).timeframe(), bySymbol);
  }

  /**
   * Imports every Binance kline file under {@code klineDirectory} (one timeframe) through the
   * platform's importer into a temporary catalog, reads it back and deletes the catalog.
   */
  public static MaCrossData load(Path klineDirectory) throws IOException {
    Path root = Files.createTempDirectory("perpetua-macross-");
    try {
      BarCatalog catalog = new BarCatalog(root);
      new KlineImporter(catalog, ErrorPolicy.STOP).importPath(klineDirectory);
      List<Timeframe> timeframes = catalog.timeframes();
      if (timeframes.size() != 1) {
        throw new IllegalArgumentException(
            klineDirectory + ": expected klines of one timeframe, found " + timeframes);
      }
      List<BarSeries> out = new ArrayList<>();
      for (InstrumentId id : catalog.instruments(timeframes.get(0))) {
        catalog.read(id, timeframes.get(0)).filter(s -> !s.isEmpty()).ifPresent(out::add);
      }
      return of(out);
    } finally {
      deleteTree(root);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The bar interval. */
  public Timeframe timeframe() {
    return timeframe;
  }

  /** Number of symbols. */
  public int symbolCount() {
    return symbols.size();
  }

  /** API symbols in panel order. */
  public List<String> symbols() {
    return List.copyOf(symbols);
  }

  /** Bars summed over the symbols (a symbol-bar is one symbol's bar at one time). */
  public long symbolBars() {
    return symbolBars;
  }

  /** Symbol {@code s}'s bars. */
  public BarSeries series(int s) {
    return series.get(s);
  }

  /** Symbol {@code s}'s closes (shared: do not modify). */
  public double[] closes(int s) {
    return closes[s];
  }

  /** Symbol {@code s}'s bar open times (shared: do not modify). */
  public long[] openTimes(int s) {
    return openTimes[s];
  }

  /** Every symbol on one time axis (NaN where a symbol has no bar). */
  public MarketPanel panel() {
    return panel;
  }

  /** Symbol {@code s} alone, on its own bars. */
  public MarketPanel symbolPanel(int s) {
    return symbolPanels.get(s);
  }

  /**
   * Symbol {@code s}'s trading filters, derived from its last close as the backtest engine does.
   */
  public Instrument instrument(int s) {
    return instruments.get(s);
  }

  /** Every symbol's instrument, in panel order. */
  public List<Instrument> instruments() {
    return List.copyOf(instruments);
  }
}
