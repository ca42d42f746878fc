package io.perpetua.market.tick;

import io.perpetua.core.order.OrderSide;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded generator of realistic order flow for any set of symbols: aggTrades with bursts
 * (self-exciting intensity), a persistent order-flow regime that moves the taker mix and the price
 * together, fat-tailed (Pareto) trade sizes with occasional whale orders, and fat-tailed
 * (Student-t) returns; plus 1 s mark price/funding, book imbalance and spot–perp divergence, 5 min
 * open interest and positioning ratios (mean-reverting, Ornstein–Uhlenbeck), and liquidations after
 * sharp moves. The same seed gives the same ticks.
 *
 * <p>Not thread-safe. Ticks are emitted in time order (ties by symbol order).
 */
public final class SyntheticTickGenerator {
  private static final long FIVE_MINUTES = 300_000L;
  private static final Comparator<FlowTick> BY_TIME = Comparator.comparingLong(FlowTick::timeMs);

  private final SplittableRandom random;
  private final List<SymbolState> symbols = new ArrayList<>();
  private long nowMs;

  /** Starts all {@code symbols} at {@code startMs} (aligned down to the second). */
  public SyntheticTickGenerator(long seed, long startMs, List<SyntheticFlowSymbol> symbols) {
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("at least one symbol is required");
    }
    this.random = new SplittableRandom(seed);
    this.nowMs = Math.floorDiv(startMs, 1000) * 1000;
    long aggBase = 1_000_000L;
    for (SyntheticFlowSymbol s : symbols) {
      this.symbols.add(new SymbolState(s, aggBase));
      aggBase += 1_000_000_000L;
    }
  }

  /** The generator's clock: the start of the next second to generate. */
  public long nowMs() {
    return nowMs;
  }

  /** Generates {@code durationMs} (rounded up to whole seconds) of ticks into {@code sink}. */
  public void generate(long durationMs, Consumer<FlowTick> sink) {
    long end = nowMs + durationMs;
    List<FlowTick> second = new ArrayList<>();
    while (nowMs < end) {
      second.clear();
      for (SymbolState s : symbols) {
        s.step(nowMs, second);
      }
      second.sort(BY_TIME);
      second.forEach(sink);
      nowMs += 1000;
    }
  }

  /** Convenience: all ticks of {@code durationMs} as a list. */
  public List<FlowTick> generate(long durationMs) {
    List<FlowTick> out = new ArrayList<>();
    generate(durationMs, out::add);
    return out;
  }

  private final class SymbolState {
    final SyntheticFlowSymbol p;
    double price;
    double flow; // order-flow regime, OU around 0, in [-1, 1] after tanh
    double burst = 1; // intensity multiplier, decays to 1
    double logOi;
    double funding = 0.0001;
    double lsr = 1.0;
    double topRatio = 1.0;
    double minuteAnchor;
    long aggId;

    SymbolState(SyntheticFlowSymbol p, long aggBase) {
      this.p = p;
      this.price = p.startPrice();
      this.minuteAnchor = price;
      this.logOi = Math.log(p.openInterest());
      this.aggId = aggBase;
    }

    void step(long t, List<FlowTick> out) {
      flow += -0.01 * flow + 0.12 * gaussian();
      double bias = Math.tanh(flow);
      burst = 1 + (burst - 1) * 0.9;
      if (random.nextDouble() < 0.01) {
        burst += 3 + 7 * random.nextDouble();
      }
      int n = poisson(p.tradesPerSecond() * burst);
      double secondReturn = p.secondVolatility() * (studentT() + 0.05 * bias);
      double perTrade = n == 0 ? 0 : secondReturn / n;
      long[] offsets = new long[n];
      for (int i = 0; i < n; i++) {
        offsets[i] = random.nextLong(1000);
      }
      java.util.Arrays.sort(offsets);
      for (int i = 0; i < n; i++) {
        price = Math.max(p.tickSize(), price * Math.exp(perTrade));
        double px = Math.max(p.tickSize(), Math.round(price / p.tickSize()) * p.tickSize());
        boolean takerBuy = random.nextDouble() < 0.5 + 0.3 * bias;
        double qty =
            p.medianQuantity() * Math.min(1e3, Math.pow(1 - random.nextDouble(), -1 / 1.6));
        if (random.nextDouble() < p.whaleProbability()) {
          qty *= 20 + 80 * random.nextDouble();
        }
        qty = Math.max(1e-6, Math.round(qty * 1e6) / 1e6);
        out.add(new AggTrade(p.instrument(), aggId++, t + offsets[i], px, qty, !takerBuy));
      }
      out.add(marketSecond(t, bias));
      double obi = Math.max(-1, Math.min(1, 0.5 * bias + 0.2 * gaussian()));
      out.add(new BookImbalance(p.instrument(), t + 100, obi));
      double mark = price * (1 + funding * 0.5);
      double spot = mark * (1 + 0.0002 * bias + 0.0001 * gaussian());
      out.add(new SpotPerpDivergence(p.instrument(), t + 100, spot, mark));
      if (t % 60_000 == 0) {
        double minuteMove = price / minuteAnchor - 1;
        if (Math.abs(minuteMove) > 4 * p.secondVolatility() * Math.sqrt(60) * 0.5) {
          OrderSide side = minuteMove > 0 ? OrderSide.BUY : OrderSide.SELL;
          double qty = p.medianQuantity() * (5 + 50 * random.nextDouble());
          out.add(new Liquidation(p.instrument(), t + 500, side, price, qty));
        }
        minuteAnchor = price;
      }
      if (t % FIVE_MINUTES == 0) {
        positioning(t, bias, out);
      }
    }

    private FlowTick marketSecond(long t, double bias) {
      funding += 0.001 * (0.0001 - funding) + 0.000002 * gaussian() + 0.0000005 * bias;
      return new MarkPriceUpdate(
          p.instrument(),
          t + 999,
          price * (1 + funding * 0.5),
          price,
          funding,
          (Math.floorDiv(t, 28_800_000L) + 1) * 28_800_000L);
    }

    private void positioning(long t, double bias, List<FlowTick> out) {
      logOi += 0.05 * (Math.log(p.openInterest()) - logOi) + 0.01 * gaussian() + 0.004 * bias;
      lsr = Math.max(0.2, lsr + 0.1 * (1.0 - lsr) + 0.05 * gaussian() - 0.02 * bias);
      topRatio = Math.max(0.3, topRatio + 0.1 * (1.0 - topRatio) + 0.05 * gaussian() + 0.03 * bias);
      out.add(new OpenInterestUpdate(p.instrument(), t, Math.exp(logOi)));
      out.add(new PositionRatios(p.instrument(), t, lsr, topRatio));
    }
  }

  private double gaussian() {
    return random.nextGaussian();
  }

  /** Student-t with 4 degrees of freedom, scaled to unit variance. */
  private double studentT() {
    double chi = 0;
    for (int i = 0; i < 4; i++) {
      double g = gaussian();
      chi += g * g;
    }
    return gaussian() / Math.sqrt(chi / 4) / Math.sqrt(2);
  }

  private int poisson(double lambda) {
    if (lambda > 50) {
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian()));
    }
    double l = Math.exp(-lambda);
    int k = 0;
    double prod = random.nextDouble();
    while (prod > l) {
      k++;
      prod *= random.nextDouble();
    }
    return k;
  }
}
