package io.perpetua.market.csv;

import java.io.IOException;

/**
 * An input file that cannot be read as the expected format; the message is {@code <file>:<line>:
 * <reason>} (or {@code <file>: <reason>} when no single line is at fault).
 *
 * <p>Immutable.
 */
public class DataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient DataIssue issue;

  /** An exception for {@code issue}. */
  public DataFormatException(DataIssue issue) {
    super(issue.toString());
    this.issue = issue;
  }

  /** The file as named to the reader. */
  public String file() {
    return issue.file();
  }

  /** The 1-based line number, 0 when no single line is at fault. */
  public long line() {
    return issue.line();
  }

  /** What is wrong. */
  public String reason() {
    return issue.reason();
  }

  /** The problem as an issue. */
  public DataIssue issue() {
    return issue;
  }
}
