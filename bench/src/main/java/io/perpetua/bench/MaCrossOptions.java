package io.perpetua.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@link MaCrossComparison}'s command-line options, validated by {@link #parse}. Mutable. */
final class MaCrossOptions {

  Path data = defaultData();
  int fast = 12;
  int slow = 48;
  int warmup = 3;
  int runs = 7;
  boolean perSymbol = true;
  boolean panel = true;
  boolean ta4jDouble = true;
  boolean asIs;

  static MaCrossOptions parse(String[] args) {
    MaCrossOptions o = new MaCrossOptions();
    int k = 0;
    while (k < args.length) {
      String a = args[k++];
      if (a.equals("--skip-ta4j-double")) {
        o.ta4jDouble = false;
        continue;
      }
      if (a.equals("--kernel-as-is")) {
        o.asIs = true;
        continue;
      }
      if (k >= args.length) {
        throw new IllegalArgumentException("missing value after " + a + "\n" + usage());
      }
      String v = args[k++];
      switch (a) {
        case "--data" -> o.data = Path.of(v);
        case "--fast" -> o.fast = positive(a, v);
        case "--slow" -> o.slow = positive(a, v);
        case "--warmup" -> o.warmup = Integer.parseInt(v);
        case "--runs" -> o.runs = positive(a, v);
        case "--kernel" -> {
          o.perSymbol = v.equals("per_symbol") || v.equals("both");
          o.panel = v.equals("panel") || v.equals("both");
          if (!o.perSymbol && !o.panel) {
            throw new IllegalArgumentException("--kernel: per_symbol, panel or both, was " + v);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
      }
    }
    if (o.slow <= o.fast) {
      throw new IllegalArgumentException("--slow must be above --fast");
    }
    if (!Files.isDirectory(o.data)) {
      throw new IllegalArgumentException("--data: no directory " + o.data);
    }
    return o;
  }

  private static int positive(String name, String v) {
    int i = Integer.parseInt(v);
    if (i < 1) {
      throw new IllegalArgumentException(name + " must be positive, was " + v);
    }
    return i;
  }

  private static Path defaultData() {
    String env = System.getenv("PERPETUA_SHARED_DATA");
    Path root = Path.of(env != null && !env.isBlank() ? env : "../shared/data");
    return root.resolve("binance-um-klines").resolve("1h");
  }

  private static String usage() {
    return "usage: MaCrossComparison [--data DIR] [--fast N] [--slow N] [--warmup N] [--runs N]"
        + " [--kernel per_symbol|panel|both] [--skip-ta4j-double] [--kernel-as-is]";
  }
}
