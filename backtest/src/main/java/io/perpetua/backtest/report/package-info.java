/**
 * Reports of a finished backtest: {@code result.json} ({@link
 * io.perpetua.backtest.report.ResultJson}), CSV files of the equity curve, trades and attribution
 * ({@link io.perpetua.backtest.report.ResultCsv}), and a self-contained HTML page with inline SVG
 * charts ({@link io.perpetua.backtest.report.HtmlReport}); {@link
 * io.perpetua.backtest.report.ReportWriter} writes them all. Stateless and thread-safe.
 */
package io.perpetua.backtest.report;
