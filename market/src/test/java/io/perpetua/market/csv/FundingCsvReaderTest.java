package io.perpetua.market.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.testing.SharedData;
import io.perpetua.core.time.Times;
import io.perpetua.market.FundingSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FundingCsvReaderTest {
  static final InstrumentId BTC = InstrumentId.parse("BTC/USDT:USDT");
  static final long H = Times.HOUR_MS;

  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static Set<Long> hoursOfDay(FundingSeries s) {
    Set<Long> hours = new TreeSet<>();
    for (int i = 0; i < s.size(); i++) {
      hours.add(Math.floorMod(s.timeMs(i), Times.DAY_MS) / H);
    }
    return hours;
  }

  @Test
  void read_shiftsDatesByThreeHoursAndRoundsJitterToTheSecond() throws IOException {
    Path f =
        write(
            "BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv",
            "Symbol,Date,Funding Rate\n"
                + "BTC-USDT,2020-01-01 03:00:00.000,-0.00012359\n"
                + "BTC-USDT,2020-01-01 11:00:00.001,2.6e-05\n"
                + "BTC-USDT,2020-01-01 19:00:00,0.0001\n");
    FundingReadResult r = new FundingCsvReader(ErrorPolicy.STOP).read(f);
    FundingSeries s = r.series();
    assertThat(s.venue()).isEqualTo("binance");
    assertThat(s.instrument()).isEqualTo(BTC);
    long day = Times.parseDate("2020-01-01");
    assertThat(s.timesMs()).containsExactly(day, day + 8 * H, day + 16 * H);
    assertThat(s.rates()).containsExactly(-0.00012359, 2.6e-05, 0.0001);
  }

  @Test
  void read_configurableShift_isApplied() throws IOException {
    Path f =
        write("BTC-USDT_x_a.csv", "Symbol,Date,Funding Rate\nBTC-USDT,2020-01-01 03:00:00,0\n");
    FundingSeries s = new FundingCsvReader(ErrorPolicy.STOP, 0).read(f).series();
    assertThat(s.timeMs(0)).isEqualTo(Times.parseDate("2020-01-01") + 3 * H);
    assertThat(new FundingCsvReader(ErrorPolicy.STOP).shiftMs("gate")).isZero();
    assertThat(new FundingCsvReader(ErrorPolicy.STOP).shiftMs("bybit")).isEqualTo(3 * H);
  }

  @Test
  void read_malformedLine_stopPolicy_namesFileAndLine() throws IOException {
    Path f =
        write(
            "BTC-USDT_bybit_a.csv",
            "Symbol,Date,Funding Rate\nBTC-USDT,2021-01-01 03:00:00,0.0001\n"
                + "BTC-USDT,2021-01-01 11:00,oops\n");
    assertThatThrownBy(() -> new FundingCsvReader(ErrorPolicy.STOP).read(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ":3: invalid funding rate 'oops'");
  }

  @Test
  void read_malformedLines_skipPolicy_recordsEach() throws IOException {
    Path f =
        write(
            "BTC-USDT_bybit_a.csv",
            "Symbol,Date,Funding Rate\n"
                + "BTC-USDT,2021-01-01 03:00:00,0.0001\n"
                + "BTC-USDT,2021-02-30 03:00:00,0.0001\n"
                + "ETH-USDT,2021-01-01 11:00:00,0.0001\n"
                + "BTC-USDT,2021-01-01 11:00:00,0.5\n"
                + "BTC-USDT,2021-01-01 11:00:00\n"
                + "BTC-USDT,2021-01-01 03:00:00,0.0002\n"
                + "BTC-USDT,2021-01-01 19:00:00,-0.0001\n");
    FundingReadResult r = new FundingCsvReader(ErrorPolicy.SKIP).read(f);
    assertThat(r.series().size()).isEqualTo(2);
    assertThat(r.series().rate(1)).isEqualTo(-0.0001);
    assertThat(r.issues()).extracting(DataIssue::line).containsExactly(3L, 4L, 5L, 6L, 7L);
    assertThat(r.issues().get(0).reason()).startsWith("invalid date '2021-02-30 03:00:00'");
    assertThat(r.issues().get(1).reason()).isEqualTo("symbol 'ETH-USDT' is not BTC/USDT:USDT");
    assertThat(r.issues().get(2).reason()).isEqualTo("implausible funding rate 0.5");
    assertThat(r.issues().get(4).reason()).startsWith("duplicate settlement time");
  }

  @Test
  void read_withoutHeaderFirstLineMalformed_skipPolicyKeepsGoing() throws IOException {
    Path f =
        write(
            "BTC-USDT_gate_a.csv",
            "BTC-USDT,2021-01-01 00:00:00,bad\nBTC-USDT,2021-01-01 08:00:00,0.0001\n");
    FundingReadResult r = new FundingCsvReader(ErrorPolicy.SKIP).read(f);
    assertThat(r.series().timesMs()).containsExactly(Times.parseDate("2021-01-01") + 8 * H);
    assertThat(r.issues()).extracting(DataIssue::line).containsExactly(1L);
    Path g = write("BTC-USDT_gate_b.csv", "symbol,when,rate\n");
    assertThatThrownBy(() -> new FundingCsvReader(ErrorPolicy.SKIP).read(g))
        .hasMessage(
            g + ":1: unrecognised header 'symbol,when,rate': expected Symbol,Date,Funding Rate");
  }

  @Test
  void read_nameWithoutVenue_isRejected() throws IOException {
    Path f = write("funding.csv", "Symbol,Date,Funding Rate\n");
    assertThatThrownBy(() -> new FundingCsvReader(ErrorPolicy.SKIP).read(f))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(f + ": cannot infer symbol and venue");
  }

  @Test
  void parseDateTime_acceptsTheUsualForms() {
    assertThat(date("2020-01-01 03:00:00.001"))
        .isEqualTo(Times.parseInstant("2020-01-01T03:00:00.001Z"));
    assertThat(date("2020-01-01T03:00:00Z")).isEqualTo(Times.parseInstant("2020-01-01T03:00:00Z"));
    assertThat(date("2020-01-01 03:00")).isEqualTo(Times.parseInstant("2020-01-01T03:00:00Z"));
    assertThat(date("2020-01-01 03:00:00.5"))
        .isEqualTo(Times.parseInstant("2020-01-01T03:00:00.5Z"));
    assertThat(date("2020-01-01")).isEqualTo(Times.parseDate("2020-01-01"));
    for (String bad :
        new String[] {"2020-13-01", "2020-01-01 24:00", "2020/01/01", "x", "2020-01-01 03:00:0"}) {
      assertThat(date(bad)).as(bad).isEqualTo(Long.MIN_VALUE);
    }
  }

  static long date(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return FundingRows.parseDateTime(b, 0, b.length);
  }

  @Test
  void read_realBinanceFile_settlementsLandOn00_08_16Utc() throws IOException {
    Path f =
        SharedData.require("funding/BTC-USDT_binance_2020-01-01_2024-01-01_funding_history.csv");
    FundingReadResult r = new FundingCsvReader(ErrorPolicy.STOP).read(f);
    FundingSeries s = r.series();
    assertThat(r.issues()).isEmpty();
    assertThat(s.size()).isEqualTo(4383);
    assertThat(s.instrument()).isEqualTo(BTC);
    assertThat(s.timeMs(0)).isEqualTo(Times.parseInstant("2020-01-01T00:00:00Z"));
    assertThat(s.rate(0)).isEqualTo(-0.00012359);
    assertThat(s.timeMs(s.size() - 1)).isEqualTo(Times.parseInstant("2023-12-31T16:00:00Z"));
    assertThat(s.rate(s.size() - 1)).isEqualTo(0.00033597);
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.timeMs(i) % (8 * H)).isZero();
    }
  }

  @Test
  void read_realFilesOfEveryVenue_landOnTheVenueSchedule() throws IOException {
    FundingCsvReader reader = new FundingCsvReader(ErrorPolicy.STOP);
    for (String venue : new String[] {"binance", "bybit", "mexc", "gate"}) {
      FundingSeries s = reader.read(real("ETH", venue)).series();
      assertThat(hoursOfDay(s)).as(venue).containsExactly(0L, 8L, 16L);
    }
    assertThat(hoursOfDay(reader.read(real("BTC", "kucoin")).series()))
        .containsExactly(4L, 12L, 20L);
    FundingSeries dydx = reader.read(real("BTC", "dydx")).series();
    assertThat(dydx.size()).isEqualTo(17520);
    assertThat(hoursOfDay(dydx)).hasSize(24);
    FundingSeries htx = reader.read(real("BTC", "htx")).series();
    assertThat(hoursOfDay(htx)).contains(0L, 8L, 16L);
  }

  static Path real(String base, String venue) throws IOException {
    Path dir = SharedData.require("funding");
    try (var files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(base + "-USDT_" + venue + "_"))
          .findFirst()
          .orElseThrow();
    }
  }
}
