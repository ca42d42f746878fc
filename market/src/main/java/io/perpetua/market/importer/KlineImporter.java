package io.perpetua.market.importer;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarSeries;
import io.perpetua.market.Gaps;
import io.perpetua.market.csv.DataFormatException;
import io.perpetua.market.csv.DataIssue;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.KlineCsvReader;
import io.perpetua.market.csv.KlineFileName;
import io.perpetua.market.csv.KlineReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Imports Binance kline CSVs (a file, or every {@code *.csv} and {@code *.csv.gz} below a
 * directory) into a {@link BarCatalog}. Symbol and timeframe come from the file name ({@code
 * BTCUSDT-1h.csv.gz}, {@code BTCUSDT-1h-2024-01.csv}; see {@link KlineFileName}); the files of one
 * instrument and timeframe (e.g. monthly bulk files) are combined and merged into what the catalog
 * already holds (new bars win at equal times).
 *
 * <p>Under {@link ErrorPolicy#SKIP} a file whose name tells nothing is skipped with an issue; under
 * {@link ErrorPolicy#STOP} it fails the import, as does a malformed line. Series merged before the
 * failure stay in the catalog (with parallel parsing these may include series after the failing
 * one); each series file is replaced atomically, so none is left half-written.
 *
 * <p>Files are parsed on a few threads ({@link #KlineImporter(BarCatalog, ErrorPolicy, int)}).
 * Immutable; concurrent imports into one catalog are safe (the catalog serialises merges).
 */
public final class KlineImporter {
  private final BarCatalog catalog;
  private final KlineCsvReader reader;
  private final int threads;

  /**
   * An importer into {@code catalog} applying {@code policy} to malformed input, parsing on up to
   * four threads (fewer on smaller machines).
   */
  public KlineImporter(BarCatalog catalog, ErrorPolicy policy) {
    this(catalog, policy, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** An importer parsing files on {@code threads} threads (1 = on the calling thread only). */
  public KlineImporter(BarCatalog catalog, ErrorPolicy policy, int threads) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.reader = new KlineCsvReader(policy);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = threads;
  }

  /** Imports a file or directory without progress reporting. */
  public ImportReport importPath(Path fileOrDirectory) throws IOException {
    return importPath(fileOrDirectory, ProgressListener.NONE);
  }

  /**
   * Imports a file or directory. Each instrument and timeframe is read and merged into the catalog
   * as one task; tasks run in parallel but are reported in order, so the report, the issues and the
   * progress calls (bytes of input, on the calling thread, after each instrument) are the same
   * whatever the number of threads.
   */
  public ImportReport importPath(Path fileOrDirectory, ProgressListener progress)
      throws IOException {
    long started = System.nanoTime();
    List<Path> files = InputScan.csvFiles(fileOrDirectory);
    List<DataIssue> issues = new ArrayList<>();
    Map<KlineFileName, List<Path>> groups = group(files, issues);
    long total = InputScan.size(files);
    List<OrderedParallel.Task<GroupResult>> tasks = new ArrayList<>();
    for (Map.Entry<KlineFileName, List<Path>> group : groups.entrySet()) {
      tasks.add(() -> importGroup(group.getKey(), group.getValue()));
    }
    List<ImportReport.Entry> entries = new ArrayList<>();
    long[] done = {0, 0};
    OrderedParallel.run(
        tasks,
        threads,
        "kline-import",
        result -> {
          entries.add(result.entry());
          issues.addAll(result.issues());
          done[0] += result.bytes();
          done[1] += result.files();
          progress.onProgress(Math.min(done[0], total), total, result.lastFile());
        });
    long elapsed = System.nanoTime() - started;
    return new ImportReport(entries, issues, (int) done[1], total, Duration.ofNanos(elapsed));
  }

  /** What importing one instrument and timeframe gave. */
  private record GroupResult(
      ImportReport.Entry entry, List<DataIssue> issues, int files, long bytes, String lastFile) {}

  private GroupResult importGroup(KlineFileName key, List<Path> files) throws IOException {
    BarSeries imported = BarSeries.empty(key.instrument(), key.timeframe());
    List<DataIssue> issues = new ArrayList<>();
    long skipped = 0;
    long bytes = 0;
    for (Path file : files) {
      KlineReadResult result = reader.read(file, key.instrument(), key.timeframe());
      imported = imported.merge(result.series());
      skipped += result.linesSkipped();
      issues.addAll(result.issues());
      bytes += Files.size(file);
    }
    BarSeries stored = imported.isEmpty() ? imported : catalog.merge(imported);
    String last = files.get(files.size() - 1).getFileName().toString();
    return new GroupResult(
        entry(imported, skipped, stored.size()), issues, files.size(), bytes, last);
  }

  private Map<KlineFileName, List<Path>> group(List<Path> files, List<DataIssue> issues)
      throws DataFormatException {
    return InputScan.group(
        files,
        KlineFileName::parse,
        Comparator.comparing(KlineFileName::timeframe)
            .thenComparing(KlineFileName::instrument, Comparator.naturalOrder()),
        reader.policy(),
        "symbol and timeframe from the file name: expected e.g. BTCUSDT-1h.csv.gz or BTCUSDT-1h-2024-01.csv",
        issues);
  }

  private static ImportReport.Entry entry(BarSeries imported, long skipped, int stored) {
    InstrumentId id = imported.instrument();
    Timeframe tf = imported.timeframe();
    boolean empty = imported.isEmpty();
    return new ImportReport.Entry(
        id,
        tf,
        imported.size(),
        empty ? 0 : imported.firstOpenTimeMs(),
        empty ? 0 : imported.lastOpenTimeMs(),
        Gaps.find(imported, tf),
        skipped,
        stored);
  }
}
