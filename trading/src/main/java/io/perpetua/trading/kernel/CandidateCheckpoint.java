package io.perpetua.trading.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel checkpoint's part of the candidate sleeves, under {@code candidate.<strategy>.}: the
 * version, stage, book, weights, the stage's daily NAVs and where its trade and slippage counts
 * began. Restored only onto the same version (a candidate replaced while the kernel was down starts
 * afresh). Stateless.
 */
final class CandidateCheckpoint {
  private CandidateCheckpoint() {}

  static void export(CandidateSleeves.Candidate c, Map<String, String> out) {
    String key = "candidate." + c.strategy + ".";
    out.put(key + "version", c.versionId);
    out.put(key + "stage", c.stage.code());
    out.put(key + "decided", Boolean.toString(c.decided));
    out.put(key + "before", c.tradesBefore + "|" + c.slippageBefore[0] + "|" + c.slippageBefore[1]);
    CursorChunks.put(out, key + "book", c.book.export());
    CursorChunks.put(out, key + "weights", SleeveCheckpoint.weights(c.weights));
    StringBuilder navs = new StringBuilder();
    c.navs.forEach(v -> navs.append(v).append(','));
    CursorChunks.put(out, key + "navs", navs.toString());
  }

  /** Per strategy of {@code names}, its candidate's saved fields (version, stage, ...). */
  static Map<String, Map<String, String>> read(Map<String, String> cursor, List<String> names) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String name : names) {
      String key = "candidate." + name + ".";
      String version = cursor.get(key + "version");
      if (version == null) {
        continue;
      }
      Map<String, String> m = new HashMap<>();
      m.put("version", version);
      m.put("stage", cursor.get(key + "stage"));
      m.put("decided", cursor.get(key + "decided"));
      m.put("before", cursor.get(key + "before"));
      m.put("book", CursorChunks.get(cursor, key + "book"));
      m.put("weights", CursorChunks.get(cursor, key + "weights"));
      m.put("navs", CursorChunks.get(cursor, key + "navs"));
      out.put(name, m);
    }
    return out;
  }

  /** Restores {@code saved} onto {@code c} (same version); a saved other stage keeps no NAVs. */
  static void restore(CandidateSleeves.Candidate c, Map<String, String> saved) {
    c.book.restore(saved.get("book"), List.of());
    SleeveCheckpoint.readWeights(saved.get("weights"), c.weights);
    c.decided = Boolean.parseBoolean(saved.get("decided"));
    if (!c.stage.code().equals(saved.get("stage"))) {
      c.tradesBefore = c.book.trades();
      c.slippageBefore = c.book.slippage();
      return;
    }
    String[] before = saved.get("before").split("\\|");
    c.tradesBefore = Integer.parseInt(before[0]);
    c.slippageBefore = new double[] {Double.parseDouble(before[1]), Double.parseDouble(before[2])};
    String navs = saved.get("navs");
    if (navs != null) {
      for (String v : navs.split(",")) {
        if (!v.isEmpty()) {
          c.navs.add(Double.parseDouble(v));
        }
      }
    }
  }
}
