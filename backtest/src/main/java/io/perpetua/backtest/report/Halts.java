package io.perpetua.backtest.report;

import io.perpetua.core.time.Times;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.RunActivity;
import java.util.ArrayList;
import java.util.List;

/**
 * States a run's risk halts the same way in every output (report, CLI summary): each halt with its
 * reason and dates, every skipped rebalance, and the strategy's figures with and without halts. A
 * halted run's headline figures are the halted book's, not the strategy's; this is what says so.
 * Stateless.
 */
public final class Halts {
  private Halts() {}

  /**
   * One line per halt, e.g. {@code halted by max_drawdown_halt from 2024-03-05 to 2024-06-30: 118
   * rebalances skipped}; empty when nothing halted.
   */
  public static List<String> lines(RunActivity a) {
    List<String> out = new ArrayList<>();
    for (RunActivity.Halt h : a.halts()) {
      out.add(
          "halted by "
              + h.reason()
              + " from "
              + Times.isoDate(h.fromMs())
              + " to "
              + Times.isoDate(h.toMs())
              + ": "
              + h.skippedRebalances()
              + (h.skippedRebalances() == 1 ? " rebalance" : " rebalances")
              + " skipped");
    }
    return out;
  }

  /**
   * The figures with and without halts as {@code label: with halts | without halts} lines; empty
   * when the run has no figures without halts.
   */
  public static List<String> comparison(Metrics halted, RunActivity a) {
    Metrics free = a.unhalted();
    if (free == null) {
      return List.of();
    }
    return List.of(
        row(
            "total_return",
            Html.percent(halted.totalReturn(), 2),
            Html.percent(free.totalReturn(), 2)),
        row("cagr", Html.percent(halted.cagr(), 2), Html.percent(free.cagr(), 2)),
        row("sharpe", Html.number(halted.sharpe(), 3), Html.number(free.sharpe(), 3)),
        row(
            "max_drawdown",
            Html.percent(halted.maxDrawdown(), 2),
            Html.percent(free.maxDrawdown(), 2)));
  }

  private static String row(String name, String with, String without) {
    return name + ": " + with + " with halts | " + without + " without halts";
  }

  /** The HTML section: nothing when the run never halted. */
  static void html(StringBuilder b, Metrics halted, RunActivity a) {
    List<String> lines = lines(a);
    if (lines.isEmpty()) {
      return;
    }
    b.append("<div class=\"caveat\" id=\"halts\"><b>Trading was halted during this run.</b> ")
        .append("The headline figures are the halted book's; the strategy's own figures ")
        .append("(halting rules off) are beside them.<ul>");
    for (String line : lines) {
      b.append("<li>").append(Html.escape(line)).append("</li>");
    }
    b.append("</ul></div>");
    Metrics free = a.unhalted();
    if (free != null) {
      b.append("<table class=\"kv\" id=\"halt-comparison\"><tr><th></th><th>with halts</th>")
          .append("<th>without halts</th></tr>");
      cells(
          b,
          "Total return",
          Html.percent(halted.totalReturn(), 2),
          Html.percent(free.totalReturn(), 2));
      cells(b, "CAGR", Html.percent(halted.cagr(), 2), Html.percent(free.cagr(), 2));
      cells(b, "Sharpe", Html.number(halted.sharpe(), 3), Html.number(free.sharpe(), 3));
      cells(
          b,
          "Max drawdown",
          Html.percent(halted.maxDrawdown(), 2),
          Html.percent(free.maxDrawdown(), 2));
      b.append("</table>");
    }
    b.append("<details id=\"skipped-rebalances\"><summary>")
        .append(a.skippedRebalances().size())
        .append(" skipped rebalances</summary><ul>");
    for (RunActivity.SkippedRebalance s : a.skippedRebalances()) {
      b.append("<li>")
          .append(Times.iso(s.timeMs()))
          .append(": ")
          .append(Html.escape(s.reason()))
          .append("</li>");
    }
    b.append("</ul></details>");
  }

  private static void cells(StringBuilder b, String label, String with, String without) {
    b.append("<tr><td>")
        .append(Html.escape(label))
        .append("</td><td>")
        .append(Html.escape(with))
        .append("</td><td>")
        .append(Html.escape(without))
        .append("</td></tr>");
  }
}
