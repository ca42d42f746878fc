package io.perpetua.market.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import io.perpetua.core.time.Times;
import io.perpetua.market.AlignedBars;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarCatalogEntry;
import io.perpetua.market.BarSeries;
import io.perpetua.market.Gap;
import io.perpetua.market.csv.DataFormatException;
import io.perpetua.market.csv.DataIssue;
import io.perpetua.market.csv.ErrorPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlineImporterTest {
  static final long H = Times.HOUR_MS;
  static final long JAN = Times.parseDate("2024-01-01");
  static final long FEB = Times.parseDate("2024-02-01");
  static final InstrumentId BTC = InstrumentId.parse("BTC/USDT:USDT");

  @TempDir Path dir;

  static String bulkLine(long t, double close) {
    return t
        + ","
        + close
        + ","
        + (close + 1)
        + ","
        + (close - 1)
        + ","
        + close
        + ",2,"
        + (t + H - 1)
        + ","
        + (2 * close)
        + ",10,1,1,0\n";
  }

  Path monthly(String name, long from, int hours, double close) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < hours; k++) {
      text.append(bulkLine(from + k * H, close));
    }
    Path file = dir.resolve("in").resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void importPath_monthlyBulkFiles_areCombinedPerSymbolAndMerged() throws IOException {
    monthly("BTCUSDT-1h-2024-01.csv", JAN, 24, 100);
    monthly("BTCUSDT-1h-2024-02.csv", FEB, 24, 200);
    monthly("sub/ETHUSDT-1h-2024-01.csv", JAN, 10, 50);
    Files.writeString(dir.resolve("in/notes.txt"), "not a csv");
    BarCatalog catalog = new BarCatalog(dir.resolve("catalog"));
    List<long[]> progress = new ArrayList<>();
    ImportReport report =
        new KlineImporter(catalog, ErrorPolicy.STOP)
            .importPath(
                dir.resolve("in"), (done, total, item) -> progress.add(new long[] {done, total}));
    assertThat(report.files()).isEqualTo(3);
    assertThat(report.instrumentCount()).isEqualTo(2);
    ImportReport.Entry btc = report.entry(BTC, Timeframe.H1).orElseThrow();
    assertThat(btc.barsImported()).isEqualTo(48);
    assertThat(btc.firstOpenTimeMs()).isEqualTo(JAN);
    assertThat(btc.lastOpenTimeMs()).isEqualTo(FEB + 23 * H);
    assertThat(btc.gaps()).containsExactly(new Gap(JAN + 23 * H, FEB, (FEB - JAN) / H - 24));
    assertThat(btc.barsStored()).isEqualTo(48);
    assertThat(catalog.read(BTC, Timeframe.H1).orElseThrow().quoteVolume(0)).isEqualTo(200);
    assertThat(progress).as("one call per instrument and timeframe").hasSize(2);
    assertThat(progress.get(1)[0]).isEqualTo(progress.get(1)[1]).isEqualTo(report.bytes());
    assertThat(progress.get(0)[0]).isPositive().isLessThan(progress.get(1)[0]);
  }

  @Test
  void importPath_parallelAndSequential_giveTheSameReportAndCatalog() throws IOException {
    for (int k = 0; k < 6; k++) {
      monthly("S" + k + "USDT-1h-2024-01.csv", JAN + k * H, 30 + k, 10 + k);
    }
    Path in = dir.resolve("in");
    Files.writeString(
        in.resolve("S2USDT-1h-2024-01.csv"), "oops\n", java.nio.file.StandardOpenOption.APPEND);
    BarCatalog one = new BarCatalog(dir.resolve("one"));
    BarCatalog three = new BarCatalog(dir.resolve("three"));
    List<String> progressOne = new ArrayList<>();
    List<String> progressThree = new ArrayList<>();
    ImportReport a =
        new KlineImporter(one, ErrorPolicy.SKIP, 1)
            .importPath(
                in, (done, total, item) -> progressOne.add(done + "/" + total + " " + item));
    ImportReport b =
        new KlineImporter(three, ErrorPolicy.SKIP, 3)
            .importPath(
                in, (done, total, item) -> progressThree.add(done + "/" + total + " " + item));
    assertThat(b.entries()).isEqualTo(a.entries()).hasSize(6);
    assertThat(b.issues()).hasSize(1);
    assertThat(b.issues().get(0).line()).as("after 32 bars").isEqualTo(33);
    assertThat(progressThree).isEqualTo(progressOne);
    assertThat(three.list()).isEqualTo(one.list());
    assertThatThrownBy(
            () ->
                new KlineImporter(new BarCatalog(dir.resolve("x")), ErrorPolicy.STOP, 3)
                    .importPath(in))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(
            in.resolve("S2USDT-1h-2024-01.csv")
                + ":33: expected 12 fields (12-column Binance layout), found 1");
  }

  @Test
  void importPath_again_mergesWithStoredBarsNewerWins() throws IOException {
    BarCatalog catalog = new BarCatalog(dir.resolve("catalog"));
    KlineImporter importer = new KlineImporter(catalog, ErrorPolicy.STOP);
    importer.importPath(monthly("BTCUSDT-1h-2024-01.csv", JAN, 24, 100));
    Path fix = monthly("BTCUSDT-1h-2024-01-02.csv", JAN + 20 * H, 10, 300);
    ImportReport second = importer.importPath(fix);
    assertThat(second.entry(BTC, Timeframe.H1).orElseThrow().barsStored()).isEqualTo(30);
    BarSeries stored = catalog.read(BTC, Timeframe.H1).orElseThrow();
    assertThat(stored.close(19)).isEqualTo(100);
    assertThat(stored.close(20)).isEqualTo(300);
    assertThat(stored.lastOpenTimeMs()).isEqualTo(JAN + 29 * H);
  }

  @Test
  void importPath_badFileNameAndBadLine_skipPolicyReportsFileAndLine() throws IOException {
    Path bad = monthly("prices.csv", JAN, 2, 1);
    Path btc = monthly("BTCUSDT-1h.csv", JAN, 3, 100);
    Files.writeString(btc, Files.readString(btc) + "oops\n");
    ImportReport report =
        new KlineImporter(new BarCatalog(dir.resolve("c")), ErrorPolicy.SKIP)
            .importPath(dir.resolve("in"));
    assertThat(report.issues())
        .extracting(DataIssue::toString)
        .containsExactly(
            bad
                + ": cannot infer symbol and timeframe from the file name: expected e.g."
                + " BTCUSDT-1h.csv.gz or BTCUSDT-1h-2024-01.csv",
            btc + ":4: expected 12 fields (12-column Binance layout), found 1");
    assertThat(report.entry(BTC, Timeframe.H1).orElseThrow().linesSkipped()).isEqualTo(1);
    assertThat(report.linesSkipped()).isEqualTo(1);
  }

  @Test
  void importPath_badLine_stopPolicyThrowsWithFileAndLine() throws IOException {
    Path btc = monthly("BTCUSDT-1h.csv", JAN, 3, 100);
    Files.writeString(btc, Files.readString(btc).replace(",101.0,", ",99.0,"));
    KlineImporter importer = new KlineImporter(new BarCatalog(dir.resolve("c")), ErrorPolicy.STOP);
    assertThatThrownBy(() -> importer.importPath(btc))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(btc + ":1: bar prices inconsistent");
    assertThatThrownBy(() -> importer.importPath(monthly("x.csv", JAN, 1, 1)))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("cannot infer symbol and timeframe");
  }

  @Test
  void importPath_realBtcHourly_spans35040HoursWithTheMarch2023HaltGap() throws IOException {
    Path file = SharedData.require("binance-um-klines/1h/BTCUSDT-1h.csv.gz");
    BarCatalog catalog = new BarCatalog(dir);
    ImportReport report = new KlineImporter(catalog, ErrorPolicy.STOP).importPath(file);
    ImportReport.Entry e = report.entry(BTC, Timeframe.H1).orElseThrow();
    // 35,040 hourly slots from first to last bar; the halt leaves one of them empty, so the file
    // (35,040 lines with its header) holds 35,039 bars.
    assertThat((e.lastOpenTimeMs() - e.firstOpenTimeMs()) / H + 1).isEqualTo(35_040);
    assertThat(e.barsImported()).isEqualTo(35_039);
    assertThat(Times.iso(e.firstOpenTimeMs())).isEqualTo("2022-05-25T08:00:00Z");
    assertThat(Times.iso(e.lastOpenTimeMs())).isEqualTo("2026-05-24T07:00:00Z");
    assertThat(e.gaps())
        .containsExactly(
            new Gap(
                Times.parseInstant("2023-03-24T12:00:00Z"),
                Times.parseInstant("2023-03-24T14:00:00Z"),
                1));
    assertThat(report.issues()).isEmpty();
    BarSeries stored = catalog.read(BTC, Timeframe.H1).orElseThrow();
    assertThat(stored.size()).isEqualTo(35_039);
    assertThat(stored.close(0)).isEqualTo(29821.03);
    assertThat(stored.close(stored.size() - 1)).isEqualTo(76813.4);
  }

  @Test
  void importPath_realDailyDirectory_yields130InstrumentsWithoutIssues() throws IOException {
    Path daily = SharedData.require("binance-um-klines/1d");
    BarCatalog catalog = new BarCatalog(dir);
    ImportReport report = new KlineImporter(catalog, ErrorPolicy.STOP).importPath(daily);
    assertThat(report.instrumentCount()).isEqualTo(130);
    assertThat(report.issues()).isEmpty();
    assertThat(report.entries()).allMatch(e -> e.timeframe() == Timeframe.D1);
    assertThat(catalog.instruments(Timeframe.D1)).hasSize(130).isSorted();
    BarSeries btc = catalog.read(BTC, Timeframe.D1).orElseThrow();
    assertThat(btc.openTimeMs(0) % Times.DAY_MS).isZero();
    assertThat(btc.close(0)).isEqualTo(9446.43);
  }

  @Test
  void importPath_realHourlyDirectory_yields81InstrumentsAndAlignsQuickly() throws IOException {
    Path hourly = SharedData.require("binance-um-klines/1h");
    BarCatalog catalog = new BarCatalog(dir);
    long[] lastDone = {0};
    ImportReport report =
        new KlineImporter(catalog, ErrorPolicy.STOP)
            .importPath(hourly, (done, total, item) -> lastDone[0] = done);
    assertThat(report.files()).isEqualTo(81);
    assertThat(report.instrumentCount()).isEqualTo(81);
    assertThat(report.issues()).isEmpty();
    assertThat(report.barsImported()).isEqualTo(2_312_393 - 81);
    assertThat(lastDone[0]).isEqualTo(report.bytes());
    List<BarCatalogEntry> entries = catalog.list();
    assertThat(entries).hasSize(81);
    BarCatalogEntry ftt =
        entries.stream().filter(x -> x.instrument().base().equals("FTT")).findFirst().orElseThrow();
    assertThat(ftt.barCount()).isPositive();

    AlignedBars panel = AlignedBars.fromCatalog(catalog, Timeframe.H1, 0, Long.MAX_VALUE);
    assertThat(panel.instrumentCount()).isEqualTo(81);
    assertThat(panel.size()).isBetween(50_000, 60_000);
    assertThat(Times.iso(panel.time(0))).startsWith("2019-12");
    int btc = panel.index(BTC);
    int t = panel.indexOfTime(Times.parseInstant("2023-03-24T13:00:00Z"));
    assertThat(panel.close(t, btc)).as("BTC spot halt").isNaN();
    assertThat(panel.close(t, panel.index(InstrumentId.usdtPerp("BCH")))).isPositive();
    int listed = 0;
    for (int i = 0; i < panel.instrumentCount(); i++) {
      listed += panel.hasBar(0, i) ? 1 : 0;
    }
    assertThat(listed).as("staggered listings").isBetween(1, 20);
  }
}
