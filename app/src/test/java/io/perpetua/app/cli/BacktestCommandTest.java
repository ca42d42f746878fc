package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.app.Main;
import io.perpetua.app.MarketLoader;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perpetua backtest} on the real hourly catalog (skipped without the shared data). */
public class BacktestCommandTest {
  @TempDir static Path dir;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** tpl_grid on BTCUSDT with a grid around its 2024 Q1 prices. */
  private static final List<String> GRID =
      List.of(
          "--strategy",
          "tpl_grid",
          "--symbols",
          "BTCUSDT",
          "--param",
          "grid_levels=8",
          "--param",
          "upper_price=72000",
          "--param",
          "lower_price=38000");

  private static String[] grid(String... more) {
    List<String> all = new ArrayList<>(GRID);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @BeforeAll
  static void catalog() throws Exception {
    Path hourly = SharedData.require("binance-um-klines/1h");
    MarketLoader.importUntilComplete(
        dir, hourly.getParent().getParent(), Timeframe.H1, (done, total, item) -> {});
  }

  /** What a command printed, and its result.json (null if it wrote none). */
  public record Run(int exit, String out, String err, JsonNode result, Path report) {}

  /** Runs {@code perpetua backtest --data-dir <dataDir> --out <new dir in it> args...}. */
  public static Run backtest(Path dataDir, String... args) throws Exception {
    Path out = Files.createTempDirectory(dataDir, "out");
    List<String> all =
        new ArrayList<>(
            List.of("backtest", "--data-dir", dataDir.toString(), "--out", out.toString()));
    all.addAll(List.of(args));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      exit = Main.commandLine().execute(all.toArray(String[]::new));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    Path json = out.resolve("result.json");
    return new Run(
        exit,
        stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8),
        Files.exists(json) ? JSON.readTree(json.toFile()) : null,
        out.resolve("report.html"));
  }

  /** Issue 21 item 1: symbols without bars or volume in the window no longer poison the run. */
  @Test
  void dollarBars_onTheFullCatalog_run_andListTheSkippedSymbols() throws Exception {
    Run r =
        backtest(
            dir, "--data-source", "dollar_bar", "--start", "2024-01-01", "--end", "2024-02-29");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("skipped: ")
        .contains("FTTUSDT: no traded volume between 2023-11-27 and 2024-02-29")
        .contains("ZROUSDT: no 1h bars between 2023-11-27 and 2024-02-29");
    JsonNode skipped = r.result().at("/activity/skipped_symbols");
    assertThat(skipped.findValuesAsText("symbol")).contains("FTTUSDT", "RAYUSDT", "ZROUSDT");
    assertThat(r.result().at("/metrics/total_trades").asInt()).isPositive();
  }

  /** Issue 21 item 2: 1/3 weight each against max_position_pct 0.15 — every order rejected. */
  @Test
  void everyOrderRejected_isReportedByRule_withWhyNothingTraded() throws Exception {
    Run r =
        backtest(
            dir,
            "--symbols",
            "BTCUSDT,ETHUSDT,SOLUSDT",
            "--start",
            "2024-01-01",
            "--end",
            "2024-03-31");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode activity = r.result().get("activity");
    int rejected = activity.get("orders_rejected").asInt();
    assertThat(rejected).isPositive();
    assertThat(activity.get("orders_sent").asInt()).isZero();
    assertThat(activity.at("/rejections/0/rule").asText()).isEqualTo("max_position_pct");
    assertThat(r.out())
        .contains("0 orders, ")
        .contains("rejected: " + rejected + " orders (max_position_pct " + rejected + ")")
        .contains("NO TRADES: ALL " + rejected + " ORDERS WERE REJECTED BY THE PRE-TRADE CHECKS");
    assertThat(activity.get("idle_reason").asText()).startsWith("no trades: all ");
    assertThat(Files.readString(r.report())).contains("id=\"idle\"").contains("max_position_pct");
  }

  /** Issue 21 item 3: what the data cannot serve is a usage error; 4h is resampled from 1h. */
  @Test
  void timeframe_notServable_isAUsageError_4hIsResampledFromHourly() throws Exception {
    Run minute = backtest(dir, "--timeframe", "1m", "--start", "2024-01-01", "--end", "2024-01-31");
    assertThat(minute.exit()).isEqualTo(2);
    assertThat(minute.err())
        .contains("--timeframe: no 1m bars: the catalog holds 1h; servable timeframes: 1h, 4h, 1d");
    assertThat(minute.result()).isNull();

    Run fourHours =
        backtest(dir, grid("--timeframe", "4h", "--start", "2024-01-01", "--end", "2024-01-31"));
    assertThat(fourHours.exit()).as(fourHours.err()).isZero();
    JsonNode curve = fourHours.result().get("equity_curve");
    assertThat(curve.size()).isEqualTo(31 * 6 + 1);
    long step =
        Instant.parse(curve.get(2).get(0).asText()).toEpochMilli()
            - Instant.parse(curve.get(1).get(0).asText()).toEpochMilli();
    assertThat(step).isEqualTo(4 * 3_600_000L);
  }

  /** Issue 21 item 5: --end is the last day, included, as the API's end_date. */
  @Test
  void end_isTheLastDayIncluded() throws Exception {
    Run r = backtest(dir, grid("--start", "2024-03-01", "--end", "2024-03-10"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.result().at("/request/end").asText()).isEqualTo("2024-03-11T00:00:00Z");
    JsonNode curve = r.result().get("equity_curve");
    assertThat(curve.get(curve.size() - 1).get(0).asText()).isEqualTo("2024-03-11T00:00:00Z");
    assertThat(r.out()).contains("2024-03-01 to 2024-03-10 (both days included)");
  }
}
