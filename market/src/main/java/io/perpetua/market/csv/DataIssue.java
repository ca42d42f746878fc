package io.perpetua.market.csv;

/**
 * A problem found in an input file: which file, which line (1-based, counting the header; 0 when it
 * concerns the whole file) and why. {@link #toString()} gives {@code file:line: reason}.
 *
 * <p>Immutable.
 *
 * @param file the file as named to the reader
 * @param line the 1-based line number, or 0 for the whole file
 * @param reason what is wrong
 */
public record DataIssue(String file, long line, String reason) {
  /** {@code file:line: reason}, or {@code file: reason} when the line is 0. */
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
  }
}
