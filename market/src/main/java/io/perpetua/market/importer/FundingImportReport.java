package io.perpetua.market.importer;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.csv.DataIssue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link FundingImporter} run did: one entry per venue and instrument, the problems found
 * (each naming {@code file:line}), and totals.
 *
 * <p>Immutable.
 *
 * @param entries per venue and instrument, ordered by venue then API symbol
 * @param issues problems in the input, in file order
 * @param files number of files read
 * @param elapsed wall-clock time of the run
 */
public record FundingImportReport(
    List<Entry> entries, List<DataIssue> issues, int files, Duration elapsed) {
  /** Copies the lists. */
  public FundingImportReport {
    entries = List.copyOf(entries);
    issues = List.copyOf(issues);
  }

  /**
   * The import of one instrument's funding on one venue.
   *
   * <p>Immutable.
   *
   * @param venue the venue code
   * @param instrument the perpetual
   * @param settlementsImported valid settlements read
   * @param firstTimeMs first settlement time read (UTC, after the shift; 0 if none)
   * @param lastTimeMs last settlement time read (0 if none)
   * @param linesSkipped lines that did not become settlements
   * @param settlementsStored settlements in the catalog after merging
   */
  public record Entry(
      String venue,
      InstrumentId instrument,
      int settlementsImported,
      long firstTimeMs,
      long lastTimeMs,
      long linesSkipped,
      int settlementsStored) {}

  /** The entry of {@code instrument} on {@code venue}, if it was imported. */
  public Optional<Entry> entry(String venue, InstrumentId instrument) {
    return entries.stream()
        .filter(e -> e.venue().equals(venue) && e.instrument().equals(instrument))
        .findFirst();
  }
}
