package io.perpetua.analytics.metrics;

import io.perpetua.jobs.EquityCurve;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Calendar-month returns of an equity curve as a year × month table (UTC): the return of a month is
 * its last equity / the previous month's last equity − 1, the first month measured from the curve's
 * first point (so a partial first or last month is the return over the part covered). Months
 * without any point are {@code NaN} and the next month's return spans them. Points are bar close
 * marks: one at 00:00 on the 1st closes the month before (a 2024 run ending 2025-01-01T00:00Z has
 * no 2025 row). Immutable.
 */
public final class MonthlyReturns {
  private final int firstYear;
  private final double[][] byYear;

  private MonthlyReturns(int firstYear, double[][] byYear) {
    this.firstYear = firstYear;
    this.byYear = byYear;
  }

  /** The monthly returns of {@code curve}; an empty table for fewer than two points. */
  public static MonthlyReturns of(EquityCurve curve) {
    long[] times = curve.timesMs();
    double[] equity = curve.equity();
    int n = times.length;
    if (n < 2) {
      return new MonthlyReturns(0, new double[0][]);
    }
    int first = Math.min(monthKey(times[0] + 1), monthKey(times[1]));
    int last = monthKey(times[n - 1]);
    int firstYear = first / 12;
    double[][] table = new double[last / 12 - firstYear + 1][12];
    for (double[] row : table) {
      Arrays.fill(row, Double.NaN);
    }
    double base = equity[0];
    int key = monthKey(times[1]);
    for (int k = 1; k < n; k++) {
      int next = k == n - 1 ? Integer.MIN_VALUE : monthKey(times[k + 1]);
      if (next != key) {
        table[key / 12 - firstYear][key % 12] = base > 0 ? equity[k] / base - 1 : Double.NaN;
        base = equity[k];
        key = next;
      }
    }
    return new MonthlyReturns(firstYear, table);
  }

  /** The month a mark closes: a mark at 00:00 on the 1st is the previous month's close. */
  private static int monthKey(long epochMs) {
    LocalDate d = LocalDate.ofEpochDay(Resampling.closingPeriod(epochMs, Resampling.DAY_MS));
    return d.getYear() * 12 + d.getMonthValue() - 1;
  }

  /** True when the table has no month. */
  public boolean isEmpty() {
    return byYear.length == 0;
  }

  /** First year of the table (meaningless when empty). */
  public int firstYear() {
    return firstYear;
  }

  /** Last year of the table (less than {@link #firstYear()} when empty). */
  public int lastYear() {
    return firstYear + byYear.length - 1;
  }

  /** The return of {@code month} (1..12) of {@code year}; {@code NaN} outside the data. */
  public double get(int year, int month) {
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month must be 1..12, was " + month);
    }
    int y = year - firstYear;
    return y < 0 || y >= byYear.length ? Double.NaN : byYear[y][month - 1];
  }

  /**
   * The year's return compounded from its months, {@code Π(1 + m) − 1} over the months with data;
   * {@code NaN} when the year has none.
   */
  public double yearReturn(int year) {
    int y = year - firstYear;
    if (y < 0 || y >= byYear.length) {
      return Double.NaN;
    }
    double growth = 1;
    boolean any = false;
    for (double m : byYear[y]) {
      if (!Double.isNaN(m)) {
        growth *= 1 + m;
        any = true;
      }
    }
    return any ? growth - 1 : Double.NaN;
  }
}
