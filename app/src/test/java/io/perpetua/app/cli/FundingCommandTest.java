package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perpetua funding report} and {@code backtest --strategy funding_carry} on the shared data.
 */
class FundingCommandTest {
  @TempDir Path out;

  @Test
  void fundingReport_printsTablesAndWritesSelfContainedHtml() throws Exception {
    Path funding = SharedData.require("funding");
    CliRun run =
        CliRun.of(
            "funding", "report", "--funding-dir", funding.toString(), "--out", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Funding yields per venue and year")
        .contains("Cross-venue spreads")
        .contains("Funding carry backtest")
        .contains("Assumptions:");
    for (String venue :
        new String[] {"binance", "bybit", "gate", "htx", "kucoin", "mexc", "dydx"}) {
      assertThat(run.out()).contains(venue);
    }
    String html = Files.readString(out.resolve("funding-report.html"));
    assertThat(html).contains("<svg").doesNotContain("<script").doesNotContain("http");
  }

  @Test
  void backtestFundingCarry_filtersAndStatesAssumptions() throws Exception {
    Path funding = SharedData.require("funding");
    CliRun run =
        CliRun.of(
            "backtest",
            "--strategy",
            "funding_carry",
            "--funding-dir",
            funding.toString(),
            "--symbols",
            "BTCUSDT",
            "--param",
            "venues=binance,bybit",
            "--start",
            "2021-01-01",
            "--end",
            "2021-12-31",
            "--fee-bps",
            "4",
            "--out",
            out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    String[] rows = run.out().lines().filter(l -> l.startsWith("BTC ")).toArray(String[]::new);
    assertThat(rows).hasSize(2);
    assertThat(rows[0]).contains("binance").contains("2021-01-01").contains("2021-12-31");
    assertThat(rows[1]).contains("bybit");
    assertThat(run.out()).contains("perp taker 0.040 %").contains("Assumptions:");
    assertThat(out.resolve("funding-report.html")).exists();
  }

  @Test
  void badInput_exitsTwoNamingTheOption() {
    Path funding = SharedData.require("funding");
    String dir = funding.toString();
    CliRun unknown =
        CliRun.of("backtest", "--strategy", "funding_carry", "--funding-dir", dir, "-p", "x=1");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--param x");
    CliRun inverted =
        CliRun.of(
            "funding",
            "report",
            "--funding-dir",
            dir,
            "-p",
            "entry_annualised=0.01",
            "-p",
            "exit_annualised=0.2");
    assertThat(inverted.code()).isEqualTo(2);
    assertThat(inverted.err()).contains("exit:");
    CliRun none = CliRun.of("funding", "report", "--funding-dir", dir, "--symbols", "DOGE");
    assertThat(none.code()).isEqualTo(2);
    CliRun badDay = CliRun.of("funding", "report", "--funding-dir", dir, "--start", "2021-13-01");
    assertThat(badDay.code()).isEqualTo(2);
    assertThat(badDay.err()).contains("--start");
  }
}
