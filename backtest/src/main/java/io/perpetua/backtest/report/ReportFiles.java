package io.perpetua.backtest.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The files {@link ReportWriter#writeAll} wrote. Immutable.
 *
 * @param html {@code report.html}
 * @param json {@code result.json}
 * @param equityCsv {@code equity.csv}
 * @param tradesCsv {@code trades.csv}
 * @param attributionCsv {@code attribution.csv}
 */
public record ReportFiles(
    Path html, Path json, Path equityCsv, Path tradesCsv, Path attributionCsv) {
  /** All five paths, in the order of the components. */
  public List<Path> all() {
    return List.of(html, json, equityCsv, tradesCsv, attributionCsv);
  }
}
