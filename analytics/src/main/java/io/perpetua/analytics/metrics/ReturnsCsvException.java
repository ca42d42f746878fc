package io.perpetua.analytics.metrics;

import java.nio.file.Path;

/**
 * A returns CSV that cannot be read as a return series; the message names the file and, when it
 * applies, the line ({@code returns.csv:17: …}).
 */
public final class ReturnsCsvException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The offending line (1-based), or 0 when the problem is not on one line. */
  private final int line;

  /** A problem on {@code line} (1-based; 0 for the whole file) of {@code file}. */
  public ReturnsCsvException(Path file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.line = line;
  }

  /** The offending line (1-based), or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }
}
