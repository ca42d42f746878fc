package io.perpetua.trading.kernel;

import io.perpetua.trading.registry.StrategyRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel checkpoint's part of the strategy sleeves (split out of {@link StrategySleeves}): per
 * sleeve its last decision time, its virtual book and its target weights, under {@code
 * sleeve.<name>.}. Stateless.
 */
final class SleeveCheckpoint {
  private SleeveCheckpoint() {}

  /** The sleeves' state. */
  static Map<String, String> export(List<StrategySleeves.Sleeve> sleeves) {
    Map<String, String> out = new HashMap<>();
    for (StrategySleeves.Sleeve s : sleeves) {
      String key = "sleeve." + s.name + ".";
      out.put(key + "last", Long.toString(s.lastDecisionMs));
      CursorChunks.put(out, key + "book", s.book.export());
      CursorChunks.put(out, key + "weights", weights(s.weights));
    }
    return out;
  }

  /**
   * Restores {@link #export}; {@code lastRebalanceMs} for a cursor without sleeves ({@code
   * registry} null: the single strategy of a backtest, only its decision time).
   */
  static void restore(
      List<StrategySleeves.Sleeve> sleeves,
      StrategyRegistry registry,
      Map<String, String> cursor,
      long lastRebalanceMs) {
    for (StrategySleeves.Sleeve s : sleeves) {
      String key = "sleeve." + s.name + ".";
      String last = cursor.get(key + "last");
      s.lastDecisionMs = last != null ? Long.parseLong(last) : lastRebalanceMs;
      if (registry == null) {
        continue;
      }
      s.book.restore(CursorChunks.get(cursor, key + "book"), registry.navs(s.name, Long.MIN_VALUE));
      readWeights(CursorChunks.get(cursor, key + "weights"), s.weights);
    }
  }

  /** The non-zero weights as {@code i:w,}. */
  static String weights(double[] weights) {
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] != 0) {
        w.append(i).append(':').append(weights[i]).append(',');
      }
    }
    return w.toString();
  }

  /** Reads {@link #weights} into {@code into} (null: nothing). */
  static void readWeights(String text, double[] into) {
    if (text == null) {
      return;
    }
    for (String e : text.split(",")) {
      if (!e.isEmpty()) {
        int c = e.indexOf(':');
        int i = Integer.parseInt(e.substring(0, c));
        if (i < into.length) {
          into[i] = Double.parseDouble(e.substring(c + 1));
        }
      }
    }
  }
}
