package io.perpetua.signals.hotlist;

/** A hot-coin request that cannot be carried out; {@link #kind} says why. */
public final class HotlistException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind {
    /** No scan at the timestamp, or the symbol is not in it. */
    NOT_FOUND,
    /** The candidate was not decided before its expiry. */
    EXPIRED,
    /** The candidate was approved or rejected already. */
    DECIDED
  }

  private final Kind kind;

  /** An exception of {@code kind}. */
  public HotlistException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** Why. */
  public Kind kind() {
    return kind;
  }
}
