package io.perpetua.backtest.engine;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.FundingSettled;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.jobs.Disclosures;
import io.perpetua.jobs.RunActivity;
import io.perpetua.market.FundingSeries;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.MarketPanel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what a backtest needs from the kernel: the equity at every bar close from the start of
 * the measured range, round trips, fees, funding, slippage against the bar close the order filled
 * at, per-symbol traded notional, rebalance turnover, fills, rejected orders by rule (with the
 * first reason each rule gave), and the rebalances a halt skipped. Not thread-safe (kernel thread).
 */
final class RunRecorder implements KernelListener {
  private final MarketPanel panel;
  private final long measureFromMs;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<InstrumentId, String> apiSymbols = new HashMap<>();
  final TradeTracker trades = new TradeTracker();
  long[] times = new long[1024];
  double[] equity = new double[1024];
  int points;
  double[] turnover = new double[64];
  int rebalances;
  int orders;
  int fills;
  final Map<String, RunActivity.Rejections> rejections = new LinkedHashMap<>();
  double fees;
  double funding;
  double slippage;
  final Map<String, double[]> perSymbol = new HashMap<>(); // fees, funding, notional
  final List<RunActivity.SkippedRebalance> skippedRebalances = new ArrayList<>();
  final List<Disclosures.PoolSize> poolSizes = new ArrayList<>();
  // beside the equity: fees and slippage added back, BTC buy-and-hold and an equal-weight universe
  double[] gross = new double[1024];
  double[] btc = new double[1024];
  double[] equalWeight = new double[1024];
  double fundingAbs;
  double fundingFallbackAbs;
  private List<FundingSeries> fundingSeries = List.of();
  private final int btcIndex;
  private double btcBase = Double.NaN;
  private int lastMeasured = -1;
  private int step = -1;

  RunRecorder(MarketPanel panel, long measureFromMs) {
    this.panel = panel;
    this.measureFromMs = measureFromMs;
    int b = -1;
    for (int i = 0; i < panel.instruments().size(); i++) {
      index.put(panel.instruments().get(i).apiSymbol(), i);
      if ("BTC".equals(panel.instruments().get(i).base())) {
        b = i;
      }
    }
    this.btcIndex = b;
  }

  /** The recorded funding per instrument (null entries: none), to tell history from fallback. */
  void fundingSeries(List<FundingSeries> series) {
    this.fundingSeries = series;
  }

  @Override
  public void onDecision(long timeMs, int poolSize, int withSignal) {
    if (timeMs >= measureFromMs) {
      poolSizes.add(new Disclosures.PoolSize(timeMs, poolSize, withSignal));
    }
  }

  @Override
  public void onStep(int t, long timeMs, double equityNow) {
    step = t;
    if (timeMs <= measureFromMs) { // the curve's first point is the capital at the start
      return;
    }
    if (points == times.length) {
      times = Arrays.copyOf(times, points * 2);
      equity = Arrays.copyOf(equity, points * 2);
      gross = Arrays.copyOf(gross, points * 2);
      btc = Arrays.copyOf(btc, points * 2);
      equalWeight = Arrays.copyOf(equalWeight, points * 2);
    }
    times[points] = timeMs;
    equity[points] = equityNow;
    gross[points] = equityNow + fees + slippage;
    benchmarks(t);
    points++;
  }

  @Override
  public void onRebalanceSkipped(long timeMs, String reason) {
    skippedRebalances.add(new RunActivity.SkippedRebalance(timeMs, reason));
  }

  /**
   * The benchmarks at step {@code t} as growth factors from the start of the measured range: BTC
   * held from its first measured close (NaN before it has one), and the universe held in equal
   * weight, rebalanced every bar (the mean bar return of the instruments with a close now and
   * before; no costs).
   */
  private void benchmarks(int t) {
    double c = btcIndex < 0 ? Double.NaN : panel.close(t, btcIndex);
    if (Double.isNaN(btcBase) && c > 0) {
      btcBase = c;
    }
    btc[points] = c > 0 ? c / btcBase : points > 0 ? btc[points - 1] : Double.NaN;
    double previous = points == 0 ? 1.0 : equalWeight[points - 1];
    double sum = 0;
    int count = 0;
    int before = lastMeasured >= 0 ? lastMeasured : t - 1;
    for (int i = 0; before >= 0 && i < panel.instruments().size(); i++) {
      double now = panel.close(t, i);
      double then = panel.close(before, i);
      if (now > 0 && then > 0) {
        sum += now / then - 1;
        count++;
      }
    }
    equalWeight[points] = previous * (1 + (count == 0 ? 0 : sum / count));
    lastMeasured = t;
  }

  @Override
  public void onOrderSent(Order order) {
    orders++;
  }

  @Override
  public void onEvent(Event event) {
    switch (event) {
      case OrderFilled f -> onFill(f.fill());
      case OrderRejected r ->
          rejections.merge(
              r.rule(),
              new RunActivity.Rejections(r.rule(), 1, r.reason()),
              (a, b) -> new RunActivity.Rejections(a.rule(), a.count() + 1, a.example()));
      case FundingSettled s -> {
        double amount = s.amount().toDouble();
        funding += amount;
        fundingAbs += Math.abs(amount);
        String symbol = apiSymbol(s.instrument());
        if (!recorded(symbol, s.eventTimeMs())) {
          fundingFallbackAbs += Math.abs(amount);
        }
        trades.onFunding(symbol, amount);
        symbol(symbol)[1] += amount;
      }
      case RebalanceCompleted r -> {
        if (turnover.length == rebalances) {
          turnover = Arrays.copyOf(turnover, rebalances * 2);
        }
        turnover[rebalances++] = r.turnover();
      }
      default -> {}
    }
  }

  private void onFill(Fill fill) {
    fills++;
    String symbol = apiSymbol(fill.instrument());
    double qty = fill.quantity().toDouble();
    double price = fill.price().toDouble();
    double fee = fill.fee().toDouble();
    fees += fee;
    trades.onFill(fill, symbol);
    double[] s = symbol(symbol);
    s[0] += fee;
    s[2] += price * qty;
    Integer i = index.get(symbol);
    // the kernel fills at the close of the bar closing at the fill time; slippage is the distance
    int t = Arrays.binarySearch(panel.openTimes(), fill.timeMs() - panel.barMillis());
    double reference = i == null || t < 0 ? Double.NaN : panel.close(t, i);
    if (reference > 0) {
      slippage += Math.abs(price - reference) * qty;
    }
  }

  /** Whether funding of {@code symbol} at {@code timeMs} came from recorded history. */
  private boolean recorded(String symbol, long timeMs) {
    Integer i = index.get(symbol);
    FundingSeries f = i == null || i >= fundingSeries.size() ? null : fundingSeries.get(i);
    return f != null && !f.isEmpty() && timeMs >= f.timeMs(0) && timeMs <= f.timeMs(f.size() - 1);
  }

  /** The instrument's API symbol, built once per instrument (not per event). */
  private String apiSymbol(InstrumentId id) {
    return apiSymbols.computeIfAbsent(id, InstrumentId::apiSymbol);
  }

  private double[] symbol(String symbol) {
    return perSymbol.computeIfAbsent(symbol, k -> new double[3]);
  }

  double lastClose(String symbol) {
    Integer i = index.get(symbol);
    if (i == null) {
      return Double.NaN;
    }
    for (int t = Math.max(step, 0); t >= 0; t--) {
      double c = panel.close(t, i);
      if (c > 0) {
        return c;
      }
    }
    return Double.NaN;
  }
}
