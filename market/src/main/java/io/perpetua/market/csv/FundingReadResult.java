package io.perpetua.market.csv;

import io.perpetua.market.FundingSeries;
import java.util.List;

/**
 * What {@link FundingCsvReader} read from one file.
 *
 * <p>Immutable.
 *
 * @param series the valid settlements, times already shifted to UTC
 * @param issues the problems found (at most about a thousand are listed; all are counted)
 * @param lines the number of lines read, header included
 * @param linesSkipped lines that did not become settlements
 */
public record FundingReadResult(
    FundingSeries series, List<DataIssue> issues, long lines, long linesSkipped) {
  /** Copies the issue list. */
  public FundingReadResult {
    issues = List.copyOf(issues);
  }
}
