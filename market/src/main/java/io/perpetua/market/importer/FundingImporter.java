package io.perpetua.market.importer;

import io.perpetua.market.FundingCatalog;
import io.perpetua.market.FundingSeries;
import io.perpetua.market.csv.DataFormatException;
import io.perpetua.market.csv.DataIssue;
import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.FundingCsvReader;
import io.perpetua.market.csv.FundingFileName;
import io.perpetua.market.csv.FundingReadResult;
import io.perpetua.market.csv.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Imports funding-rate histories (a file, or every {@code *.csv} and {@code *.csv.gz} below a
 * directory) into a {@link FundingCatalog}. Venue and symbol come from the file name ({@code
 * BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv}; see {@link FundingFileName}); the
 * date shift and error policy are the {@link FundingCsvReader}'s. Files of one venue and instrument
 * are combined and merged into what the catalog holds (new rates win at equal times).
 *
 * <p>Files whose names tell nothing are skipped with an issue under {@link ErrorPolicy#SKIP} and
 * fail the import under {@link ErrorPolicy#STOP}. Immutable; safe for concurrent use.
 */
public final class FundingImporter {
  private final FundingCatalog catalog;
  private final FundingCsvReader reader;

  /** An importer into {@code catalog} using {@code reader}. */
  public FundingImporter(FundingCatalog catalog, FundingCsvReader reader) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** Imports a file or directory without progress reporting. */
  public FundingImportReport importPath(Path fileOrDirectory) throws IOException {
    return importPath(fileOrDirectory, ProgressListener.NONE);
  }

  /** Imports a file or directory, reporting progress in bytes of input after each file. */
  public FundingImportReport importPath(Path fileOrDirectory, ProgressListener progress)
      throws IOException {
    long started = System.nanoTime();
    List<Path> files = InputScan.csvFiles(fileOrDirectory);
    List<DataIssue> issues = new ArrayList<>();
    Map<FundingFileName, List<Path>> groups = group(files, issues);
    long total = InputScan.size(files);
    long done = 0;
    int read = 0;
    List<FundingImportReport.Entry> entries = new ArrayList<>();
    for (Map.Entry<FundingFileName, List<Path>> group : groups.entrySet()) {
      FundingFileName key = group.getKey();
      FundingSeries imported = FundingSeries.empty(key.venue(), key.instrument());
      long skipped = 0;
      for (Path file : group.getValue()) {
        FundingReadResult result;
        try (InputStream in = InputFiles.open(file)) {
          result = reader.read(in, file.toString(), key.venue(), key.instrument());
        }
        imported = imported.merge(result.series());
        skipped += result.linesSkipped();
        issues.addAll(result.issues());
        done += Files.size(file);
        read++;
        progress.onProgress(Math.min(done, total), total, file.getFileName().toString());
      }
      int stored = imported.isEmpty() ? 0 : catalog.merge(imported).size();
      boolean empty = imported.isEmpty();
      entries.add(
          new FundingImportReport.Entry(
              key.venue(),
              key.instrument(),
              imported.size(),
              empty ? 0 : imported.timeMs(0),
              empty ? 0 : imported.timeMs(imported.size() - 1),
              skipped,
              stored));
    }
    return new FundingImportReport(
        entries, issues, read, Duration.ofNanos(System.nanoTime() - started));
  }

  private Map<FundingFileName, List<Path>> group(List<Path> files, List<DataIssue> issues)
      throws DataFormatException {
    return InputScan.group(
        files,
        FundingFileName::parse,
        Comparator.comparing(FundingFileName::venue)
            .thenComparing(FundingFileName::instrument, Comparator.naturalOrder()),
        reader.policy(),
        "symbol and venue from the file name: expected BTC-USDT_<venue>_..._funding_history.csv",
        issues);
  }
}
