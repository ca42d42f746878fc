package io.perpetua.backtest.report;

import io.perpetua.jobs.BacktestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every report of a result into one directory: {@code report.html} ({@link HtmlReport}),
 * {@code result.json} ({@link ResultJson}), and {@code equity.csv}, {@code trades.csv}, {@code
 * attribution.csv} ({@link ResultCsv}). Existing files of those names are replaced. Stateless.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Writes the five files into {@code dir} (created if missing).
   *
   * @param survivorshipCaveat true when the data set has no delisted symbols: the HTML report then
   *     carries the survivorship-bias caveat
   * @return the paths written
   */
  public static ReportFiles writeAll(BacktestResult result, Path dir, boolean survivorshipCaveat)
      throws IOException {
    Files.createDirectories(dir);
    ReportFiles files =
        new ReportFiles(
            dir.resolve("report.html"),
            dir.resolve("result.json"),
            dir.resolve("equity.csv"),
            dir.resolve("trades.csv"),
            dir.resolve("attribution.csv"));
    Files.writeString(
        files.html(), HtmlReport.render(result, survivorshipCaveat), StandardCharsets.UTF_8);
    ResultJson.write(result, files.json());
    ResultCsv.writeEquity(result.equity(), files.equityCsv());
    ResultCsv.writeTrades(result.trades(), files.tradesCsv());
    ResultCsv.writeAttribution(result.attribution(), files.attributionCsv());
    return files;
  }
}
