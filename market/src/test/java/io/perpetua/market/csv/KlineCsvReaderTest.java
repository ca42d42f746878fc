package io.perpetua.market.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarSeries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KlineCsvReaderTest {
  static final InstrumentId BTC = InstrumentId.parse("BTC/USDT:USDT");
  static final String SIMPLE_HEADER = "timestamp,open,high,low,close,volume,datetime\n";
  static final String BULK_HEADER =
      "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
          + "taker_buy_quote_volume,ignore\n";
  static final long T0 = 1653465600000L;
  static final long H = 3_600_000L;

  @TempDir Path dir;

  static String simple(long t, String o, String h, String l, String c, String v) {
    return t + "," + o + "," + h + "," + l + "," + c + "," + v + ",2022-05-25 08:00:00\n";
  }

  static String bulk(long t, String o, String h, String l, String c, String v, String qv) {
    return t
        + ","
        + o
        + ","
        + h
        + ","
        + l
        + ","
        + c
        + ","
        + v
        + ","
        + (t + H - 1)
        + ","
        + qv
        + ",1234,1.5,45000.1,0\n";
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  KlineReadResult read(ErrorPolicy policy, Path file) throws IOException {
    return new KlineCsvReader(policy).read(file, BTC, Timeframe.H1);
  }

  @Test
  void read_simpleLayoutPlain_parsesValuesAndEstimatesQuoteVolume() throws IOException {
    Path f =
        write(
            "BTCUSDT-1h.csv",
            SIMPLE_HEADER
                + simple(T0, "29701.47", "29941.41", "29560.67", "29821.03", "2532.18696")
                + simple(T0 + H, "29821.04", "29876.75", "29685.26", "29813.0", "2011.16618"));
    KlineReadResult r = read(ErrorPolicy.STOP, f);
    BarSeries s = r.series();
    assertThat(s.size()).isEqualTo(2);
    assertThat(r.issues()).isEmpty();
    assertThat(r.lines()).isEqualTo(3);
    assertThat(s.openTimeMs(0)).isEqualTo(T0);
    assertThat(s.open(0)).isEqualTo(29701.47);
    assertThat(s.high(0)).isEqualTo(29941.41);
    assertThat(s.low(0)).isEqualTo(29560.67);
    assertThat(s.close(1)).isEqualTo(29813.0);
    assertThat(s.volume(1)).isEqualTo(2011.16618);
    assertThat(s.quoteVolume(0)).isEqualTo(29821.03 * 2532.18696);
    assertThat(s.bar(1).openTimeMs()).isEqualTo(T0 + H);
  }

  @Test
  void read_simpleLayoutGzip_detectedByMagicNotName() throws IOException {
    String text = SIMPLE_HEADER + simple(T0, "1.5", "2", "1", "1.75", "10");
    Path misnamed = Files.write(dir.resolve("BTCUSDT-1h.csv"), gzip(text));
    Path plainNamedGz = write("plain.csv.gz", text);
    assertThat(read(ErrorPolicy.STOP, misnamed).series().close(0)).isEqualTo(1.75);
    assertThat(read(ErrorPolicy.STOP, plainNamedGz).series().close(0)).isEqualTo(1.75);
  }

  @Test
  void read_bulkLayoutWithHeader_takesQuoteVolumeFromColumn8() throws IOException {
    Path f =
        write(
            "BTCUSDT-1h-2024-01.csv",
            BULK_HEADER
                + bulk(T0, "100", "110", "90", "105", "3", "310.5")
                + bulk(T0 + H, "105", "106", "104", "104.5", "0", "0"));
    KlineReadResult r = read(ErrorPolicy.STOP, f);
    assertThat(r.series().size()).isEqualTo(2);
    assertThat(r.series().quoteVolume(0)).isEqualTo(310.5);
    assertThat(r.series().volume(1)).isZero();
  }

  @Test
  void read_bulkLayoutWithoutHeaderGzipCrlf_isRecognisedByFieldCount() throws IOException {
    String text =
        (bulk(T0, "100", "110", "90", "105", "3", "310.5")
                + bulk(T0 + H, "1", "1", "1", "1", "0", "0"))
            .replace("\n", "\r\n");
    Path f = Files.write(dir.resolve("BTCUSDT-1h-2024-01.csv.gz"), gzip(text));
    KlineReadResult r = read(ErrorPolicy.STOP, f);
    assertThat(r.series().openTimes()).containsExactly(T0, T0 + H);
    assertThat(r.series().quoteVolume(0)).isEqualTo(310.5);
  }

  @Test
  void read_bulkMicrosecondTimes_areConvertedToMillis() throws IOException {
    Path f = write("x.csv", bulk(T0 * 1000, "100", "110", "90", "105", "3", "310.5"));
    assertThat(read(ErrorPolicy.STOP, f).series().openTimeMs(0)).isEqualTo(T0);
  }

  @Test
  void read_malformedLine_stopPolicy_namesFileAndLine() throws IOException {
    Path f =
        write(
            "BTCUSDT-1h.csv",
            SIMPLE_HEADER
                + simple(T0, "1", "2", "0.5", "1.5", "10")
                + simple(T0 + H, "1", "abc", "0.5", "1.5", "10"));
    assertThatThrownBy(() -> read(ErrorPolicy.STOP, f))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(f + ":3: invalid high 'abc'")
        .satisfies(
            e -> {
              DataFormatException d = (DataFormatException) e;
              assertThat(d.file()).isEqualTo(f.toString());
              assertThat(d.line()).isEqualTo(3);
            });
  }

  @Test
  void read_malformedLine_skipPolicy_recordsIssueAndContinues() throws IOException {
    Path f =
        write(
            "BTCUSDT-1h.csv",
            SIMPLE_HEADER
                + simple(T0, "1", "2", "0.5", "1.5", "10")
                + "1653469200000,1,2\n"
                + simple(T0 + 2 * H, "1", "2", "0.5", "1.5", "NaN")
                + simple(T0 + 3 * H, "1", "2", "0.5", "1.5", "10"));
    KlineReadResult r = read(ErrorPolicy.SKIP, f);
    assertThat(r.series().openTimes()).containsExactly(T0, T0 + 3 * H);
    assertThat(r.linesSkipped()).isEqualTo(2);
    assertThat(r.issues())
        .extracting(DataIssue::toString)
        .containsExactly(
            f + ":3: expected 7 fields (7-column layout), found 3", f + ":4: invalid volume 'NaN'");
  }

  @Test
  void read_inconsistentOhlc_isMalformed() throws IOException {
    Path f = write("a.csv", SIMPLE_HEADER + simple(T0, "1", "2", "0.5", "2.5", "10"));
    assertThatThrownBy(() -> read(ErrorPolicy.STOP, f))
        .hasMessageStartingWith(f + ":2: bar prices inconsistent");
    Path g = write("b.csv", SIMPLE_HEADER + simple(T0, "0", "2", "0", "1", "10"));
    assertThat(read(ErrorPolicy.SKIP, g).issues())
        .extracting(DataIssue::reason)
        .containsExactly("bar prices must be positive");
    Path h = write("c.csv", SIMPLE_HEADER + simple(T0, "1", "2", "0.5", "1", "-1"));
    assertThat(read(ErrorPolicy.SKIP, h).issues())
        .extracting(DataIssue::reason)
        .containsExactly("bar volumes must be non-negative");
  }

  @Test
  void read_exactDuplicateTime_skippedWithIssueUnderBothPolicies() throws IOException {
    Path f =
        write(
            "a.csv",
            SIMPLE_HEADER
                + simple(T0, "1", "2", "0.5", "1.5", "10")
                + simple(T0, "1", "3", "0.5", "1.5", "99")
                + simple(T0 + H, "1", "2", "0.5", "1.5", "10"));
    for (ErrorPolicy policy : ErrorPolicy.values()) {
      KlineReadResult r = read(policy, f);
      assertThat(r.series().size()).isEqualTo(2);
      assertThat(r.series().high(0)).isEqualTo(2.0);
      assertThat(r.issues()).hasSize(1);
      assertThat(r.issues().get(0).toString()).startsWith(f + ":3: duplicate open time " + T0);
    }
  }

  @Test
  void read_earlierTime_followsPolicy() throws IOException {
    Path f =
        write(
            "a.csv",
            SIMPLE_HEADER
                + simple(T0 + H, "1", "2", "0.5", "1.5", "10")
                + simple(T0, "1", "2", "0.5", "1.5", "10")
                + simple(T0 + 2 * H, "1", "2", "0.5", "1.5", "10"));
    assertThatThrownBy(() -> read(ErrorPolicy.STOP, f))
        .hasMessage(
            f
                + ":3: open time 1653465600000 (2022-05-25T08:00:00Z) is before the previous bar"
                + " 1653469200000 (2022-05-25T09:00:00Z)");
    KlineReadResult r = read(ErrorPolicy.SKIP, f);
    assertThat(r.series().openTimes()).containsExactly(T0 + H, T0 + 2 * H);
    assertThat(r.issues()).extracting(DataIssue::line).containsExactly(3L);
  }

  @Test
  void read_openTimeOffTheTimeframeGrid_isMalformed() throws IOException {
    Path f =
        write(
            "a.csv",
            SIMPLE_HEADER
                + simple(T0 + H - 1, "1", "2", "0.5", "1.5", "10")
                + simple(T0 + H, "1", "2", "0.5", "1.5", "10"));
    KlineReadResult r = read(ErrorPolicy.SKIP, f);
    assertThat(r.series().openTimes()).containsExactly(T0 + H);
    assertThat(r.issues())
        .extracting(DataIssue::toString)
        .containsExactly(
            f + ":2: open time 1653469199999 (2022-05-25T08:59:59Z) is not on the 1h grid");
    KlineReadResult daily =
        new KlineCsvReader(ErrorPolicy.SKIP).read(f, BTC, io.perpetua.core.Timeframe.D1);
    assertThat(daily.series().isEmpty()).isTrue();
    assertThat(daily.linesSkipped()).isEqualTo(2);
  }

  @Test
  void errorPolicy_parsesWireCodes() {
    assertThat(ErrorPolicy.parse("SKIP")).isEqualTo(ErrorPolicy.SKIP);
    assertThat(ErrorPolicy.parse("stop")).isEqualTo(ErrorPolicy.STOP);
    assertThatThrownBy(() -> ErrorPolicy.parse("ignore"))
        .hasMessage("invalid error policy 'ignore': expected one of skip, stop");
  }

  @Test
  void read_zeroVolumeFrozenBars_areValid() throws IOException {
    Path f =
        write(
            "FTTUSDT-1h.csv",
            SIMPLE_HEADER
                + simple(T0, "1.2", "1.2", "1.2", "1.2", "0.0")
                + simple(T0 + H, "1.2", "1.2", "1.2", "1.2", "0"));
    KlineReadResult r = read(ErrorPolicy.STOP, f);
    assertThat(r.series().size()).isEqualTo(2);
    assertThat(r.series().quoteVolume(1)).isZero();
  }

  @Test
  void read_unknownHeader_failsUnderBothPolicies() throws IOException {
    Path f = write("a.csv", "time,o,h,l,c\n1,2,3,4,5\n");
    for (ErrorPolicy policy : ErrorPolicy.values()) {
      assertThatThrownBy(() -> read(policy, f))
          .isInstanceOf(DataFormatException.class)
          .hasMessageStartingWith(f + ":1: unrecognised header 'time,o,h,l,c'");
    }
  }

  @Test
  void read_undeterminedLayout_skipsUntilARecognisableLine() throws IOException {
    Path f = write("a.csv", "12345\n\n" + simple(T0, "1", "2", "0.5", "1.5", "10"));
    KlineReadResult r = read(ErrorPolicy.SKIP, f);
    assertThat(r.series().size()).isEqualTo(1);
    assertThat(r.issues())
        .extracting(DataIssue::toString)
        .containsExactly(f + ":1: cannot tell the layout: expected 7 or 12 fields, found 1");
  }

  @Test
  void read_streamWithoutTrailingNewlineAndBlankLines_readsAll() throws IOException {
    String text = SIMPLE_HEADER + "\n  \n" + simple(T0, "1", "2", "0.5", "1.5", "10").trim();
    KlineReadResult r =
        new KlineCsvReader(ErrorPolicy.STOP)
            .read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "mem",
                BTC,
                Timeframe.H1);
    assertThat(r.series().size()).isEqualTo(1);
    assertThat(r.lines()).isEqualTo(4);
  }

  @Test
  void read_manyBadLines_countsAllButListsABoundedNumber() throws IOException {
    StringBuilder text = new StringBuilder(SIMPLE_HEADER);
    for (int i = 0; i < 3000; i++) {
      text.append("x,1,2,3,4,5,6\n");
    }
    KlineReadResult r = read(ErrorPolicy.SKIP, write("a.csv", text.toString()));
    assertThat(r.linesSkipped()).isEqualTo(3000);
    assertThat(r.issues()).hasSize(IssueLog.MAX_ISSUES + 1);
    assertThat(r.series().isEmpty()).isTrue();
  }
}
