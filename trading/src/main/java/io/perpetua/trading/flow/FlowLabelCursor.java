package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.trading.kernel.CursorChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pending labels of a {@link LabelTracker} in the kernel's checkpoint cursor (two long values
 * in parts: the labels and the open one-second bars), so that labels pending at a crash complete
 * after the restart exactly as without it. Doubles are written with {@link Double#toString}, which
 * reads back to the same value. Stateless.
 */
final class FlowLabelCursor {
  private FlowLabelCursor() {}

  static void export(LabelTracker tracker, String prefix, Map<String, String> out) {
    StringBuilder labels = new StringBuilder();
    for (LabelSnapshot s : tracker.snapshot()) {
      labels.append(labels.isEmpty() ? "" : ";").append(encode(s));
    }
    StringBuilder bars = new StringBuilder();
    for (LabelBar b : tracker.bars()) {
      bars.append(bars.isEmpty() ? "" : ";")
          .append(
              String.join(
                  ",",
                  b.instrument().apiSymbol(),
                  Long.toString(b.second()),
                  Double.toString(b.high()),
                  Double.toString(b.low()),
                  Double.toString(b.close())));
    }
    CursorChunks.put(out, prefix + "labels", labels.toString());
    CursorChunks.put(out, prefix + "label_bars", bars.toString());
  }

  static void restore(LabelTracker tracker, String prefix, Map<String, String> cursor) {
    String labels = CursorChunks.get(cursor, prefix + "labels");
    String bars = CursorChunks.get(cursor, prefix + "label_bars");
    if (labels == null || bars == null) {
      return;
    }
    List<LabelSnapshot> pending = new ArrayList<>();
    for (String s : labels.isEmpty() ? new String[0] : labels.split(";")) {
      pending.add(decode(s));
    }
    List<LabelBar> open = new ArrayList<>();
    for (String s : bars.isEmpty() ? new String[0] : bars.split(";")) {
      String[] f = s.split(",", -1);
      open.add(
          new LabelBar(
              InstrumentId.parse(f[0]),
              Long.parseLong(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]),
              Double.parseDouble(f[4])));
    }
    tracker.restore(pending, open);
  }

  private static String encode(LabelSnapshot s) {
    return String.join(
        ",",
        s.evaluationId(),
        s.strategyId().value(),
        s.strategyVersion(),
        s.configHash(),
        s.engineInstance(),
        s.instrument().apiSymbol(),
        Long.toString(s.timeMs()),
        s.direction().name(),
        Double.toString(s.price()),
        Double.toString(s.atr()),
        Double.toString(s.rUnit()),
        Double.toString(s.lastPrice()),
        Double.toString(s.netReturn15m()),
        Double.toString(s.netReturn30m()),
        Double.toString(s.maxFavourable()),
        Double.toString(s.maxAdverse()),
        Integer.toString(s.outcome()));
  }

  private static LabelSnapshot decode(String line) {
    String[] f = line.split(",", -1);
    return new LabelSnapshot(
        f[0],
        StrategyId.of(f[1]),
        f[2],
        f[3],
        f[4],
        InstrumentId.parse(f[5]),
        Long.parseLong(f[6]),
        FlowDirection.valueOf(f[7]),
        Double.parseDouble(f[8]),
        Double.parseDouble(f[9]),
        Double.parseDouble(f[10]),
        Double.parseDouble(f[11]),
        Double.parseDouble(f[12]),
        Double.parseDouble(f[13]),
        Double.parseDouble(f[14]),
        Double.parseDouble(f[15]),
        Integer.parseInt(f[16]));
  }
}
