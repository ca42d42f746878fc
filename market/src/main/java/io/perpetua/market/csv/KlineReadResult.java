package io.perpetua.market.csv;

import io.perpetua.market.BarSeries;
import java.util.List;

/**
 * What {@link KlineCsvReader} read from one file.
 *
 * <p>Immutable.
 *
 * @param series the valid bars
 * @param issues the problems found (at most about a thousand are listed; all are counted)
 * @param lines the number of lines read, header included
 * @param linesSkipped lines that were malformed or duplicates and did not become bars
 */
public record KlineReadResult(
    BarSeries series, List<DataIssue> issues, long lines, long linesSkipped) {
  /** Copies the issue list. */
  public KlineReadResult {
    issues = List.copyOf(issues);
  }
}
