package io.perpetua.market.importer;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.Gap;
import io.perpetua.market.csv.DataIssue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link KlineImporter} run did: one entry per instrument and timeframe, the problems found
 * (each naming {@code file:line}), and totals.
 *
 * <p>Immutable.
 *
 * @param entries per instrument and timeframe, ordered by timeframe then API symbol
 * @param issues problems in the input, in file order
 * @param files number of files read
 * @param bytes total size of the files read
 * @param elapsed wall-clock time of the run
 */
public record ImportReport(
    List<Entry> entries, List<DataIssue> issues, int files, long bytes, Duration elapsed) {
  /** Copies the lists. */
  public ImportReport {
    entries = List.copyOf(entries);
    issues = List.copyOf(issues);
  }

  /**
   * The import of one instrument at one timeframe.
   *
   * <p>Immutable.
   *
   * @param instrument the instrument
   * @param timeframe the bar interval
   * @param barsImported valid bars read from the files
   * @param firstOpenTimeMs open time of the first bar read (0 if none)
   * @param lastOpenTimeMs open time of the last bar read (0 if none)
   * @param gaps gaps in the bars read
   * @param linesSkipped lines of the files that did not become bars
   * @param barsStored bars in the catalog after merging
   */
  public record Entry(
      InstrumentId instrument,
      Timeframe timeframe,
      int barsImported,
      long firstOpenTimeMs,
      long lastOpenTimeMs,
      List<Gap> gaps,
      long linesSkipped,
      int barsStored) {
    /** Copies the gap list. */
    public Entry {
      gaps = List.copyOf(gaps);
    }
  }

  /** The entry of {@code instrument} at {@code timeframe}, if it was imported. */
  public Optional<Entry> entry(InstrumentId instrument, Timeframe timeframe) {
    return entries.stream()
        .filter(e -> e.instrument().equals(instrument) && e.timeframe() == timeframe)
        .findFirst();
  }

  /** Number of distinct instruments imported. */
  public long instrumentCount() {
    return entries.stream().map(Entry::instrument).distinct().count();
  }

  /** Bars imported in all. */
  public long barsImported() {
    return entries.stream().mapToLong(Entry::barsImported).sum();
  }

  /** Lines skipped in all. */
  public long linesSkipped() {
    return entries.stream().mapToLong(Entry::linesSkipped).sum();
  }
}
