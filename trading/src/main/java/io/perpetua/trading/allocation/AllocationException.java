package io.perpetua.trading.allocation;

/** An allocation request that cannot be done; nothing changed. */
public final class AllocationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An allocation request that cannot be done now (single mode, too few strategies). */
  public AllocationException(String message) {
    super(message);
  }
}
