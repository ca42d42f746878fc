package io.perpetua.trading.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One strategy's virtual book: what the strategy would hold if it traded alone. At each of its
 * decisions its own targets ({@code weight × its NAV / mark}) become pending; at the next bar they
 * fill at the platform's real average fill price of that instrument since the decision (when the
 * netted order traded it) and at the platform's fee rate on those fills, else at the bar's close
 * and {@code fallbackFeeRate} (e.g. when other strategies netted the order away). Funding is
 * charged like the account's ({@code -quantity × mark × rate}). It keeps the daily NAV curve from
 * which {@code sharpe_live}, {@code mdd_live} and {@code total_return} are measured.
 *
 * <p>Analytics in {@code double} (it never moves money; the account's fixed-point book does). Not
 * thread-safe: the kernel thread owns it; {@link StrategyRegistry} publishes its figures.
 */
public final class VirtualBook {
  private final double initial;
  private final double[] qty;
  private final double[] pending;
  private final double[] fillQty;
  private final double[] fillNotional;
  private final double[] fillFee;
  private final double[] decisionMark;
  private final List<NavPoint> daily = new ArrayList<>();
  private double cash;
  private double peak;
  private double maxDrawdown;
  private double turnover;
  private boolean anyPending;
  private int trades;
  private double slipNotional;
  private double slipWeighted;

  /** A flat book of {@code initial} USDT over {@code instruments} instruments. */
  public VirtualBook(double initial, int instruments) {
    if (!(initial > 0) || Double.isInfinite(initial)) {
      throw new IllegalArgumentException("initial capital must be positive, was " + initial);
    }
    this.initial = initial;
    this.cash = initial;
    this.peak = initial;
    this.qty = new double[instruments];
    this.pending = new double[instruments];
    this.fillQty = new double[instruments];
    this.fillNotional = new double[instruments];
    this.fillFee = new double[instruments];
    this.decisionMark = new double[instruments];
    Arrays.fill(pending, Double.NaN);
  }

  /** The NAV at {@code marks} (instruments without a mark count at zero PnL: cost basis lost). */
  public double nav(double[] marks) {
    double v = cash;
    for (int i = 0; i < qty.length; i++) {
      if (qty[i] != 0 && marks[i] > 0) {
        v += qty[i] * marks[i];
      }
    }
    return v;
  }

  /**
   * The strategy decided {@code weights}: each instrument's target quantity becomes pending (its
   * fill is {@link #settle} at the next bar).
   */
  public void target(double[] weights, double[] marks) {
    double nav = nav(marks);
    for (int i = 0; i < qty.length; i++) {
      double target = weights[i] != 0 && marks[i] > 0 ? weights[i] * nav / marks[i] : 0.0;
      pending[i] = target == qty[i] ? Double.NaN : target;
      decisionMark[i] = marks[i];
      fillQty[i] = 0;
      fillNotional[i] = 0;
      fillFee[i] = 0;
    }
    anyPending = true;
  }

  /** A fill of the platform's account (any strategy's netted order) in instrument {@code i}. */
  public void onPlatformFill(int i, double quantity, double price, double fee) {
    if (!Double.isNaN(pending[i])) {
      fillQty[i] += Math.abs(quantity);
      fillNotional[i] += Math.abs(quantity) * price;
      fillFee[i] += fee;
    }
  }

  /** Fills what is pending at the platform's prices, else at {@code marks}. */
  public void settle(double[] marks, double fallbackFeeRate) {
    if (!anyPending) {
      return;
    }
    anyPending = false;
    for (int i = 0; i < qty.length; i++) {
      double target = pending[i];
      if (Double.isNaN(target)) {
        continue;
      }
      double price;
      double feeRate;
      if (fillQty[i] > 0) {
        price = fillNotional[i] / fillQty[i];
        feeRate = fillFee[i] / fillNotional[i];
      } else if (marks[i] > 0) {
        price = marks[i];
        feeRate = fallbackFeeRate;
      } else {
        anyPending = true; // no price yet: wait for one
        continue;
      }
      double delta = target - qty[i];
      double notional = Math.abs(delta) * price;
      if (delta != 0) {
        trades++;
        if (fillQty[i] > 0 && decisionMark[i] > 0) { // the platform's fill against the decision
          slipNotional += notional;
          slipWeighted += Math.signum(delta) * (price / decisionMark[i] - 1) * 1e4 * notional;
        }
      }
      cash -= delta * price + notional * feeRate;
      turnover += notional;
      qty[i] = target;
      pending[i] = Double.NaN;
    }
  }

  /** The fills (instrument changes) settled so far. */
  public int trades() {
    return trades;
  }

  /**
   * The notional settled at the platform's own fill prices and its slippage against the decision's
   * mark (bps × notional; positive: worse than the mark), summed: {@code {notional, weighted}}.
   */
  public double[] slippage() {
    return new double[] {slipNotional, slipWeighted};
  }

  /** Funding settled on the book's position in {@code i} at {@code rate}. */
  public void funding(int i, double rate, double mark) {
    if (qty[i] != 0 && mark > 0) {
      cash -= qty[i] * mark * rate;
    }
  }

  /** Records the NAV of day {@code dayMs} (UTC midnight) and returns it. */
  public NavPoint markDay(long dayMs, double[] marks) {
    double nav = nav(marks);
    observe(nav);
    NavPoint p = new NavPoint(dayMs, nav);
    if (!daily.isEmpty() && daily.get(daily.size() - 1).dayMs() == dayMs) {
      daily.set(daily.size() - 1, p);
    } else {
      daily.add(p);
    }
    return p;
  }

  private void observe(double nav) {
    peak = Math.max(peak, nav);
    maxDrawdown = Math.min(maxDrawdown, nav / peak - 1);
  }

  /** The daily NAV points, oldest first. */
  public List<NavPoint> daily() {
    return List.copyOf(daily);
  }

  /** Its figures at {@code marks}. */
  public BookMetrics metrics(double[] marks) {
    double nav = nav(marks);
    observe(nav);
    return BookMetrics.of(initial, nav, maxDrawdown, turnover, daily);
  }

  /** The state for the kernel's checkpoint (cash, positions, drawdown, pending targets). */
  public String export() {
    StringBuilder b = new StringBuilder();
    b.append(cash).append('|').append(peak).append('|').append(maxDrawdown).append('|');
    b.append(turnover).append('|');
    for (int i = 0; i < qty.length; i++) {
      if (qty[i] != 0) {
        b.append(i).append(':').append(qty[i]).append(',');
      }
    }
    b.append('|');
    for (int i = 0; i < qty.length; i++) {
      if (!Double.isNaN(pending[i])) {
        b.append(i).append(':').append(pending[i]).append(',');
      }
    }
    b.append('|').append(trades).append('|').append(slipNotional).append('|').append(slipWeighted);
    return b.toString();
  }

  /** Restores {@link #export()}'s state and the stored daily NAV points. */
  public void restore(String state, List<NavPoint> navs) {
    daily.clear();
    daily.addAll(navs);
    if (state == null || state.isEmpty()) {
      return;
    }
    String[] parts = state.split("\\|", -1);
    cash = Double.parseDouble(parts[0]);
    peak = Double.parseDouble(parts[1]);
    maxDrawdown = Double.parseDouble(parts[2]);
    turnover = Double.parseDouble(parts[3]);
    Arrays.fill(qty, 0);
    read(parts[4], qty);
    Arrays.fill(pending, Double.NaN);
    read(parts[5], pending);
    if (parts.length > 8) { // a checkpoint from before trades and slippage were kept has none
      trades = Integer.parseInt(parts[6]);
      slipNotional = Double.parseDouble(parts[7]);
      slipWeighted = Double.parseDouble(parts[8]);
    }
    anyPending = false;
    for (double p : pending) {
      anyPending |= !Double.isNaN(p);
    }
  }

  private static void read(String text, double[] into) {
    for (String entry : text.split(",")) {
      if (!entry.isEmpty()) {
        int colon = entry.indexOf(':');
        int i = Integer.parseInt(entry.substring(0, colon));
        if (i < into.length) {
          into[i] = Double.parseDouble(entry.substring(colon + 1));
        }
      }
    }
  }

  /** The position in instrument {@code i} (contracts, signed). */
  public double quantity(int i) {
    return qty[i];
  }
}
