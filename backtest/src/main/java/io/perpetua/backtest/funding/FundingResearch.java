package io.perpetua.backtest.funding;

import io.perpetua.core.time.Times;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Yields per venue and year, negative shares and cross-venue spreads of a set of funding histories.
 * Annualised gross yield = mean 8-hour rate × 3 × 365 (spec §7); hourly venues are normalised by
 * {@link FundingHistory}. Stateless.
 */
public final class FundingResearch {
  /** 8-hour periods per year: 3 × 365. */
  public static final double PERIODS_PER_YEAR = 3 * 365;

  static final long WINDOW_MS = 8 * Times.HOUR_MS;

  private FundingResearch() {}

  /**
   * One row per venue, underlying and UTC year, in the order of {@code histories}, years rising.
   */
  public static List<FundingYield> yearly(List<FundingHistory> histories) {
    List<FundingYield> out = new ArrayList<>();
    for (FundingHistory h : histories) {
      TreeMap<Integer, double[]> byYear = new TreeMap<>(); // sum, count, negatives
      for (int i = 0; i < h.size(); i++) {
        int year = Instant.ofEpochMilli(h.timeMs(i)).atZone(ZoneOffset.UTC).getYear();
        double[] acc = byYear.computeIfAbsent(year, y -> new double[3]);
        acc[0] += h.rate8h(i);
        acc[1]++;
        acc[2] += h.rate8h(i) < 0 ? 1 : 0;
      }
      byYear.forEach(
          (year, acc) -> {
            double mean = acc[0] / acc[1];
            out.add(
                new FundingYield(
                    h.venue(),
                    h.asset(),
                    year,
                    (int) acc[1],
                    mean,
                    mean * PERIODS_PER_YEAR,
                    acc[2] / acc[1]));
          });
    }
    return out;
  }

  /**
   * Pairwise spreads of the venues of each underlying (every unordered pair once, in the order of
   * {@code histories}), over the 8-hour UTC windows both settled in; a window's value is the mean
   * normalised rate of the venue's settlements in it.
   */
  public static List<FundingSpread> spreads(List<FundingHistory> histories) {
    List<FundingSpread> out = new ArrayList<>();
    List<Map<Long, Double>> windows = new ArrayList<>();
    for (FundingHistory h : histories) {
      windows.add(windowMeans(h));
    }
    for (int a = 0; a < histories.size(); a++) {
      for (int b = a + 1; b < histories.size(); b++) {
        FundingHistory ha = histories.get(a);
        FundingHistory hb = histories.get(b);
        if (!ha.asset().equals(hb.asset())) {
          continue;
        }
        Map<Long, Double> wb = windows.get(b);
        double sum = 0;
        double abs = 0;
        int n = 0;
        for (var e : windows.get(a).entrySet()) {
          Double other = wb.get(e.getKey());
          if (other != null) {
            double d = e.getValue() - other;
            sum += d;
            abs += Math.abs(d);
            n++;
          }
        }
        out.add(
            new FundingSpread(
                ha.asset(),
                ha.venue(),
                hb.venue(),
                n,
                n == 0 ? Double.NaN : sum / n * PERIODS_PER_YEAR,
                n == 0 ? Double.NaN : abs / n * PERIODS_PER_YEAR));
      }
    }
    return out;
  }

  /** The mean normalised rate of each 8-hour UTC window {@code h} settled in, by window index. */
  static Map<Long, Double> windowMeans(FundingHistory h) {
    Map<Long, double[]> acc = new HashMap<>();
    for (int i = 0; i < h.size(); i++) {
      double[] a = acc.computeIfAbsent(Math.floorDiv(h.timeMs(i), WINDOW_MS), k -> new double[2]);
      a[0] += h.rate8h(i);
      a[1]++;
    }
    Map<Long, Double> out = new HashMap<>(acc.size() * 2);
    acc.forEach((k, a) -> out.put(k, a[0] / a[1]));
    return out;
  }
}
