package io.perpetua.market;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of valid bar series, and temp-dir helpers for properties. */
final class RandomSeries {
  private RandomSeries() {}

  record Row(int step, double a, double b, double c, double d, double volume, double quote) {}

  static Arbitrary<Double> price() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(-8, 6).map(e -> Math.pow(10, e)),
        Arbitraries.of(Double.MIN_VALUE, 1e-300, 0.01, 60_000.0, 1e300));
  }

  static Arbitrary<Row> row() {
    Arbitrary<Double> volume =
        Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 1e12));
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            price(),
            price(),
            price(),
            price(),
            volume,
            volume)
        .as(Row::new);
  }

  /** A valid hourly series of {@code base} with random gaps. */
  static Arbitrary<BarSeries> hourly(String base) {
    return Combinators.combine(
            Arbitraries.longs().between(0, 2_000_000).map(h -> h * Timeframe.H1.millis()),
            row().list().ofMaxSize(200))
        .as((start, rows) -> build(InstrumentId.usdtPerp(base), start, rows));
  }

  static BarSeries build(InstrumentId id, long start, List<Row> rows) {
    BarSeries.Builder b = BarSeries.builder(id, Timeframe.H1);
    long t = start;
    for (Row r : rows) {
      double[] p = {r.a(), r.b(), r.c(), r.d()};
      java.util.Arrays.sort(p);
      boolean up = r.step() % 2 == 0;
      b.add(t, up ? p[1] : p[2], p[3], p[0], up ? p[2] : p[1], r.volume(), r.quote());
      t += r.step() * Timeframe.H1.millis();
    }
    return b.build();
  }

  static Path tempDir() throws IOException {
    return Files.createTempDirectory("perpetua-market-test");
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
