package io.perpetua.market;

import static io.perpetua.market.TestSeries.H;
import static io.perpetua.market.TestSeries.T0;
import static io.perpetua.market.TestSeries.hourly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarCatalogTest {
  @TempDir Path dir;

  @Provide
  Arbitrary<BarSeries> series() {
    return RandomSeries.hourly("BTC");
  }

  @Property(tries = 200)
  void writeThenRead_anySeries_isIdentical(@ForAll("series") BarSeries s) throws IOException {
    Path root = RandomSeries.tempDir();
    try {
      BarCatalog catalog = new BarCatalog(root);
      catalog.write(s);
      assertThat(catalog.read(s.instrument(), Timeframe.H1)).contains(s);
    } finally {
      RandomSeries.deleteRecursively(root);
    }
  }

  @Property(tries = 200)
  void merge_twoSeries_isUnionWithNewerValues(
      @ForAll("series") BarSeries older, @ForAll("series") BarSeries newer) throws IOException {
    Path root = RandomSeries.tempDir();
    try {
      BarCatalog catalog = new BarCatalog(root);
      catalog.merge(older);
      BarSeries merged = catalog.merge(newer);
      assertThat(catalog.read(older.instrument(), Timeframe.H1)).contains(merged);
      Map<Long, Double> expectedClose = new HashMap<>();
      for (BarSeries s : new BarSeries[] {older, newer}) {
        for (int i = 0; i < s.size(); i++) {
          expectedClose.put(s.openTimeMs(i), s.close(i));
        }
      }
      assertThat(merged.size()).isEqualTo(expectedClose.size());
      for (int i = 0; i < merged.size(); i++) {
        assertThat(merged.close(i)).isEqualTo(expectedClose.get(merged.openTimeMs(i)));
        if (i > 0) {
          assertThat(merged.openTimeMs(i)).isGreaterThan(merged.openTimeMs(i - 1));
        }
      }
    } finally {
      RandomSeries.deleteRecursively(root);
    }
  }

  @Test
  void read_range_returnsHalfOpenSliceAndEmptyWhenAbsent() throws IOException {
    BarCatalog catalog = new BarCatalog(dir);
    BarSeries s = hourly("ETH", TestSeries.range(0, 100));
    catalog.write(s);
    assertThat(catalog.read(s.instrument(), Timeframe.H1, T0 + 10 * H, T0 + 20 * H))
        .contains(s.slice(T0 + 10 * H, T0 + 20 * H));
    assertThat(catalog.read(s.instrument(), Timeframe.H1, T0 + 500 * H, T0 + 600 * H).orElseThrow())
        .isEqualTo(BarSeries.empty(s.instrument(), Timeframe.H1));
    assertThat(catalog.read(s.instrument(), Timeframe.D1)).isEmpty();
    assertThat(catalog.read(InstrumentId.usdtPerp("XRP"), Timeframe.H1)).isEmpty();
  }

  @Test
  void list_reportsCountsBoundsAndGaps() throws IOException {
    BarCatalog catalog = new BarCatalog(dir);
    catalog.write(hourly("SOL", 0, 1, 2, 5, 6, 9));
    catalog.write(hourly("BTC", TestSeries.range(0, 10)));
    BarSeries.Builder daily = BarSeries.builder(InstrumentId.usdtPerp("BTC"), Timeframe.D1);
    daily.add(0, 1, 1, 1, 1, 0, 0);
    catalog.write(daily.build());
    assertThat(catalog.list())
        .containsExactly(
            new BarCatalogEntry(InstrumentId.usdtPerp("BTC"), Timeframe.H1, 10, T0, T0 + 9 * H, 0),
            new BarCatalogEntry(InstrumentId.usdtPerp("SOL"), Timeframe.H1, 6, T0, T0 + 9 * H, 2),
            new BarCatalogEntry(InstrumentId.usdtPerp("BTC"), Timeframe.D1, 1, 0, 0, 0));
    assertThat(catalog.instruments(Timeframe.H1))
        .containsExactly(InstrumentId.usdtPerp("BTC"), InstrumentId.usdtPerp("SOL"));
    assertThat(catalog.timeframes()).containsExactly(Timeframe.H1, Timeframe.D1);
    assertThat(catalog.path(InstrumentId.usdtPerp("SOL"), Timeframe.H1))
        .isEqualTo(dir.resolve("bars/1h/SOLUSDT.bars"));
  }

  @Test
  void write_replacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
    BarCatalog catalog = new BarCatalog(dir);
    catalog.write(hourly("BTC", 0, 1, 2));
    catalog.write(hourly("BTC", 5));
    assertThat(catalog.read(InstrumentId.usdtPerp("BTC"), Timeframe.H1)).contains(hourly("BTC", 5));
    try (Stream<Path> files = Files.list(dir.resolve("bars/1h"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("BTCUSDT.bars");
    }
    assertThat(catalog.delete(InstrumentId.usdtPerp("BTC"), Timeframe.H1)).isTrue();
    assertThat(catalog.list()).isEmpty();
  }

  @Test
  void write_layoutIsLittleEndianColumns() throws IOException {
    BarCatalog catalog = new BarCatalog(dir);
    BarSeries s = hourly("BTC", 0, 1);
    catalog.write(s);
    ByteBuffer b =
        ByteBuffer.wrap(Files.readAllBytes(catalog.path(s.instrument(), Timeframe.H1)))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt(0)).isEqualTo(BarCatalog.MAGIC);
    assertThat(b.getInt(4)).isEqualTo(1);
    assertThat(b.getLong(8)).isEqualTo(2);
    int data = b.getInt(24);
    assertThat(data % 8).isZero();
    assertThat(b.getLong(data)).isEqualTo(T0);
    assertThat(b.getLong(data + 8)).isEqualTo(T0 + H);
    assertThat(b.getDouble(data + 16 * 4 + 8)).as("close of bar 1").isEqualTo(101.0);
    assertThat(b.capacity()).isEqualTo(data + 2 * 8 * 7);
  }

  @Test
  void read_truncatedOrForeignFile_failsWithThePath() throws IOException {
    BarCatalog catalog = new BarCatalog(dir);
    BarSeries s = hourly("BTC", 0, 1, 2);
    catalog.write(s);
    Path file = catalog.path(s.instrument(), Timeframe.H1);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThatThrownBy(() -> catalog.read(s.instrument(), Timeframe.H1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("corrupt");
    Files.writeString(file, "hello, this is not a bar file at all....");
    assertThatThrownBy(() -> catalog.read(s.instrument(), Timeframe.H1))
        .hasMessageContaining("bad magic");
  }
}
