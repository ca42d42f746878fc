package io.perpetua.market.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies an {@link ErrorPolicy} to the problems of one file: records them (up to {@link
 * #MAX_ISSUES}; all are counted) or throws. Not thread-safe; one per file read.
 */
final class IssueLog {
  /** Issues kept per file; further ones are only counted. */
  static final int MAX_ISSUES = 1000;

  private final String source;
  private final ErrorPolicy policy;
  private final List<DataIssue> issues = new ArrayList<>();
  private long skipped;

  IssueLog(String source, ErrorPolicy policy) {
    this.source = source;
    this.policy = policy;
  }

  /** A malformed line: thrown under STOP, recorded and skipped under SKIP. */
  void malformed(long line, String reason) throws DataFormatException {
    if (policy == ErrorPolicy.STOP) {
      throw new DataFormatException(new DataIssue(source, line, reason));
    }
    skipped(line, reason);
  }

  /** A line skipped under any policy (e.g. an exact duplicate). */
  void skipped(long line, String reason) {
    skipped++;
    if (issues.size() < MAX_ISSUES) {
      issues.add(new DataIssue(source, line, reason));
    } else if (issues.size() == MAX_ISSUES) {
      issues.add(new DataIssue(source, 0, "further issues not listed"));
    }
  }

  /** A problem that makes the whole file unreadable, under any policy. */
  DataFormatException fatal(long line, String reason) {
    return new DataFormatException(new DataIssue(source, line, reason));
  }

  List<DataIssue> issues() {
    return List.copyOf(issues);
  }

  long skippedLines() {
    return skipped;
  }
}
