package io.perpetua.signals.hotlist;

import java.util.List;
import java.util.Optional;

/**
 * Where scans, decisions and the whitelist are kept (the {@code hotlist} tables on the database;
 * {@link InMemoryHotlistStore} in tests). Implementations are thread-safe.
 */
public interface HotlistStore {
  /** Stores a scan; false (nothing changed) when one with the same timestamp exists. */
  boolean insert(HotScan scan);

  /** The scan as of {@code ts}. */
  Optional<HotScan> scan(long ts);

  /** The scan with the latest timestamp. */
  Optional<HotScan> latest();

  /**
   * Records a decision on a candidate: true when the row was a candidate (compare-and-set), false
   * when it was decided already.
   */
  boolean decide(HotCoin decided);

  /** Adds {@code entry} to the whitelist (replacing an earlier approval of the symbol). */
  void whitelist(WhitelistEntry entry);

  /** The whitelist, by symbol. */
  List<WhitelistEntry> whitelist();

  /**
   * A whitelisted symbol.
   *
   * @param symbol API symbol
   * @param approvedBy who approved it
   * @param approvedAtMs when
   * @param scanTs the scan it was approved from
   * @param reason the approval's reason
   */
  record WhitelistEntry(
      String symbol, String approvedBy, long approvedAtMs, long scanTs, String reason) {}
}
