package io.perpetua.backtest.funding;

import io.perpetua.market.csv.ErrorPolicy;
import io.perpetua.market.csv.FundingCsvReader;
import io.perpetua.market.csv.FundingFileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads every funding-history file of a directory ({@code <BASE>-<QUOTE>_<venue>_..._funding
 * _history.csv[.gz]}) through {@link FundingCsvReader}, normalised to 8-hour rates. Malformed lines
 * stop the load with the file and line. Stateless.
 *
 * <p>Time shifts ({@link #shiftMs}): the shared files' dates are 3 h ahead of UTC, except Gate's
 * (00/08/16 as written, the venue's schedule) and dYdX's: its hourly file runs from 00:00 of the
 * first day named in the file name to 23:00 of the day before the last, exactly the UTC range the
 * name promises, so it is read as UTC (shifted, 3 settlements would fall into the year before).
 */
public final class FundingData {
  private FundingData() {}

  /**
   * The histories in {@code dir}, sorted by asset then venue.
   *
   * @throws IOException when the directory cannot be read or holds no funding file
   */
  public static List<FundingHistory> load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("funding data directory not found: " + dir);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> FundingFileName.parse(p.getFileName().toString()).isPresent())
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new IOException(
          "no funding files (BTC-USDT_<venue>_..._funding_history.csv) in " + dir);
    }
    FundingCsvReader reader = new FundingCsvReader(ErrorPolicy.STOP, FundingData::shiftMs);
    List<FundingHistory> out = new ArrayList<>();
    for (Path f : files) {
      out.add(FundingHistory.of(reader.read(f).series()));
    }
    out.sort(Comparator.comparing(FundingHistory::asset).thenComparing(FundingHistory::venue));
    return out;
  }

  /** Milliseconds the shared files' dates of {@code venue} are ahead of UTC. */
  public static long shiftMs(String venue) {
    return "dydx".equals(venue) ? 0 : FundingCsvReader.sharedDataShiftMs(venue);
  }
}
