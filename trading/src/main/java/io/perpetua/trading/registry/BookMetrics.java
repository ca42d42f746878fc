package io.perpetua.trading.registry;

import java.util.List;

/**
 * A virtual book's live figures.
 *
 * @param nav NAV now (USDT)
 * @param totalReturn {@code nav / initial - 1}
 * @param sharpe annualised Sharpe of the daily NAV returns ({@code mean / sd × √365}); NaN with
 *     fewer than two returns or none varying
 * @param maxDrawdown the worst fall from a peak, {@code <= 0}
 * @param annualizedReturn {@code (1 + total)^(365 / days) - 1} over the daily points; NaN with
 *     fewer than two
 * @param winRate share of positive daily returns; NaN without returns
 * @param dailyTurnover traded notional per day over the NAV, averaged; NaN with fewer than two days
 */
public record BookMetrics(
    double nav,
    double totalReturn,
    double sharpe,
    double maxDrawdown,
    double annualizedReturn,
    double winRate,
    double dailyTurnover) {

  /** Figures from a book's state. */
  static BookMetrics of(
      double initial, double nav, double maxDrawdown, double turnover, List<NavPoint> daily) {
    double[] r = returns(daily);
    double sharpe = Double.NaN;
    double win = Double.NaN;
    if (r.length > 0) {
      double mean = 0;
      int wins = 0;
      for (double x : r) {
        mean += x;
        wins += x > 0 ? 1 : 0;
      }
      mean /= r.length;
      win = (double) wins / r.length;
      if (r.length > 1) {
        double var = 0;
        for (double x : r) {
          var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / (r.length - 1));
        sharpe = sd > 0 ? mean / sd * Math.sqrt(365) : Double.NaN;
      }
    }
    double total = nav / initial - 1;
    double annual = Double.NaN;
    double turnoverPerDay = Double.NaN;
    if (daily.size() > 1) {
      double days = (daily.get(daily.size() - 1).dayMs() - daily.get(0).dayMs()) / 86_400_000.0;
      double span = daily.get(daily.size() - 1).nav() / daily.get(0).nav();
      annual = span > 0 ? Math.pow(span, 365 / days) - 1 : -1;
      turnoverPerDay = turnover / days / initial;
    }
    return new BookMetrics(nav, total, sharpe, maxDrawdown, annual, win, turnoverPerDay);
  }

  /**
   * Figures of a stored NAV curve alone (e.g. from a start date): its first point is the initial
   * capital; the drawdown is measured on the curve's points.
   */
  public static BookMetrics ofCurve(List<NavPoint> curve, double dailyTurnover) {
    if (curve.isEmpty()) {
      return new BookMetrics(
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, dailyTurnover);
    }
    double peak = curve.get(0).nav();
    double mdd = 0;
    for (NavPoint p : curve) {
      peak = Math.max(peak, p.nav());
      mdd = Math.min(mdd, p.nav() / peak - 1);
    }
    BookMetrics m = of(curve.get(0).nav(), curve.get(curve.size() - 1).nav(), mdd, 0.0, curve);
    return new BookMetrics(
        m.nav,
        m.totalReturn,
        m.sharpe,
        m.maxDrawdown,
        m.annualizedReturn,
        m.winRate,
        dailyTurnover);
  }

  private static double[] returns(List<NavPoint> daily) {
    if (daily.size() < 2) {
      return new double[0];
    }
    double[] r = new double[daily.size() - 1];
    for (int i = 1; i < daily.size(); i++) {
      r[i - 1] = daily.get(i).nav() / daily.get(i - 1).nav() - 1;
    }
    return r;
  }
}
