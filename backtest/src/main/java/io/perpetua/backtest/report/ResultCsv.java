package io.perpetua.backtest.report;

import io.perpetua.backtest.metrics.Drawdowns;
import io.perpetua.core.time.Times;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.SymbolAttribution;
import io.perpetua.jobs.TradeRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CSV files of a result (RFC 4180: comma-separated, a header line, {@code \n} line ends, text
 * quoted when it holds a comma, quote or line break). Times are ISO-8601 UTC, numbers plain
 * decimals at full double precision, and a non-finite number is an empty cell. Stateless.
 */
public final class ResultCsv {
  /** Header of {@link #writeEquity}. */
  public static final String EQUITY_HEADER = "time,equity,drawdown";

  /** Header of {@link #writeTrades}. */
  public static final String TRADES_HEADER =
      "symbol,side,entry_time,exit_time,duration_seconds,quantity,entry_price,exit_price,"
          + "gross_pnl,fees,funding,net_pnl";

  /** Header of {@link #writeAttribution}. */
  public static final String ATTRIBUTION_HEADER =
      "symbol,net_pnl,fees,funding,trades,traded_notional";

  private ResultCsv() {}

  /** The equity curve with the drawdown from the running peak at each point. */
  public static void writeEquity(EquityCurve curve, Path file) throws IOException {
    long[] times = curve.timesMs();
    double[] equity = curve.equity();
    double[] dd = Drawdowns.series(equity);
    try (Writer w = open(file)) {
      w.write(EQUITY_HEADER + "\n");
      for (int k = 0; k < times.length; k++) {
        w.write(Times.iso(times[k]) + "," + number(equity[k]) + "," + number(dd[k]) + "\n");
      }
    }
  }

  /** One line per closed trade. */
  public static void writeTrades(List<TradeRecord> trades, Path file) throws IOException {
    try (Writer w = open(file)) {
      w.write(TRADES_HEADER + "\n");
      for (TradeRecord t : trades) {
        w.write(
            String.join(
                    ",",
                    text(t.symbol()),
                    text(t.side()),
                    Times.iso(t.entryTimeMs()),
                    Times.iso(t.exitTimeMs()),
                    Long.toString((t.exitTimeMs() - t.entryTimeMs()) / 1000),
                    number(t.quantity()),
                    number(t.entryPrice()),
                    number(t.exitPrice()),
                    number(t.grossPnl()),
                    number(t.fees()),
                    number(t.funding()),
                    number(t.netPnl()))
                + "\n");
      }
    }
  }

  /** One line per symbol, in the given order. */
  public static void writeAttribution(List<SymbolAttribution> rows, Path file) throws IOException {
    try (Writer w = open(file)) {
      w.write(ATTRIBUTION_HEADER + "\n");
      for (SymbolAttribution a : rows) {
        w.write(
            String.join(
                    ",",
                    text(a.symbol()),
                    number(a.netPnl()),
                    number(a.fees()),
                    number(a.funding()),
                    Integer.toString(a.trades()),
                    number(a.tradedNotional()))
                + "\n");
      }
    }
  }

  private static BufferedWriter open(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  /** A plain decimal ({@code 0.00001}, not {@code 1.0E-5}); empty when not finite. */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** A text cell, quoted (with doubled quotes) when it holds a comma, quote or line break. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
