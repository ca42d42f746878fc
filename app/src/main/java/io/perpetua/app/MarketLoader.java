package io.perpetua.app;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.AlignedBars;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarField;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.FundingSeries;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.FundingCsvReader;
import io.perpetua.market.importer.FundingImporter;
import io.perpetua.market.importer.ImportReport;
import io.perpetua.market.importer.KlineImporter;
import io.perpetua.market.importer.ProgressListener;
import io.perpetua.market.synthetic.SyntheticMarket;
import io.perpetua.trading.kernel.FundingSchedule;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.kernel.SeriesFundingSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the market the platform trades: the catalog in the data directory, filled from the
 * shared real data on first use; a deterministic synthetic market when neither exists. Stateless.
 */
public final class MarketLoader {
  /** The venue whose funding history drives funding settlement. */
  public static final String FUNDING_VENUE = "binance";

  private static final Logger LOG = LoggerFactory.getLogger(MarketLoader.class);

  /**
   * A loaded market.
   *
   * @param panel the bar panel
   * @param instruments instruments in panel order (filters derived from prices)
   * @param funding funding settlements where history exists
   * @param source {@code catalog} or {@code synthetic}
   */
  public record Loaded(
      MarketPanel panel, List<Instrument> instruments, FundingSchedule funding, String source) {}

  private MarketLoader() {}

  /**
   * Imports the shared data's bars (and funding) for {@code timeframe} until the import has once
   * completed, then never again: the last act of a complete import is to write {@link
   * #importMarker} in the catalog. A catalog without the marker is incomplete (a start killed while
   * importing left some instruments, or no funding): the whole import runs again and merges into
   * it, which is idempotent (a re-imported bar replaces the same bar), so the result equals an
   * uninterrupted import. Returns the import's report, or null when nothing was imported (complete,
   * or no shared data).
   */
  public static ImportReport importUntilComplete(
      Path dataDir, Path sharedData, Timeframe timeframe, ProgressListener progress)
      throws IOException {
    Path root = dataDir.resolve("catalog");
    Path marker = importMarker(dataDir, timeframe);
    Path klines = sharedData.resolve("binance-um-klines").resolve(timeframe.code());
    if (Files.exists(marker) || !Files.isDirectory(klines)) {
      return null;
    }
    BarCatalog catalog = new BarCatalog(root);
    int before = catalog.instruments(timeframe).size();
    if (before > 0) {
      LOG.warn(
          "the catalog in {} is incomplete ({} instruments, no {}): finishing the import of {}",
          root,
          before,
          marker.getFileName(),
          sharedData);
    }
    ImportReport report = new KlineImporter(catalog, ErrorPolicy.SKIP).importPath(klines, progress);
    Path funding = sharedData.resolve("funding");
    int fundingSeries = 0;
    if (Files.isDirectory(funding)) {
      fundingSeries =
          new FundingImporter(
                  new FundingCatalog(root),
                  new FundingCsvReader(ErrorPolicy.SKIP, FundingCsvReader::sharedDataShiftMs))
              .importPath(funding)
              .entries()
              .size();
    }
    Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
    Files.writeString(
        tmp,
        "source: %s%ninstruments: %d%nbars: %d%nfunding_series: %d%n"
            .formatted(sharedData, report.instrumentCount(), report.barsImported(), fundingSeries));
    Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return report;
  }

  /** The file whose presence says the shared data's import at {@code timeframe} completed. */
  public static Path importMarker(Path dataDir, Timeframe timeframe) {
    return dataDir.resolve("catalog").resolve("shared-import-" + timeframe.code() + ".complete");
  }

  /** Loads the catalog's panel for {@code timeframe}, or a synthetic market when it is empty. */
  public static Loaded load(Path dataDir, Timeframe timeframe) throws IOException {
    BarCatalog catalog = new BarCatalog(dataDir.resolve("catalog"));
    if (catalog.instruments(timeframe).isEmpty()) {
      SyntheticMarket market = SyntheticMarket.generate(syntheticConfig(timeframe));
      return build(market.bars(), market.funding(), "synthetic", 0.0);
    }
    AlignedBars bars = AlignedBars.fromCatalog(catalog, timeframe, Long.MIN_VALUE, Long.MAX_VALUE);
    FundingCatalog fundingCatalog = new FundingCatalog(dataDir.resolve("catalog"));
    Map<InstrumentId, FundingSeries> funding = new HashMap<>();
    for (InstrumentId id : bars.instruments()) {
      fundingCatalog.read(FUNDING_VENUE, id).ifPresent(s -> funding.put(id, s));
    }
    return build(bars, funding, "catalog", 0.0);
  }

  private static SyntheticMarket.Config syntheticConfig(Timeframe timeframe) {
    SyntheticMarket.Config d = SyntheticMarket.Config.defaults();
    int bars =
        (int) Math.min(180L * 86_400_000L / timeframe.millis(), 50_000_000L / d.symbolCount());
    return d.withBars(timeframe, bars);
  }

  /**
   * Builds the kernel's inputs from an aligned panel and funding series; instruments without
   * funding history settle {@code fundingFallbackRate} every 8 h (0: none).
   */
  public static Loaded build(
      AlignedBars bars,
      Map<InstrumentId, FundingSeries> funding,
      String source,
      double fundingFallbackRate) {
    MarketPanel panel =
        new MarketPanel(
            bars.instruments(),
            bars.times(),
            bars.timeframe().millis(),
            bars.column(BarField.CLOSE),
            bars.column(BarField.QUOTE_VOLUME));
    List<Instrument> instruments = new ArrayList<>();
    for (int i = 0; i < bars.instrumentCount(); i++) {
      instruments.add(Instrument.derivedFrom(bars.instrument(i), lastClose(bars, i)));
    }
    List<FundingSeries> series = new ArrayList<>();
    for (int i = 0; i < bars.instrumentCount(); i++) {
      series.add(funding.get(bars.instrument(i)));
    }
    FundingSchedule schedule =
        new SeriesFundingSchedule(
            series, fundingFallbackRate, SeriesFundingSchedule.EIGHT_HOURS_MS);
    return new Loaded(panel, instruments, schedule, source);
  }

  private static double lastClose(AlignedBars bars, int i) {
    for (int t = bars.size() - 1; t >= 0; t--) {
      double c = bars.close(t, i);
      if (c > 0) {
        return c;
      }
    }
    throw new IllegalStateException("no price for " + bars.instrument(i));
  }
}
