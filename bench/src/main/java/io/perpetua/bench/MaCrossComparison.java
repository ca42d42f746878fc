package io.perpetua.bench;

import io.perpetua.bench.macross.BareLoopMaCross;
import io.perpetua.bench.macross.KernelMaCross;
import io.perpetua.bench.macross.MaCrossData;
import io.perpetua.bench.macross.Ta4jMaCross;
import io.perpetua.bench.macross.TradeList;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.ta4j.core.BarSeries;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;

/**
 * Whole-run comparison of one moving-average crossover rule over every symbol of a kline set, in
 * one JVM, side by side: the bare loop over primitive arrays (the ceiling), the trading kernel (one
 * run per symbol and/or one over the panel) and ta4j (DecimalNum, its default, and DoubleNum).
 * Checks first that every implementation produces the bare loop's trade list, then warms up and
 * times {@code --runs} rounds (implementations interleaved, order rotating), and prints median and
 * best wall time, symbol-bars per second, trade counts and the ratios with their targets. Data
 * loading and ta4j series construction are outside the timed region for everyone (reported apart).
 *
 * <p>Usage: {@code MaCrossComparison [--data DIR] [--fast N] [--slow N] [--warmup N] [--runs N]
 * [--kernel per_symbol|panel|both] [--skip-ta4j-double] [--kernel-as-is]}; {@code --kernel-as-is}
 * adds an untimed run of the kernel without {@link KernelMaCross}'s workarounds. Exit status 0, 1
 * when a trade list that must equal the bare loop's differs (the kernel per symbol, ta4j
 * DecimalNum; the panel kernel and ta4j DoubleNum differ for stated reasons), 2 on bad arguments.
 */
public final class MaCrossComparison {
  private static final double TARGET_VS_TA4J = 50;
  private static final double TARGET_VS_BARE = 3;

  private MaCrossComparison() {}

  /**
   * One implementation: its run, its timings and trades; {@code expectedDifference} explains why
   * its trades may differ from the bare loop's (null: they must not).
   */
  private record Timed(
      String name,
      Supplier<TradeList> run,
      String expectedDifference,
      List<Long> nanos,
      TradeList trades) {}

  /** Runs the comparison; see the class comment. */
  public static void main(String[] args) throws IOException {
    MaCrossOptions o;
    try {
      o = MaCrossOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(o, System.out));
  }

  static int run(MaCrossOptions o, PrintStream out) throws IOException {
    String loadBefore = loadAverage();
    long t0 = System.nanoTime();
    MaCrossData data = MaCrossData.load(o.data);
    long loadMs = (System.nanoTime() - t0) / 1_000_000;
    List<String> symbols = data.symbols();
    double[][] closes = new double[data.symbolCount()][];
    for (int s = 0; s < closes.length; s++) {
      closes[s] = data.closes(s);
    }
    t0 = System.nanoTime();
    List<BarSeries> decimal = Ta4jMaCross.series(data, DecimalNumFactory.getInstance());
    long decimalBuildMs = (System.nanoTime() - t0) / 1_000_000;
    t0 = System.nanoTime();
    List<BarSeries> dbl =
        o.ta4jDouble ? Ta4jMaCross.series(data, DoubleNumFactory.getInstance()) : List.of();
    long doubleBuildMs = (System.nanoTime() - t0) / 1_000_000;

    List<Timed> all = new ArrayList<>();
    all.add(timed("bare loop", () -> BareLoopMaCross.run(symbols, closes, o.fast, o.slow), null));
    if (o.perSymbol) {
      all.add(
          timed(
              "kernel, one run per symbol",
              () -> KernelMaCross.run(data, KernelMaCross.Mode.PER_SYMBOL, o.fast, o.slow).trades(),
              null));
    }
    if (o.panel) {
      all.add(
          timed(
              "kernel, one run over the panel",
              () -> KernelMaCross.run(data, KernelMaCross.Mode.PANEL, o.fast, o.slow).trades(),
              "an order in flight (e.g. across a symbol's missing bar) makes the kernel skip"
                  + " the next decision for every symbol"));
    }
    String ta4j = "ta4j " + ta4jVersion();
    all.add(
        timed(ta4j + " DecimalNum", () -> Ta4jMaCross.run(symbols, decimal, o.fast, o.slow), null));
    if (o.ta4jDouble) {
      all.add(
          timed(
              ta4j + " DoubleNum",
              () -> Ta4jMaCross.run(symbols, dbl, o.fast, o.slow),
              "its running sums add and subtract doubles, so near-equal averages compare either way"));
    }

    // correctness first: one run each, compared with the bare loop
    List<Timed> checked = new ArrayList<>();
    for (Timed t : all) {
      checked.add(new Timed(t.name(), t.run(), t.expectedDifference(), t.nanos(), t.run().get()));
    }
    for (int w = 0; w < o.warmup; w++) {
      for (Timed t : checked) {
        t.run().get();
      }
    }
    for (int r = 0; r < o.runs; r++) {
      for (int k = 0; k < checked.size(); k++) {
        Timed t = checked.get((k + r) % checked.size());
        System.gc(); // untimed: no run pays for the previous run's garbage
        long start = System.nanoTime();
        TradeList result = t.run().get();
        t.nanos().add(System.nanoTime() - start);
        if (!result.equals(t.trades())) {
          throw new IllegalStateException(t.name() + " is not deterministic");
        }
      }
    }
    int status =
        report(
            o, data, checked, out, new long[] {loadMs, decimalBuildMs, doubleBuildMs}, loadBefore);
    if (o.asIs) {
      reportAsIs(o, data, checked.get(0).trades(), out);
    }
    return status;
  }

  private static Timed timed(String name, Supplier<TradeList> run, String expectedDifference) {
    return new Timed(name, run, expectedDifference, new ArrayList<>(), null);
  }

  private static int report(
      MaCrossOptions o,
      MaCrossData data,
      List<Timed> timed,
      PrintStream out,
      long[] setupMs,
      String loadBefore) {
    long bars = data.symbolBars();
    out.printf(
        Locale.ROOT,
        "MA crossover (fast %d, slow %d, long/flat, fill at next close) over %d symbols, %,d"
            + " symbol-bars of %s from %s%n",
        o.fast,
        o.slow,
        data.symbolCount(),
        bars,
        data.timeframe().code(),
        o.data);
    out.printf(
        Locale.ROOT,
        "%s, Java %s (%s), %d cpus, load average before %s, after %s%n",
        Instant.now(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        loadBefore,
        loadAverage());
    out.printf(
        Locale.ROOT,
        "untimed setup: load %,d ms, ta4j series DecimalNum %,d ms, DoubleNum %,d ms;"
            + " %d warm-up rounds, median of %d timed rounds%n%n",
        setupMs[0],
        setupMs[1],
        setupMs[2],
        o.warmup,
        o.runs);
    TradeList reference = timed.get(0).trades();
    out.printf(
        Locale.ROOT,
        "%-34s %11s %11s %16s %8s %8s  %s%n",
        "implementation",
        "median ms",
        "best ms",
        "symbol-bars/s",
        "trades",
        "fills",
        "trade list vs bare loop");
    boolean asRequired = true;
    List<String> notes = new ArrayList<>();
    double[] throughput = new double[timed.size()];
    for (int k = 0; k < timed.size(); k++) {
      Timed t = timed.get(k);
      long[] sorted = t.nanos().stream().mapToLong(Long::longValue).sorted().toArray();
      double median = median(sorted) / 1e6;
      throughput[k] = bars / (median / 1e3);
      Optional<String> diff = t.trades().firstDifference(reference);
      asRequired &= diff.isEmpty() || t.expectedDifference() != null;
      if (diff.isPresent() && t.expectedDifference() != null) {
        notes.add("(" + (notes.size() + 1) + ") " + t.name() + ": " + t.expectedDifference());
      }
      out.printf(
          Locale.ROOT,
          "%-34s %11.1f %11.1f %,16.0f %8d %8d  %s%n",
          t.name(),
          median,
          sorted.length == 0 ? Double.NaN : sorted[0] / 1e6,
          throughput[k],
          t.trades().entries(),
          t.trades().fillCount(),
          k == 0
              ? "(reference)"
              : diff.map(
                      d ->
                          (t.expectedDifference() == null
                                  ? "DIFFERS"
                                  : "differs (" + notes.size() + ")")
                              + " in "
                              + t.trades().symbolsDiffering(reference)
                              + " symbols: "
                              + d)
                  .orElse("identical"));
    }
    notes.forEach(out::println);
    out.println();
    for (int k = 1; k < timed.size(); k++) {
      if (!timed.get(k).name().startsWith("kernel")) {
        continue;
      }
      for (int j = 1; j < timed.size(); j++) {
        if (timed.get(j).name().startsWith("ta4j")) {
          ratio(
              out,
              timed.get(k).name() + " / " + timed.get(j).name(),
              throughput[k] / throughput[j],
              TARGET_VS_TA4J,
              true);
        }
      }
      ratio(
          out,
          "bare loop / " + timed.get(k).name(),
          throughput[0] / throughput[k],
          TARGET_VS_BARE,
          false);
    }
    return asRequired ? 0 : 1;
  }

  /** The kernel without the workarounds, to show the defects they hide. */
  private static void reportAsIs(
      MaCrossOptions o, MaCrossData data, TradeList reference, PrintStream out) {
    out.println();
    out.println("kernel without workarounds (cron 0 * * * *, plain simulated venue):");
    for (KernelMaCross.Mode mode : KernelMaCross.Mode.values()) {
      try {
        KernelMaCross.Result r = KernelMaCross.run(data, mode, o.fast, o.slow, false);
        out.printf(
            Locale.ROOT,
            "  %-10s %d trades, %d rejected orders (first: %s); vs bare loop: %s%n",
            mode,
            r.trades().entries(),
            r.rejections(),
            r.firstRejection(),
            r.trades()
                .firstDifference(reference)
                .map(d -> r.trades().symbolsDiffering(reference) + " symbols differ, first " + d)
                .orElse("identical"));
      } catch (RuntimeException e) {
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        out.printf(Locale.ROOT, "  %-10s failed: %s at %s%n", mode, e, at);
      }
    }
  }

  private static void ratio(
      PrintStream out, String name, double value, double target, boolean atLeast) {
    boolean met = atLeast ? value >= target : value <= target;
    out.printf(
        Locale.ROOT,
        "%-72s %10.2fx  target %s %.0fx: %s%n",
        name,
        value,
        atLeast ? ">=" : "<=",
        target,
        met ? "met" : "MISSED");
  }

  private static double median(long[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static String ta4jVersion() {
    try (InputStream in =
        BarSeries.class.getResourceAsStream("/META-INF/maven/org.ta4j/ta4j-core/pom.properties")) {
      if (in == null) {
        return "(version unknown)";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "(version unknown)");
    } catch (IOException e) {
      return "(version unknown)";
    }
  }
}
