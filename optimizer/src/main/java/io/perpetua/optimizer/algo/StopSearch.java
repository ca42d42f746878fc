package io.perpetua.optimizer.algo;

/** Thrown from inside a library optimiser's callback to end its run when the budget is spent. */
public final class StopSearch extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stop signal (no stack trace: it is control flow). */
  public StopSearch() {
    super("trial budget spent", null, false, false);
  }

  /** Rethrows {@code e} unless it is, or wraps (a library's executor does), a stop signal. */
  static void rethrowUnlessStop(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StopSearch) {
        return;
      }
    }
    throw e;
  }
}
