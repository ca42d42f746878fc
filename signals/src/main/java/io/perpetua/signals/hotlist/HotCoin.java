package io.perpetua.signals.hotlist;

import java.util.List;
import java.util.Objects;

/**
 * One row of the hot-coin list: a symbol's rank and score in a scan, the breakdown, the risk tags
 * and the human decision. Immutable.
 *
 * @param scanTs the scan's as-of timestamp (epoch ms)
 * @param rank 1-based rank
 * @param symbol API symbol
 * @param score {@code S = Σ w·component} over the present components
 * @param components the five terms in the formula's order
 * @param tags risk tags
 * @param status {@code candidate}, {@code approved}, {@code rejected} or {@code expired}
 * @param decidedBy who approved or rejected it, or null
 * @param decidedAtMs when, or null
 * @param reason the decision's reason, or null
 * @param expiresAtMs until when a candidate can be approved
 */
public record HotCoin(
    long scanTs,
    int rank,
    String symbol,
    double score,
    List<HotComponent> components,
    RiskTags tags,
    String status,
    String decidedBy,
    Long decidedAtMs,
    String reason,
    long expiresAtMs) {
  /** Awaiting a decision. */
  public static final String CANDIDATE = "candidate";

  /** Approved: in the whitelist. */
  public static final String APPROVED = "approved";

  /** Rejected. */
  public static final String REJECTED = "rejected";

  /** Not decided before {@link #expiresAtMs}. */
  public static final String EXPIRED = "expired";

  /** Validates and copies. */
  public HotCoin {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(status, "status");
    components = List.copyOf(components);
  }

  /** This row decided. */
  public HotCoin decided(String newStatus, String by, long atMs, String why) {
    return new HotCoin(
        scanTs, rank, symbol, score, components, tags, newStatus, by, atMs, why, expiresAtMs);
  }

  /** The status as seen at {@code nowMs}: a candidate past its expiry is expired. */
  public String statusAt(long nowMs) {
    return CANDIDATE.equals(status) && nowMs > expiresAtMs ? EXPIRED : status;
  }
}
