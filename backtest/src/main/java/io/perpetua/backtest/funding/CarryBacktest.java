package io.perpetua.backtest.funding;

import io.perpetua.core.time.Times;

/**
 * The spot-long / perp-short funding carry replayed over one venue's settlements (rules in {@link
 * CarryRules}). Delta neutral by construction: the price moves of the two legs are assumed to
 * cancel (basis and the spot/perp price gap are not modelled; the data set has funding only), so
 * the PnL is funding minus trading costs. A carry still open at the last settlement is closed
 * there, paying the exit costs. Stateless.
 */
public final class CarryBacktest {
  private CarryBacktest() {}

  /** Runs {@code rules} over {@code history}. */
  public static CarryResult run(FundingHistory history, CarryRules rules) {
    int n = history.size();
    if (n == 0) {
      throw new IllegalArgumentException("history: no settlements for " + history);
    }
    int window = Math.max(1, rules.lookbackHours() / history.intervalHours());
    Ledger l = new Ledger(rules);
    long[] times = new long[n];
    double[] equity = new double[n];
    double windowSum = 0;
    for (int i = 0; i < n; i++) {
      double rate = history.rate8h(i);
      if (l.holding) {
        l.funding += rate * history.periodWeight(); // a perp short receives positive funding
        l.held++;
      }
      windowSum += rate - (i >= window ? history.rate8h(i - window) : 0);
      double signal = windowSum / Math.min(i + 1, window) * FundingResearch.PERIODS_PER_YEAR;
      boolean last = i == n - 1;
      if (!l.holding && !last && signal >= rules.entryAnnualised() && rate >= 0) {
        l.trade();
        l.entries++;
      } else if (l.holding && (last || signal < rules.exitAnnualised())) {
        l.trade();
      }
      times[i] = history.timeMs(i);
      equity[i] = l.net() / rules.capitalPerNotional();
    }
    double years = years(history);
    double ret = equity[n - 1];
    double always = alwaysOn(history, rules) / years;
    return new CarryResult(
        history.venue(),
        history.asset(),
        history.timeMs(0),
        history.timeMs(n - 1),
        l.entries,
        l.held / (double) n,
        l.funding,
        l.fees,
        l.slip,
        ret,
        ret / years,
        always,
        maxDrawdown(equity),
        times,
        equity);
  }

  /** The running totals of one backtest, per unit of notional. Not thread-safe. */
  private static final class Ledger {
    private final double tradeFees;
    private final double tradeSlip;
    boolean holding;
    int entries;
    int held;
    double funding;
    double fees;
    double slip;

    Ledger(CarryRules rules) {
      tradeFees = rules.spotFee() + rules.perpFee();
      tradeSlip = 2 * rules.slippage();
    }

    /** Trades both legs once (an entry or an exit). */
    void trade() {
      holding = !holding;
      fees += tradeFees;
      slip += tradeSlip;
    }

    double net() {
      return funding - fees - slip;
    }
  }

  /** The return on capital of holding from after the first settlement to the last. */
  static double alwaysOn(FundingHistory history, CarryRules rules) {
    double funding = 0;
    for (int i = 1; i < history.size(); i++) {
      funding += history.rate8h(i) * history.periodWeight();
    }
    return (funding - 2 * rules.roundCost()) / rules.capitalPerNotional();
  }

  private static double years(FundingHistory h) {
    long span = h.timeMs(h.size() - 1) - h.timeMs(0) + h.intervalHours() * Times.HOUR_MS;
    return span / (365.0 * Times.DAY_MS);
  }

  static double maxDrawdown(double[] equity) {
    double peak = 0;
    double worst = 0;
    for (double e : equity) {
      peak = Math.max(peak, e);
      worst = Math.max(worst, peak - e);
    }
    return worst;
  }
}
