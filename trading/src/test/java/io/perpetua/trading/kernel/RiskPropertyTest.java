package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.ManualClock;
import io.perpetua.core.time.Times;
import io.perpetua.signals.MarketView;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.signals.strategy.StrategyDecision;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.risk.CircuitBreakers;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PortfolioReading;
import io.perpetua.trading.risk.PreTradeGuard;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RiskLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Property: for random limits, portfolios, prices and order streams, no order that breaks a limit
 * passes the risk engine (engine level) or reaches the venue (kernel level), and every rejection
 * names a known rule. The limit arithmetic here is the test's own.
 */
class RiskPropertyTest {
  static final Set<String> KNOWN_RULES =
      Set.of(
          "emergency_stop",
          "symbol_disabled",
          "step_size",
          "no_price",
          "min_notional",
          "market_data_stale",
          "venue_unreachable",
          "blacklist",
          "max_drawdown_halt",
          "daily_loss",
          "consecutive_losses",
          "min_balance_reserve",
          "min_balance_r",
          "max_order_value",
          "max_position_pct",
          "max_total_exposure",
          "max_daily_turnover");

  private static final long MIN = 60_000L;
  private static final long STALE_MS = 2 * Times.HOUR_MS;
  private static final double EPS = 1e-4; // tick rounding of the reference price
  private static final int SYMBOLS = 5;

  // ================================================================ engine level

  /** The test's own model of the portfolio and of every limit. */
  private static final class Model {
    final RiskLimits lim;
    final CircuitBreakers br;
    final Instrument[] inst = new Instrument[SYMBOLS];
    final double[] qty = new double[SYMBOLS];
    final double[] cost = new double[SYMBOLS]; // signed entry notional (average cost)
    final double[] mark = new double[SYMBOLS];
    final long[] markTime = new long[SYMBOLS];
    final Map<InstrumentId, Double> tradePnl = new HashMap<>();
    final Set<InstrumentId> disabled = new HashSet<>();
    final List<Order> working = new ArrayList<>();
    double cash;
    boolean stopped;
    long venueDownSince = Long.MIN_VALUE;
    double peak = Double.NaN;
    double lastEquity = Double.NaN;
    boolean ddHalted;
    long day = Long.MIN_VALUE;
    double dayStart;
    double turnover;
    boolean lossHalted;
    int streak;
    long pauseUntil = Long.MIN_VALUE;

    Model(RiskLimits lim, CircuitBreakers br) {
      this.lim = lim;
      this.br = br;
    }

    int index(InstrumentId id) {
      for (int i = 0; i < SYMBOLS; i++) {
        if (inst[i].id().equals(id)) {
          return i;
        }
      }
      throw new IllegalArgumentException(id.toString());
    }

    double equity() {
      double e = cash;
      for (int i = 0; i < SYMBOLS; i++) {
        e += qty[i] * mark[i];
      }
      return e;
    }

    double projected(int i) {
      double q = qty[i];
      for (Order o : working) {
        if (o.instrument().equals(inst[i].id())) {
          q += o.signedQuantity().toDouble();
        }
      }
      return q;
    }

    double projectedGross() {
      double g = 0;
      for (int i = 0; i < SYMBOLS; i++) {
        g += Math.abs(projected(i) * mark[i]);
      }
      return g;
    }

    void observe(long now) {
      double eq = equity();
      long d = Math.floorDiv(now, Times.DAY_MS);
      if (d != day) {
        day = d;
        dayStart = eq;
        turnover = 0;
        lossHalted = false;
      }
      peak = Double.isNaN(peak) ? eq : Math.max(peak, eq);
      if (peak > 0 && eq / peak <= 1 - lim.maxDrawdownHalt()) {
        ddHalted = true;
      }
      double loss = dayStart - eq;
      if ((br.dailyLossPct() > 0 && loss >= dayStart * br.dailyLossPct())
          || (br.dailyLossR() > 0 && loss >= br.riskUnit() * br.dailyLossR())) {
        lossHalted = true;
      }
      lastEquity = eq;
    }

    void resume() {
      stopped = false;
      ddHalted = false;
      lossHalted = false;
      pauseUntil = Long.MIN_VALUE;
      peak = lastEquity;
    }

    /** Applies a fill; returns {realized, closed (1/0)}. */
    double[] fill(int i, double delta, double price) {
      double q = qty[i];
      double realized = 0;
      cash -= delta * price;
      if (q == 0 || Math.signum(delta) == Math.signum(q)) {
        cost[i] += delta * price;
        qty[i] = q + delta;
      } else {
        double avg = cost[i] / q;
        double closing = Math.abs(delta) <= Math.abs(q) ? delta : -q;
        realized = -closing * (price - avg);
        double rest = delta - closing;
        qty[i] = q + closing;
        cost[i] = qty[i] * avg;
        if (Math.abs(qty[i]) < 1e-12) {
          qty[i] = 0;
          cost[i] = 0;
        }
        if (rest != 0) {
          qty[i] = rest;
          cost[i] = rest * price;
        }
      }
      boolean closed = q != 0 && Math.signum(qty[i]) != Math.signum(q);
      return new double[] {realized, closed ? 1 : 0};
    }

    void onTrade(InstrumentId id, double realized, boolean closed, long t) {
      double pnl = tradePnl.getOrDefault(id, 0.0) + realized;
      if (!closed) {
        tradePnl.put(id, pnl);
        return;
      }
      tradePnl.remove(id);
      streak = pnl < 0 ? streak + 1 : 0;
      if (br.consecutiveLosses() > 0 && streak >= br.consecutiveLosses()) {
        pauseUntil = t + br.pauseMinutes() * MIN;
        streak = 0;
      }
    }

    /**
     * The rules {@code o} breaks, in the engine's documented order. {@code m = +1}: only clear
     * violations (beyond the rounding tolerance); {@code m = -1}: possible ones.
     */
    List<String> violations(Order o, long now, double before, double after, int m) {
      List<String> v = new ArrayList<>();
      int i = index(o.instrument());
      Instrument in = inst[i];
      boolean ro = o.reduceOnly();
      double value = mark[i] * o.quantity().toDouble();
      double eq = equity();
      if (stopped) {
        v.add("emergency_stop");
      }
      if (disabled.contains(o.instrument())) {
        v.add("symbol_disabled");
      }
      if (o.quantity().raw() % in.stepSize().raw() != 0) {
        v.add("step_size");
      }
      if (!ro && under(value, 5.0, m)) {
        v.add("min_notional");
      }
      if (now - markTime[i] > STALE_MS) {
        v.add("market_data_stale");
      }
      if (br.venueUnreachableMs() > 0
          && venueDownSince != Long.MIN_VALUE
          && now - venueDownSince >= br.venueUnreachableMs()) {
        v.add("venue_unreachable");
      }
      if (ro) {
        return v;
      }
      if (lim.blacklist().contains(o.instrument())) {
        v.add("blacklist");
      }
      double grossBefore = projectedGross();
      double grossAfter = grossBefore - Math.abs(before) + Math.abs(after);
      boolean growsPosition = Math.abs(after) > Math.abs(before) + 1e-9;
      boolean growsGross = grossAfter > grossBefore + 1e-9;
      if (growsPosition || growsGross) {
        if (ddHalted) {
          v.add("max_drawdown_halt");
        } else if (lossHalted) {
          v.add("daily_loss");
        } else if (now < pauseUntil) {
          v.add("consecutive_losses");
        }
      }
      if (lim.minBalanceReserve() > 0 && under(eq, lim.minBalanceReserve(), m)) {
        v.add("min_balance_reserve");
      }
      if (br.minBalanceR() > 0 && under(eq, br.minBalanceR() * br.riskUnit(), m)) {
        v.add("min_balance_r");
      }
      if (lim.maxOrderValue() > 0 && over(value, lim.maxOrderValue(), m)) {
        v.add("max_order_value");
      }
      if (eq <= 0) {
        v.add("min_balance_reserve");
        return v;
      }
      if (growsPosition && over(Math.abs(after), lim.maxPositionPct() * eq, m)) {
        v.add("max_position_pct");
      }
      if (growsGross && over(grossAfter, lim.maxTotalExposure() * eq, m)) {
        v.add("max_total_exposure");
      }
      if (over(turnover + value, lim.maxDailyTurnover() * dayStart, m)) {
        v.add("max_daily_turnover");
      }
      return v;
    }
  }

  static boolean over(double x, double limit, int m) {
    return x > limit * (1 + m * EPS) + m * 1e-9;
  }

  static boolean under(double x, double limit, int m) {
    return x < limit * (1 - m * EPS) - m * 1e-9;
  }

  private static RiskLimits randomLimits(SplittableRandom r, List<InstrumentId> ids) {
    Set<InstrumentId> blacklist = new HashSet<>();
    for (InstrumentId id : ids) {
      if (r.nextInt(8) == 0) {
        blacklist.add(id);
      }
    }
    return new RiskLimits(
        r.nextDouble(0.05, 1.0),
        r.nextDouble(0.3, 3.0),
        r.nextDouble(0.05, 0.5),
        r.nextBoolean() ? 0 : r.nextDouble(0, 3000),
        r.nextBoolean() ? 0 : r.nextDouble(20, 3000),
        r.nextDouble(0.5, 5.0),
        blacklist,
        true);
  }

  private static CircuitBreakers randomBreakers(SplittableRandom r) {
    boolean withR = r.nextInt(3) == 0;
    double unit = withR ? r.nextDouble(10, 100) : 0;
    int streak = r.nextInt(3) == 0 ? r.nextInt(2, 5) : 0;
    return new CircuitBreakers(
        r.nextInt(3) == 0 ? r.nextDouble(0.02, 0.2) : 0,
        withR && r.nextBoolean() ? r.nextDouble(1, 5) : 0,
        unit,
        false,
        streak,
        streak > 0 ? r.nextInt(30, 180) : 0,
        r.nextBoolean() ? 30_000 : 0,
        STALE_MS,
        withR && r.nextBoolean() ? r.nextDouble(1, 30) : 0,
        0,
        0);
  }

  @Test
  void engine_randomPortfoliosAndOrders_noPassedOrderBreaksALimit_everyRejectionNamesItsRule() {
    Map<String, Integer> rejected = new TreeMap<>();
    int[] counts = new int[2]; // passed, total
    for (int c = 0; c < 2000; c++) {
      runCase(1_000L + c, rejected, counts);
    }
    assertThat(counts[1]).isGreaterThan(10_000);
    assertThat(counts[0]).as("passed of " + counts[1]).isGreaterThan(counts[1] / 5);
    assertThat(rejected.keySet())
        .as("rules that rejected: " + rejected)
        .containsAll(KNOWN_RULES.stream().filter(x -> !x.equals("no_price")).toList());
  }

  private void runCase(long seed, Map<String, Integer> rejected, int[] counts) {
    SplittableRandom r = new SplittableRandom(seed);
    List<InstrumentId> ids = new ArrayList<>();
    for (int i = 0; i < SYMBOLS; i++) {
      ids.add(InstrumentId.usdtPerp("P" + i));
    }
    Model m = new Model(randomLimits(r, ids), randomBreakers(r));
    long[] now = {
      KernelFixture.START + r.nextLong(0, 30) * Times.DAY_MS + r.nextLong(0, 1440) * MIN
    };
    RiskEngine e =
        RiskEngine.open(new RiskConfig(m.lim, m.br, 0.8), new InMemoryRiskStore(), () -> now[0]);
    double equity0 = r.nextDouble(200, 10_000);
    m.cash = equity0;
    for (int i = 0; i < SYMBOLS; i++) {
      double px = Math.pow(10, r.nextDouble(-2, 4));
      Instrument d = Instrument.derivedFrom(ids.get(i), px);
      m.inst[i] =
          i == 0
              ? new Instrument(
                  d.id(), d.tickSize(), new Quantity(10, d.quantityScale()), d.minNotional())
              : d;
      m.mark[i] = px;
      m.markTime[i] = now[0];
      if (r.nextBoolean()) {
        double q = rawQty(m.inst[i], r.nextDouble(-0.5, 0.5) * equity0 / px, 10);
        if (q != 0) {
          m.fill(i, q, px);
        }
      }
    }
    int steps = r.nextInt(6, 14);
    for (int s = 0; s < steps; s++) {
      now[0] += r.nextLong(10, 300) * MIN;
      for (int i = 0; i < SYMBOLS; i++) {
        if (r.nextInt(10) != 0) {
          double vol = r.nextInt(20) == 0 ? 0.3 : 0.04;
          m.mark[i] *= Math.exp(r.nextGaussian() * vol);
          m.markTime[i] = now[0];
        }
      }
      for (Order o : m.working) { // the venue fills (or cancels) what was sent last step
        if (r.nextInt(10) == 0) {
          continue;
        }
        int i = m.index(o.instrument());
        double[] f = m.fill(i, o.signedQuantity().toDouble(), m.mark[i]);
        boolean closed = f[1] == 1;
        if (closed || f[0] != 0) {
          e.onRealized(o.instrument(), Money.of(f[0]), closed, now[0]);
          m.onTrade(o.instrument(), f[0], closed, now[0]);
        }
      }
      m.working.clear();
      operatorAndVenue(r, m, e, now[0], ids);
      double eq = m.equity();
      double longs = 0;
      double shorts = 0;
      double largest = 0;
      for (int i = 0; i < SYMBOLS; i++) {
        double n = m.qty[i] * m.mark[i];
        longs += Math.max(n, 0);
        shorts += Math.max(-n, 0);
        largest = Math.max(largest, Math.abs(n));
      }
      e.observe(new PortfolioReading(now[0], eq, longs, shorts, largest, null));
      m.observe(now[0]);
      int orders = r.nextInt(0, 7);
      for (int k = 0; k < orders; k++) {
        checkOne(r, m, e, now[0], rejected, counts);
      }
    }
  }

  private static void operatorAndVenue(
      SplittableRandom r, Model m, RiskEngine e, long now, List<InstrumentId> ids) {
    if (!m.stopped && r.nextInt(25) == 0) {
      e.emergencyStop("random", "prop");
      m.stopped = true;
    } else if ((m.stopped || m.ddHalted || m.lossHalted) && r.nextInt(4) == 0) {
      e.resume("random", "prop");
      m.resume();
    }
    if (r.nextInt(15) == 0) {
      InstrumentId id = ids.get(r.nextInt(SYMBOLS));
      boolean enable = m.disabled.contains(id);
      e.setSymbolEnabled(id, enable, "random", "prop");
      if (enable) {
        m.disabled.remove(id);
      } else {
        m.disabled.add(id);
      }
    }
    if (m.venueDownSince == Long.MIN_VALUE && r.nextInt(12) == 0) {
      long since = now - r.nextLong(0, 60_000);
      e.venueReachable(false, since);
      m.venueDownSince = since;
    } else if (m.venueDownSince != Long.MIN_VALUE && r.nextInt(3) == 0) {
      e.venueReachable(true, now);
      m.venueDownSince = Long.MIN_VALUE;
    }
  }

  /** A quantity of about {@code value} in raw step units (at least one, signed). */
  private static double rawQty(Instrument in, double value, long unit) {
    double scale = Math.pow(10, in.quantityScale());
    long raw = Math.round(Math.abs(value) * scale / unit) * unit;
    return Math.signum(value) * raw / scale;
  }

  private static void checkOne(
      SplittableRandom r,
      Model m,
      RiskEngine e,
      long now,
      Map<String, Integer> rejected,
      int[] counts) {
    int i = r.nextInt(SYMBOLS);
    Instrument in = m.inst[i];
    double eq = m.equity();
    double proj = m.projected(i);
    double frac = r.nextInt(10) == 0 ? r.nextDouble(1, 3) : r.nextDouble(0.0005, 0.4);
    OrderSide side = r.nextBoolean() ? OrderSide.BUY : OrderSide.SELL;
    double pos = m.qty[i];
    boolean canReduce =
        pos != 0 && proj != 0 && Math.signum(pos) == Math.signum(proj) && r.nextInt(3) == 0;
    long unit = i == 0 && r.nextInt(20) != 0 ? 10 : 1;
    double q;
    boolean reduceOnly = false;
    if (canReduce) {
      side = pos > 0 ? OrderSide.SELL : OrderSide.BUY;
      double most = Math.min(Math.abs(pos), Math.abs(proj));
      q = r.nextBoolean() ? most : rawQty(in, most * r.nextDouble(0.1, 1), unit);
      q = Math.min(Math.abs(q), most);
      reduceOnly = r.nextInt(4) != 0;
    } else {
      q = Math.abs(rawQty(in, frac * Math.max(eq, 100) / m.mark[i], unit));
    }
    long raw = Math.round(q * Math.pow(10, in.quantityScale()));
    if (raw <= 0) {
      return;
    }
    Order o =
        new Order(
            ClientOrderId.of("p" + counts[1]),
            in.id(),
            side,
            OrderType.MARKET,
            new Quantity(raw, in.quantityScale()),
            null,
            reduceOnly,
            StrategyId.of("prop"),
            null,
            now);
    double delta = o.signedQuantity().toDouble();
    double before = proj * m.mark[i];
    double after = (proj + delta) * m.mark[i];
    double grossBefore = m.projectedGross();
    double grossAfter = grossBefore - Math.abs(before) + Math.abs(after);
    OrderContext ctx =
        io.perpetua.trading.risk.Contexts.of(
            m.mark[i], m.markTime[i], now, eq, before, after, grossBefore, grossAfter);
    List<String> clear = m.violations(o, now, before, after, +1);
    List<String> possible = m.violations(o, now, before, after, -1);
    Optional<PreTradeGuard.Rejection> result = e.check(o, in, ctx);
    counts[1]++;
    String where = "order " + o + " ctx " + ctx + " model " + possible;
    if (result.isEmpty()) {
      assertThat(clear).as("passed but breaks: " + where).isEmpty();
      counts[0]++;
      m.working.add(o);
      m.turnover += m.mark[i] * o.quantity().toDouble();
      return;
    }
    String rule = result.get().rule();
    assertThat(KNOWN_RULES).as(where).contains(rule);
    assertThat(result.get().reason()).as(where).isNotBlank();
    assertThat(possible).as("rejected by " + rule + ": " + where).contains(rule);
    if (!clear.isEmpty()) {
      assertThat(possible.indexOf(rule))
          .as("first rule named, " + rule + " vs " + clear + ": " + where)
          .isLessThanOrEqualTo(possible.indexOf(clear.get(0)));
    }
    rejected.merge(rule, 1, Integer::sum);
  }

  // ================================================================ kernel level

  /**
   * A venue in front of {@link io.perpetua.trading.venue.SimulatedVenue} that records what reaches
   * it and calls a check on every submission before passing it on.
   */
  static final class GuardedVenue implements PriceDrivenVenue {
    final PriceDrivenVenue inner;
    final Map<ClientOrderId, Order> working = new LinkedHashMap<>();
    final List<Order> submitted = new ArrayList<>();
    final List<Long> submittedAt = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();
    final List<ClientOrderId> cancelled = new ArrayList<>();
    final ManualClock clock;
    Consumer<Order> check = o -> {};

    GuardedVenue(PriceDrivenVenue inner, ManualClock clock) {
      this.inner = inner;
      this.clock = clock;
    }

    @Override
    public void setListener(VenueListener l) {
      inner.setListener(
          new VenueListener() {
            @Override
            public void onAccepted(Order order, long timeMs) {
              l.onAccepted(order, timeMs);
            }

            @Override
            public void onFill(Fill fill) {
              working.remove(fill.clientOrderId());
              fills.add(fill);
              l.onFill(fill);
            }

            @Override
            public void onRejected(Order order, String reason, long timeMs) {
              working.remove(order.clientOrderId());
              l.onRejected(order, reason, timeMs);
            }

            @Override
            public void onCancelled(ClientOrderId id, long timeMs) {
              working.remove(id);
              cancelled.add(id);
              l.onCancelled(id, timeMs);
            }
          });
    }

    @Override
    public void submit(Order order) {
      check.accept(order);
      submitted.add(order);
      submittedAt.add(clock.nowMillis());
      working.put(order.clientOrderId(), order);
      inner.submit(order);
    }

    @Override
    public void cancel(ClientOrderId id) {
      inner.cancel(id);
    }

    @Override
    public boolean isSimulated() {
      return true;
    }

    @Override
    public void onPrice(InstrumentId instrument, double price, long timeMs) {
      inner.onPrice(instrument, price, timeMs);
    }
  }

  /** Builds a kernel over {@code fixture} with a {@link GuardedVenue}. */
  static TradingKernel kernel(
      KernelFixture fixture,
      CrossSectionalStrategy strategy,
      String cron,
      KernelPorts ports,
      GuardedVenue[] venueOut) {
    ManualClock clock = new ManualClock(Long.MIN_VALUE / 2);
    Map<InstrumentId, Instrument> byId = new HashMap<>();
    fixture.instruments.forEach(x -> byId.put(x.id(), x));
    var sim =
        new io.perpetua.trading.venue.SimulatedVenue(
            byId, io.perpetua.trading.venue.SimulatedVenueConfig.defaults(), clock);
    GuardedVenue venue = new GuardedVenue(sim, clock);
    venueOut[0] = venue;
    KernelConfig config =
        new KernelConfig("bt", Money.parse("10000"), CronSchedule.parse(cron), 0, false);
    return new TradingKernel(
        config,
        fixture.panel,
        FundingSchedule.none(),
        fixture.instruments,
        strategy,
        AssetPoolDefinition.defaultPool(),
        new FeatureRegistry(),
        venue,
        clock,
        ports);
  }

  /** Random target weights, sometimes extreme; deterministic per decision time. */
  static CrossSectionalStrategy randomWeights(long seed, int n) {
    return new CrossSectionalStrategy() {
      @Override
      public StrategyId id() {
        return StrategyId.of("random");
      }

      @Override
      public String poolName() {
        return "default";
      }

      @Override
      public List<String> requiredFeatures() {
        return List.of();
      }

      @Override
      public Map<String, Object> parameters() {
        return Map.of();
      }

      @Override
      public StrategyDecision decide(MarketView view, boolean[] pool, List<double[]> features) {
        SplittableRandom r = new SplittableRandom(seed * 31 + view.time());
        double[] w = new double[n];
        double[] signal = new double[n];
        for (int i = 0; i < n; i++) {
          int kind = r.nextInt(10);
          w[i] = kind < 3 ? 0 : kind == 9 ? r.nextDouble(-4, 4) : r.nextDouble(-0.4, 0.4);
          signal[i] = w[i];
        }
        return new StrategyDecision(view.time(), signal, w, n);
      }
    };
  }

  @Test
  void kernel_randomExtremeWeights_noOrderReachingTheVenueBreaksALimit() {
    int symbols = 15;
    Map<String, Integer> rejected = new TreeMap<>();
    int checked = 0;
    for (long seed = 1; seed <= 3; seed++) {
      checked += runKernel(seed, symbols, rejected);
    }
    assertThat(checked).isGreaterThan(500);
    assertThat(rejected.keySet())
        .as("" + rejected)
        .contains("max_position_pct", "max_total_exposure", "max_order_value");
  }

  private int runKernel(long seed, int symbols, Map<String, Integer> rejected) {
    SplittableRandom r = new SplittableRandom(seed);
    KernelFixture fixture = new KernelFixture(symbols, 24 * 8, seed);
    RiskLimits lim =
        new RiskLimits(
            r.nextDouble(0.05, 0.5),
            r.nextDouble(0.5, 1.5),
            r.nextDouble(0.1, 0.4),
            r.nextDouble(0, 2000),
            r.nextDouble(1500, 6000),
            r.nextDouble(1, 6),
            Set.of(fixture.instruments.get(r.nextInt(symbols)).id()),
            true);
    CircuitBreakers br =
        new CircuitBreakers(r.nextDouble(0.03, 0.1), 0, 0, true, 0, 0, 0, 0, 0, 0, 600);
    RiskEngine risk =
        RiskEngine.open(new RiskConfig(lim, br, 0.8), new InMemoryRiskStore(), () -> 0L);
    TradingKernel[] holder = new TradingKernel[1];
    GuardedVenue[] venue = new GuardedVenue[1];
    // the test's own day and drawdown bookkeeping, from the equity of every step
    double[] book = {Double.NaN, 0, Double.NaN, 0, 0}; // peak, ddHalted, dayStart, lossHalted, day
    double[] turnover = {0};
    KernelListener listener =
        new KernelListener() {
          @Override
          public void onEvent(Event ev) {
            if (ev instanceof OrderRejected rej) {
              assertThat(rej.reason()).isNotBlank();
              if (!rej.rule().equals("venue")) {
                assertThat(KNOWN_RULES).contains(rej.rule());
              }
              rejected.merge(rej.rule(), 1, Integer::sum);
            }
          }

          @Override
          public void onStep(int t, long time, double equity) {
            long day = Math.floorDiv(time, Times.DAY_MS);
            if (Double.isNaN(book[2]) || day != (long) book[4]) {
              book[4] = day;
              book[2] = equity;
              book[3] = 0;
              turnover[0] = 0;
            }
            book[0] = Double.isNaN(book[0]) ? equity : Math.max(book[0], equity);
            if (equity / book[0] <= 1 - lim.maxDrawdownHalt()) {
              book[1] = 1;
            }
            if (book[2] - equity >= book[2] * br.dailyLossPct()) {
              book[3] = 1;
            }
          }
        };
    holder[0] =
        kernel(
            fixture,
            randomWeights(seed, symbols),
            "30 * * * *",
            KernelPorts.backtest(listener, risk),
            venue);
    int[] checked = {0};
    venue[0].check =
        o -> {
          if (o.rebalanceId() != null && o.rebalanceId().value().startsWith("liq-")) {
            return; // the venue's own liquidation bypasses risk by design
          }
          checked[0]++;
          checkAtVenue(fixture, holder[0], venue[0], risk, lim, o, book, turnover);
        };
    holder[0].resume(KernelFixture.START);
    holder[0].run(Pacer.unpaced());
    assertThat(holder[0].rebalances()).isGreaterThan(24);
    return checked[0];
  }

  private static void checkAtVenue(
      KernelFixture fixture,
      TradingKernel k,
      GuardedVenue venue,
      RiskEngine risk,
      RiskLimits lim,
      Order o,
      double[] book,
      double[] turnover) {
    long now = venue.clock.nowMillis();
    int bar = -1;
    while (bar + 1 < fixture.panel.size() && fixture.panel.closeTime(bar + 1) <= now) {
      bar++;
    }
    double equity = k.equity();
    double before = 0;
    double after = 0;
    double grossBefore = 0;
    double value = 0;
    for (Instrument in : fixture.instruments) {
      InstrumentId id = in.id();
      double mark = fixture.lastClose(id, bar);
      var p = k.account().position(id);
      double q = p == null ? 0 : p.quantity().toDouble();
      for (Order w : venue.working.values()) {
        if (w.instrument().equals(id)) {
          q += w.signedQuantity().toDouble();
        }
      }
      double n = mark > 0 ? q * mark : 0;
      grossBefore += Math.abs(n);
      if (id.equals(o.instrument())) {
        before = n;
        after = (q + o.signedQuantity().toDouble()) * mark;
        value = Math.abs(o.quantity().toDouble() * mark);
        if (o.reduceOnly()) {
          double pos = p == null ? 0 : p.quantity().toDouble();
          double next = pos + o.signedQuantity().toDouble();
          assertThat(Math.abs(next))
              .as("reduce-only reduces " + o)
              .isLessThanOrEqualTo(Math.abs(pos));
          assertThat(next * pos).as("reduce-only does not flip " + o).isGreaterThanOrEqualTo(0);
        }
      }
    }
    turnover[0] += value;
    if (o.reduceOnly()) {
      return;
    }
    double grossAfter = grossBefore - Math.abs(before) + Math.abs(after);
    boolean grows = Math.abs(after) > Math.abs(before) + 1e-9;
    boolean growsGross = grossAfter > grossBefore + 1e-9;
    String what = o + " at " + Times.iso(now) + " equity " + equity;
    if (risk.emergencyStopped() || risk.disabledControl(o.instrument()).isPresent()) {
      fail("order reached the venue while stopped or disabled: " + what);
    }
    assertThat(lim.blacklist()).as(what).doesNotContain(o.instrument());
    assertThat(under(equity, lim.minBalanceReserve(), +1)).as("reserve " + what).isFalse();
    assertThat(over(value, lim.maxOrderValue(), +1)).as("order value " + what).isFalse();
    if (grows) {
      assertThat(over(Math.abs(after), lim.maxPositionPct() * equity, +1))
          .as("position %s -> %s, %s", before, after, what)
          .isFalse();
    }
    if (growsGross) {
      assertThat(over(grossAfter, lim.maxTotalExposure() * equity, +1))
          .as("gross %s -> %s, %s", grossBefore, grossAfter, what)
          .isFalse();
    }
    if (grows || growsGross) {
      assertThat(book[1]).as("drawdown halted: " + what).isZero();
      assertThat(book[3]).as("daily loss halted: " + what).isZero();
    }
    assertThat(over(turnover[0], lim.maxDailyTurnover() * book[2], +1))
        .as("turnover %s of %s, %s", turnover[0], book[2], what)
        .isFalse();
  }
}
