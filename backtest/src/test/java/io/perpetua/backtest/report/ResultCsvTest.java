package io.perpetua.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.SymbolAttribution;
import io.perpetua.jobs.TradeRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCsvTest {
  @TempDir Path dir;

  @Test
  void equity_headerTimesAndDrawdown() throws Exception {
    // 100 -> 120 -> 90: drawdown 0, 0, 90/120 - 1 = -0.25
    EquityCurve c =
        new EquityCurve(
            new long[] {Fixtures.T0, Fixtures.T0 + Fixtures.HOUR, Fixtures.T0 + 2 * Fixtures.HOUR},
            new double[] {100, 120, 90});
    Path f = dir.resolve("equity.csv");
    ResultCsv.writeEquity(c, f);
    assertThat(Files.readAllLines(f))
        .containsExactly(
            "time,equity,drawdown",
            "2024-01-01T00:00:00Z,100,0",
            "2024-01-01T01:00:00Z,120,0",
            "2024-01-01T02:00:00Z,90,-0.25");
  }

  @Test
  void equity_lineCountOfLargeCurve() throws Exception {
    Path f = dir.resolve("equity.csv");
    ResultCsv.writeEquity(Fixtures.curve(2000), f);
    List<String> lines = Files.readAllLines(f);
    assertThat(lines).hasSize(2002);
    assertThat(lines.get(0)).isEqualTo(ResultCsv.EQUITY_HEADER);
    assertThat(lines).allMatch(l -> l.split(",", -1).length == 3);
  }

  @Test
  void trades_quotesTextAndWritesPlainNumbers() throws Exception {
    TradeRecord t =
        new TradeRecord(
            "ODD,\"SYM\"",
            "long",
            Fixtures.T0,
            Fixtures.T0 + 90_000,
            0.00001,
            62450.5,
            62500,
            0.0005,
            Double.NaN,
            0,
            -1.25);
    Path f = dir.resolve("trades.csv");
    ResultCsv.writeTrades(List.of(t), f);
    assertThat(Files.readAllLines(f))
        .containsExactly(
            ResultCsv.TRADES_HEADER,
            "\"ODD,\"\"SYM\"\"\",long,2024-01-01T00:00:00Z,2024-01-01T00:01:30Z,90,"
                + "0.00001,62450.5,62500,0.0005,,0,-1.25");
  }

  @Test
  void trades_andAttribution_lineCounts() throws Exception {
    Path trades = dir.resolve("trades.csv");
    ResultCsv.writeTrades(Fixtures.trades(150), trades);
    assertThat(Files.readAllLines(trades)).hasSize(151).first().isEqualTo(ResultCsv.TRADES_HEADER);
    Path attribution = dir.resolve("attribution.csv");
    ResultCsv.writeAttribution(
        List.of(new SymbolAttribution("BTCUSDT", 12.5, 3, -0.5, 4, 10_000.25)), attribution);
    assertThat(Files.readAllLines(attribution))
        .containsExactly(ResultCsv.ATTRIBUTION_HEADER, "BTCUSDT,12.5,3,-0.5,4,10000.25");
  }
}
