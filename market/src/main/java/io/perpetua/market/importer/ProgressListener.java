package io.perpetua.market.importer;

/**
 * Told how far a long job has come, e.g. to draw a progress bar. The importers count bytes of input
 * files and call it after each file, from the importing thread.
 *
 * <p>Implementations must be quick; they need not be thread-safe unless shared between jobs.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total, item) -> {};

  /**
   * Progress so far.
   *
   * @param done units done (bytes for the importers), never above {@code total}
   * @param total units in all
   * @param item what was just finished, e.g. a file name
   */
  void onProgress(long done, long total, String item);
}
