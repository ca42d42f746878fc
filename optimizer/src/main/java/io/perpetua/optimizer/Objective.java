package io.perpetua.optimizer;

import io.perpetua.core.Echo;
import io.perpetua.jobs.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a trial is scored by, from the backtest's metrics (net of the backtester's fees, slippage
 * and funding). Every objective is maximised: {@code calmar}, {@code sharpe}, {@code sortino},
 * {@code cagr}, {@code max_dd} (the drawdown as the backtester reports it, a negative fraction, so
 * higher is shallower), {@code turnover} (negated average turnover) and the penalised Sharpe {@code
 * sharpe - a*turnover - b*max_dd} (with {@code |max_dd|}). A metric that is not a number scores
 * {@link Double#NEGATIVE_INFINITY}. Immutable.
 *
 * @param name the text it was parsed from, normalised
 * @param kind which metric
 * @param a turnover penalty (penalised Sharpe only)
 * @param b drawdown penalty (penalised Sharpe only)
 */
public record Objective(String name, Kind kind, double a, double b)
    implements java.io.Serializable {
  /** The metric an objective reads. */
  public enum Kind {
    CALMAR,
    SHARPE,
    SORTINO,
    CAGR,
    MAX_DD,
    TURNOVER,
    PENALIZED_SHARPE
  }

  private static final Pattern PENALIZED =
      Pattern.compile("sharpe-([0-9]+(?:\\.[0-9]+)?)\\*turnover-([0-9]+(?:\\.[0-9]+)?)\\*max_dd");

  /**
   * Parses one objective.
   *
   * @throws IllegalArgumentException naming the field {@code objective}
   */
  public static Objective parse(String text) {
    String t = text == null ? "" : text.replace(" ", "").toLowerCase(Locale.ROOT);
    Matcher m = PENALIZED.matcher(t);
    if (m.matches()) {
      return new Objective(
          t, Kind.PENALIZED_SHARPE, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
    }
    Kind kind =
        switch (t) {
          case "calmar" -> Kind.CALMAR;
          case "sharpe" -> Kind.SHARPE;
          case "sortino" -> Kind.SORTINO;
          case "cagr" -> Kind.CAGR;
          case "max_dd" -> Kind.MAX_DD;
          case "turnover" -> Kind.TURNOVER;
          default ->
              throw new IllegalArgumentException(
                  "objective: unknown '"
                      + Echo.of(text)
                      + "'; use calmar, sharpe, sortino, cagr, max_dd, turnover or"
                      + " sharpe - A*turnover - B*max_dd");
        };
    return new Objective(t, kind, 0, 0);
  }

  /** Parses a comma-separated list (several objectives only for multi-objective algorithms). */
  public static List<Objective> parseList(String text) {
    List<Objective> out = new ArrayList<>();
    for (String part : (text == null ? "" : text).split(",", -1)) {
      out.add(parse(part));
    }
    return List.copyOf(out);
  }

  /** The score of a trial with these metrics (higher is better). */
  public double score(Metrics m) {
    double v =
        switch (kind) {
          case CALMAR -> m.calmar();
          case SHARPE -> m.sharpe();
          case SORTINO -> m.sortino();
          case CAGR -> m.cagr();
          case MAX_DD -> m.maxDrawdown();
          case TURNOVER -> -m.avgTurnover();
          case PENALIZED_SHARPE -> m.sharpe() - a * m.avgTurnover() - b * Math.abs(m.maxDrawdown());
        };
    return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
  }
}
