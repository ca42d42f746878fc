package io.perpetua.trading.risk;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The pre-trade risk engine in front of every order in backtest, paper and live: precision filters,
 * operator controls (emergency stop, disabled symbols), the limits of {@link RiskLimits} and the
 * {@link CircuitBreakers}. It also watches the portfolio at every kernel step, keeps the rule
 * statuses, raises and resolves {@link Alert}s and records {@link RiskEvent}s.
 *
 * <p>Order of checks: emergency stop, symbol disabled, precision (step size, price, min notional),
 * stale market data, venue unreachable, then — for orders that add risk (not reduce-only) —
 * blacklist, halts (drawdown, daily loss, loss-streak pause), balance reserve, order value,
 * position size, gross exposure and daily turnover. Every rejection names its rule.
 *
 * <p>Thread-safety: the kernel thread calls {@link #check}, {@link #observe} and the trade hooks;
 * operators call the control methods from API threads. Controls are published through volatile and
 * concurrent fields, so an emergency stop binds the very next check; everything else is guarded by
 * this object's monitor.
 */
public final class RiskEngine implements PreTradeGuard {
  /** Cursor key prefix of the engine's state in the kernel checkpoint. */
  public static final String CURSOR_PREFIX = "risk_";

  private static final PreTradeGuard PRECISION = PreTradeGuard.precisionFilters();
  private static final long MINUTE_MS = 60_000L;

  private final RiskConfig config;
  private final RiskLimits limits;
  private final CircuitBreakers breakers;
  private final RiskStore store;
  private final LongSupplier wallClock;
  private final Map<InstrumentId, SymbolControl> disabled = new ConcurrentHashMap<>();
  private final Map<String, Alert> active = new LinkedHashMap<>();
  private final Map<InstrumentId, Double> openTradePnl = new HashMap<>();
  private volatile EmergencyStop emergency;
  private volatile Consumer<RiskStatus> publisher = s -> {};
  private volatile boolean publishing;
  private int lastLevels = -1;
  private long staleAfterMs;
  private double peakEquity = Double.NaN;
  private long day = Long.MIN_VALUE;
  private double dayStartEquity = Double.NaN;
  private double dayTurnover;
  private boolean drawdownHalted;
  private boolean dailyLossHalted;
  private boolean closeAllRequested;
  private long pauseUntilMs = Long.MIN_VALUE;
  private int lossStreak;
  private long venueDownSinceMs = Long.MIN_VALUE;
  private PortfolioReading lastReading;
  private RiskStatus status;

  /** Alerts and events carry kernel time, also an operator's (see {@link KernelTime}). */
  private final KernelTime kernelTime = new KernelTime();

  private RiskEngine(RiskConfig config, RiskStore store, LongSupplier wallClock) {
    this.config = Objects.requireNonNull(config, "config");
    this.limits = config.limits();
    this.breakers = config.breakers();
    this.store = Objects.requireNonNull(store, "store");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    this.staleAfterMs = breakers.marketDataStaleMs();
  }

  /**
   * An engine with {@code config}, restoring the emergency stop, disabled symbols and active alerts
   * from {@code store}.
   */
  public static RiskEngine open(RiskConfig config, RiskStore store, LongSupplier wallClock) {
    RiskEngine e = new RiskEngine(config, store, wallClock);
    e.emergency = store.loadEmergencyStop().orElse(null);
    for (SymbolControl c : store.loadSymbolControls()) {
      if (!c.tradingEnabled()) {
        e.disabled.put(c.symbol(), c);
      }
    }
    for (Alert a : store.activeAlerts()) {
      e.active.put(key(a.ruleName(), a.symbol()), a);
    }
    e.status = e.evaluate(null);
    return e;
  }

  /** An engine with no limits and no breakers in memory (tools, tests of other rules). */
  public static RiskEngine unlimited() {
    return open(RiskConfig.unlimited(), new InMemoryRiskStore(), System::currentTimeMillis);
  }

  /** Sends every status change to {@code sink} (e.g. the platform state). */
  public void publishTo(Consumer<RiskStatus> sink) {
    this.publisher = Objects.requireNonNull(sink, "sink");
    this.publishing = true;
    publish();
  }

  /**
   * Sets the market-data age beyond which orders are blocked when the configuration leaves it to
   * the data: twice the bar interval.
   */
  public synchronized void useBarInterval(long barMillis) {
    if (breakers.marketDataStaleMs() == 0) {
      staleAfterMs = 2 * barMillis;
    }
  }

  // ---------------------------------------------------------------- pre-trade check

  @Override
  public Optional<Rejection> check(Order order, Instrument instrument, OrderContext ctx) {
    Optional<Rejection> operator = operatorRejection(order);
    if (operator.isPresent()) {
      return operator;
    }
    Optional<Rejection> precision = PRECISION.check(order, instrument, ctx);
    if (precision.isPresent()) {
      return precision;
    }
    synchronized (this) {
      kernelTime.advance(ctx.nowMs());
      Optional<Rejection> r = checkLocked(order, instrument, ctx);
      if (r.isEmpty()) {
        dayTurnover += notional(order, instrument, ctx);
      }
      return r;
    }
  }

  /**
   * This engine's operator controls alone (emergency stop, disabled symbols) as a guard. Another
   * account's risk engine puts it in front of its own checks (the order-flow live executor does),
   * so an operator's stop or symbol switch binds every account of the platform at its next order.
   */
  public PreTradeGuard operatorControls() {
    return (order, instrument, ctx) -> operatorRejection(order);
  }

  private Optional<Rejection> operatorRejection(Order order) {
    EmergencyStop stop = emergency;
    if (stop != null && stop.active()) {
      return reject(
          "emergency_stop", "emergency stop by " + stop.operator() + ": " + stop.reason());
    }
    SymbolControl control = disabled.get(order.instrument());
    if (control != null) {
      return reject(
          "symbol_disabled",
          order.instrument().apiSymbol()
              + " disabled by "
              + control.operator()
              + ": "
              + control.reason());
    }
    return Optional.empty();
  }

  private Optional<Rejection> checkLocked(Order order, Instrument instrument, OrderContext ctx) {
    long age = ctx.nowMs() - ctx.markTimeMs();
    if (staleAfterMs > 0 && age > staleAfterMs) {
      return reject(
          "market_data_stale",
          "last price of "
              + order.instrument().apiSymbol()
              + " is "
              + age / 1000
              + " s old (limit "
              + staleAfterMs / 1000
              + " s)");
    }
    if (venueDown(ctx.nowMs())) {
      return reject(
          "venue_unreachable",
          "venue unreachable for " + (ctx.nowMs() - venueDownSinceMs) / 1000 + " s");
    }
    if (order.reduceOnly()) {
      return Optional.empty();
    }
    if (limits.blacklist().contains(order.instrument())) {
      return reject("blacklist", order.instrument().apiSymbol() + " is blacklisted");
    }
    Optional<String> halt = haltReason(ctx.nowMs());
    if (halt.isPresent() && (ctx.increasesPosition() || ctx.increasesGross())) {
      return reject(halt.get(), "trading halted by " + halt.get());
    }
    double equity = ctx.equity().toDouble();
    if (limits.minBalanceReserve() > 0 && equity < limits.minBalanceReserve()) {
      return reject(
          "min_balance_reserve",
          "equity " + fmt(equity) + " below reserve " + fmt(limits.minBalanceReserve()));
    }
    double reserveR = breakers.minBalanceR() * breakers.riskUnit();
    if (reserveR > 0 && equity < reserveR) {
      return reject("min_balance_r", "equity " + fmt(equity) + " below " + fmt(reserveR));
    }
    double value = notional(order, instrument, ctx);
    if (limits.maxOrderValue() > 0 && value > limits.maxOrderValue()) {
      return reject(
          "max_order_value", "order value " + fmt(value) + " above " + fmt(limits.maxOrderValue()));
    }
    if (!(equity > 0)) {
      return reject("min_balance_reserve", "no equity");
    }
    double positionPct = Math.abs(ctx.positionAfter().toDouble()) / equity;
    if (ctx.increasesPosition() && positionPct > limits.maxPositionPct()) {
      return reject(
          "max_position_pct",
          order.instrument().apiSymbol()
              + " would be "
              + pct(positionPct)
              + " of equity (limit "
              + pct(limits.maxPositionPct())
              + ")");
    }
    double exposure = ctx.grossAfter().toDouble() / equity;
    if (ctx.increasesGross() && exposure > limits.maxTotalExposure()) {
      return reject(
          "max_total_exposure",
          "gross exposure would be "
              + fmt(exposure)
              + "x equity (limit "
              + fmt(limits.maxTotalExposure())
              + "x)");
    }
    rollDay(ctx.nowMs(), equity);
    double turnover = (dayTurnover + value) / dayStartEquity;
    if (!(dayStartEquity > 0) || turnover > limits.maxDailyTurnover()) {
      return reject(
          "max_daily_turnover",
          "daily turnover would be "
              + fmt(turnover)
              + "x (limit "
              + fmt(limits.maxDailyTurnover())
              + "x)");
    }
    return Optional.empty();
  }

  private static Optional<Rejection> reject(String rule, String reason) {
    return Optional.of(new Rejection(rule, reason));
  }

  private static double notional(Order order, Instrument instrument, OrderContext ctx) {
    return Money.notional(ctx.mark(), order.quantity()).toDouble();
  }

  // ---------------------------------------------------------------- kernel hooks

  /**
   * Observes the portfolio at a kernel step: tracks the equity peak and the day's opening equity,
   * trips the drawdown and daily-loss breakers, evaluates every rule, raises and resolves alerts
   * and publishes the status.
   */
  public synchronized void observe(PortfolioReading reading) {
    long now = reading.timeMs();
    kernelTime.advance(now);
    double equity = reading.equity();
    rollDay(now, equity);
    if (!(peakEquity >= equity)) {
      peakEquity = equity;
    }
    double drawdown = peakEquity > 0 ? Math.max(0, 1 - equity / peakEquity) : 0;
    if (!drawdownHalted && drawdown >= limits.maxDrawdownHalt()) {
      drawdownHalted = true;
      event(now, "breaker_tripped", "max_drawdown_halt", null, "drawdown " + pct(drawdown));
    }
    double loss = dayStartEquity - equity;
    boolean lossTrips =
        (breakers.dailyLossPct() > 0 && loss >= breakers.dailyLossPct() * dayStartEquity)
            || (breakers.dailyLossR() > 0 && loss >= breakers.dailyLossR() * breakers.riskUnit());
    if (!dailyLossHalted && lossTrips) {
      dailyLossHalted = true;
      closeAllRequested = breakers.closeOnDailyLoss();
      event(now, "breaker_tripped", "daily_loss", null, "loss today " + fmt(loss) + " USDT");
    }
    lastReading = reading;
    // without a subscriber (backtests) the full status is rebuilt only when a rule changes level:
    // alerts follow level changes, and nobody reads the values in between
    int levels = levels(reading, drawdown);
    if (publishing || levels != lastLevels) {
      lastLevels = levels;
      status = evaluate(reading);
      publish();
    }
  }

  /** True once after the daily-loss breaker asked for every position to be closed. */
  public synchronized boolean takeCloseAll() {
    boolean r = closeAllRequested;
    closeAllRequested = false;
    return r;
  }

  /** True when holding-time limits are configured (the kernel then reports position ages). */
  public boolean watchesHoldingTime() {
    return breakers.holdingWarnMinutes() > 0 || breakers.holdingCloseMinutes() > 0;
  }

  /**
   * Checks how long {@code symbol} has been held: raises a warning past the warning time and
   * returns true when the position must be force-closed.
   */
  public synchronized boolean holdingTooLong(InstrumentId symbol, long heldMs, long nowMs) {
    kernelTime.advance(nowMs);
    String key = key("holding_time", symbol.apiSymbol());
    long warn = breakers.holdingWarnMinutes() * MINUTE_MS;
    long close = breakers.holdingCloseMinutes() * MINUTE_MS;
    if (close > 0 && heldMs > close) {
      raise(
          nowMs,
          AlertSeverity.CRITICAL,
          "holding_time",
          symbol.apiSymbol(),
          symbol.apiSymbol() + " held " + heldMs / MINUTE_MS + " min: force close",
          heldMs / (double) MINUTE_MS,
          breakers.holdingCloseMinutes());
      event(nowMs, "forced_close", "holding_time", symbol.apiSymbol(), heldMs / MINUTE_MS + " min");
      return true;
    }
    if (warn > 0 && heldMs > warn) {
      raise(
          nowMs,
          AlertSeverity.WARNING,
          "holding_time",
          symbol.apiSymbol(),
          symbol.apiSymbol() + " held " + heldMs / MINUTE_MS + " min",
          heldMs / (double) MINUTE_MS,
          breakers.holdingWarnMinutes());
    } else if (active.containsKey(key)) {
      resolve(key, nowMs);
    }
    return false;
  }

  /** A position in {@code symbol} was flat or closed: its holding alert, if any, resolves. */
  public synchronized void positionClosed(InstrumentId symbol, long nowMs) {
    kernelTime.advance(nowMs);
    String key = key("holding_time", symbol.apiSymbol());
    if (active.containsKey(key)) {
      resolve(key, nowMs);
    }
  }

  /**
   * A fill realised {@code realized} on {@code symbol}; {@code closed} when it left the position
   * flat or reversed it (the end of a trade). Losing trades in a row trip the pause breaker.
   */
  public synchronized void onRealized(
      InstrumentId symbol, Money realizedMoney, boolean closed, long now) {
    double realized = realizedMoney.toDouble();
    kernelTime.advance(now);
    double pnl = openTradePnl.getOrDefault(symbol, 0.0) + realized;
    if (!closed) {
      openTradePnl.put(symbol, pnl);
      return;
    }
    openTradePnl.remove(symbol);
    lossStreak = pnl < 0 ? lossStreak + 1 : 0;
    int limit = breakers.consecutiveLosses();
    if (limit > 0 && lossStreak >= limit) {
      pauseUntilMs = now + breakers.pauseMinutes() * MINUTE_MS;
      lossStreak = 0;
      event(
          now,
          "breaker_tripped",
          "consecutive_losses",
          symbol.apiSymbol(),
          limit + " losing trades in a row: paused until " + Times.iso(pauseUntilMs));
    }
  }

  /** The venue answered ({@code true}) or could not be reached ({@code false}) at {@code now}. */
  public synchronized void venueReachable(boolean reachable, long now) {
    kernelTime.advance(now);
    if (reachable) {
      if (venueDownSinceMs != Long.MIN_VALUE) {
        event(now, "venue_recovered", "venue_unreachable", null, "venue reachable again");
      }
      venueDownSinceMs = Long.MIN_VALUE;
      String key = key("venue_unreachable", null);
      if (active.containsKey(key)) {
        resolve(key, now);
      }
    } else if (venueDownSinceMs == Long.MIN_VALUE) {
      venueDownSinceMs = now;
      event(now, "venue_unreachable", "venue_unreachable", null, "venue did not answer");
      raise(
          now,
          AlertSeverity.CRITICAL,
          "venue_unreachable",
          null,
          "venue unreachable: no new orders after " + breakers.venueUnreachableMs() / 1000 + " s",
          0,
          breakers.venueUnreachableMs() / 1000.0);
    }
  }

  /**
   * The outcome of a reconciliation with the venue at {@code now}. A mismatch records a {@code
   * reconciliation_mismatch} event and raises (or keeps, de-duplicated) a warning alert on the rule
   * {@code venue_reconciliation}; {@code adopted} says the kernel took the venue's state as truth
   * and makes the alert critical. A consistent result resolves the alert.
   *
   * @param mismatches how many differences were found (0 = consistent)
   * @param detail what differed, for the event and the alert message
   */
  public synchronized void reconciled(int mismatches, boolean adopted, String detail, long now) {
    kernelTime.advance(now);
    String key = key("venue_reconciliation", null);
    if (mismatches == 0) {
      if (active.containsKey(key)) {
        resolve(key, now);
        event(now, "reconciliation_ok", "venue_reconciliation", null, detail);
      }
      return;
    }
    event(now, "reconciliation_mismatch", "venue_reconciliation", null, detail);
    raise(
        now,
        adopted ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
        "venue_reconciliation",
        null,
        (adopted ? "venue state adopted: " : "venue differs from the journal: ") + detail,
        mismatches,
        0);
  }

  private boolean venueDown(long now) {
    return venueDownSinceMs != Long.MIN_VALUE
        && breakers.venueUnreachableMs() > 0
        && now - venueDownSinceMs >= breakers.venueUnreachableMs();
  }

  /**
   * Why trading is halted at {@code now} (rebalances are skipped and risk-increasing orders
   * rejected), or empty.
   */
  public synchronized Optional<String> haltReason(long now) {
    EmergencyStop stop = emergency;
    if (stop != null && stop.active()) {
      return Optional.of("emergency_stop");
    }
    if (drawdownHalted) {
      return Optional.of("max_drawdown_halt");
    }
    if (dailyLossHalted) {
      return Optional.of("daily_loss");
    }
    if (now < pauseUntilMs) {
      return Optional.of("consecutive_losses");
    }
    if (venueDown(now)) {
      return Optional.of("venue_unreachable");
    }
    return Optional.empty();
  }

  /** True while the emergency stop is active (read without locking). */
  public boolean emergencyStopped() {
    EmergencyStop stop = emergency;
    return stop != null && stop.active();
  }

  /** Records that a rebalance was skipped because trading is halted. */
  public synchronized void rebalanceBlocked(long now, String reason) {
    kernelTime.advance(now);
    event(now, "rebalance_blocked", reason, null, "rebalance skipped: trading halted by " + reason);
  }

  private void rollDay(long now, double equity) {
    long d = Math.floorDiv(now, Times.DAY_MS);
    if (d != day) {
      day = d;
      dayStartEquity = equity;
      dayTurnover = 0;
      if (dailyLossHalted) {
        dailyLossHalted = false;
        event(now, "breaker_reset", "daily_loss", null, "new UTC day");
      }
    }
  }

  // ---------------------------------------------------------------- operator controls

  /**
   * Stops all trading at once: it binds the very next order check, then is persisted before this
   * returns (if persisting throws, trading stays stopped in this process).
   */
  public EmergencyStop emergencyStop(String reason, String operator) {
    EmergencyStop stop = new EmergencyStop(true, reason, operator, wallClock.getAsLong());
    emergency = stop; // binds the next check even if persisting fails below
    store.saveEmergencyStop(stop);
    synchronized (this) {
      kernelTime.at(
          t -> {
            raise(
                t,
                AlertSeverity.CRITICAL,
                "emergency_stop",
                null,
                "emergency stop by " + operator + ": " + reason,
                1,
                0);
            event(t, "emergency_stop", "emergency_stop", null, operator + ": " + reason);
          });
      status = evaluate(lastReading);
    }
    publish();
    return stop;
  }

  /**
   * Lifts the emergency stop and every latched halt (drawdown: the peak restarts at the current
   * equity; daily loss; loss-streak pause). Persisted before it returns.
   */
  public EmergencyStop resume(String reason, String operator) {
    EmergencyStop released = new EmergencyStop(false, reason, operator, wallClock.getAsLong());
    store.saveEmergencyStop(released);
    emergency = released;
    synchronized (this) {
      drawdownHalted = false;
      dailyLossHalted = false;
      pauseUntilMs = Long.MIN_VALUE;
      peakEquity = lastReading == null ? Double.NaN : lastReading.equity();
      String key = key("emergency_stop", null);
      kernelTime.at(
          t -> {
            if (active.containsKey(key)) {
              resolve(key, t);
            }
            event(t, "resumed", null, null, operator + ": " + reason);
          });
      status = evaluate(lastReading);
    }
    publish();
    return released;
  }

  /** Disables (or re-enables) one symbol; persisted before it returns. */
  public SymbolControl setSymbolEnabled(
      InstrumentId symbol, boolean enabled, String reason, String operator) {
    SymbolControl c = new SymbolControl(symbol, enabled, reason, operator, wallClock.getAsLong());
    store.saveSymbolControl(c);
    if (enabled) {
      disabled.remove(symbol);
    } else {
      disabled.put(symbol, c);
    }
    synchronized (this) {
      kernelTime.at(
          t ->
              event(
                  t,
                  enabled ? "symbol_enabled" : "symbol_disabled",
                  "symbol_disabled",
                  symbol.apiSymbol(),
                  operator + ": " + reason));
      status = evaluate(lastReading);
    }
    publish();
    return c;
  }

  /** The control of {@code symbol} when it is disabled. */
  public Optional<SymbolControl> disabledControl(InstrumentId symbol) {
    return Optional.ofNullable(disabled.get(symbol));
  }

  // ---------------------------------------------------------------- status and alerts

  /** The rule levels (and halts) packed in an int, two bits each: cheap change detection. */
  private int levels(PortfolioReading r, double drawdown) {
    double warn = config.warningRatio();
    double equity = r.equity();
    double gross = equity > 0 ? (r.longNotional() + r.shortNotional()) / equity : 0;
    double largest = equity > 0 ? r.largestPosition() / equity : 0;
    double turnover = dayStartEquity > 0 ? dayTurnover / dayStartEquity : 0;
    double loss = dayStartEquity > 0 ? Math.max(0, 1 - equity / dayStartEquity) : 0;
    int reserve =
        equity < limits.minBalanceReserve()
            ? 2
            : equity * warn < limits.minBalanceReserve() ? 1 : 0;
    int packed = RuleStatus.upper(largest, limits.maxPositionPct(), warn).ordinal();
    packed = packed << 2 | RuleStatus.upper(gross, limits.maxTotalExposure(), warn).ordinal();
    packed = packed << 2 | RuleStatus.upper(drawdown, limits.maxDrawdownHalt(), warn).ordinal();
    packed = packed << 2 | reserve;
    packed = packed << 2 | RuleStatus.upper(turnover, limits.maxDailyTurnover(), warn).ordinal();
    double lossLimit = Double.POSITIVE_INFINITY;
    if (breakers.dailyLossPct() > 0) {
      lossLimit = breakers.dailyLossPct();
    } else if (breakers.dailyLossR() > 0) {
      loss = Math.max(0, dayStartEquity - equity);
      lossLimit = breakers.dailyLossR() * breakers.riskUnit();
    }
    packed = packed << 2 | RuleStatus.upper(loss, lossLimit, warn).ordinal();
    double streakLimit =
        breakers.consecutiveLosses() > 0 ? breakers.consecutiveLosses() : Double.POSITIVE_INFINITY;
    packed = packed << 2 | RuleStatus.upper(lossStreak, streakLimit, warn).ordinal();
    packed = packed << 1 | (drawdownHalted ? 1 : 0);
    packed = packed << 1 | (dailyLossHalted ? 1 : 0);
    packed = packed << 1 | (r.timeMs() < pauseUntilMs ? 1 : 0);
    return packed << 1 | (emergencyStopped() ? 1 : 0);
  }

  private RiskStatus evaluate(PortfolioReading r) {
    double warn = config.warningRatio();
    List<RuleStatus> rules = new ArrayList<>();
    double equity = r == null ? Double.NaN : r.equity();
    double positionPct = r == null || !(equity > 0) ? 0 : r.largestPosition() / equity;
    double longPct = r == null || !(equity > 0) ? 0 : r.longNotional() / equity;
    double shortPct = r == null || !(equity > 0) ? 0 : r.shortNotional() / equity;
    double drawdown = r == null || !(peakEquity > 0) ? 0 : Math.max(0, 1 - r.equity() / peakEquity);
    rules.add(
        new RuleStatus(
            "max_position_pct",
            "Largest position as a share of equity",
            limits.maxPositionPct(),
            positionPct,
            RuleStatus.upper(positionPct, limits.maxPositionPct(), warn),
            r == null ? null : r.largestSymbol(),
            null));
    rules.add(
        new RuleStatus(
            "max_total_exposure",
            "Gross exposure as a multiple of equity",
            limits.maxTotalExposure(),
            longPct + shortPct,
            RuleStatus.upper(longPct + shortPct, limits.maxTotalExposure(), warn),
            null,
            String.format(java.util.Locale.ROOT, "long=%.2f, short=%.2f", longPct, shortPct)));
    rules.add(
        new RuleStatus(
            "max_drawdown_halt",
            "Drawdown from the equity peak",
            limits.maxDrawdownHalt(),
            drawdown,
            drawdownHalted
                ? RuleStatus.Level.VIOLATED
                : RuleStatus.upper(drawdown, limits.maxDrawdownHalt(), warn),
            null,
            drawdownHalted ? "halted until an operator resumes trading" : null));
    RuleStatus.Level reserveLevel = RuleStatus.Level.OK;
    if (r != null && equity < limits.minBalanceReserve()) {
      reserveLevel = RuleStatus.Level.VIOLATED;
    } else if (r != null && equity * warn < limits.minBalanceReserve()) {
      reserveLevel = RuleStatus.Level.WARNING;
    }
    rules.add(
        new RuleStatus(
            "min_balance_reserve",
            "Minimum equity kept",
            limits.minBalanceReserve(),
            r == null ? 0 : equity,
            reserveLevel,
            null,
            null));
    double turnover = dayStartEquity > 0 ? dayTurnover / dayStartEquity : 0;
    rules.add(
        new RuleStatus(
            "max_daily_turnover",
            "Submitted notional today as a multiple of the day's opening equity",
            limits.maxDailyTurnover(),
            turnover,
            RuleStatus.upper(turnover, limits.maxDailyTurnover(), warn),
            null,
            null));
    if (breakers.dailyLossPct() > 0 || breakers.dailyLossR() > 0) {
      boolean inPct = breakers.dailyLossPct() > 0;
      double loss = r == null || !(dayStartEquity > 0) ? 0 : Math.max(0, dayStartEquity - equity);
      double value = inPct ? (dayStartEquity > 0 ? loss / dayStartEquity : 0) : loss;
      double limit = inPct ? breakers.dailyLossPct() : breakers.dailyLossR() * breakers.riskUnit();
      rules.add(
          new RuleStatus(
              "daily_loss",
              inPct
                  ? "Loss since the start of the UTC day (fraction of equity)"
                  : "Loss since the start of the UTC day (USDT; limit = daily_loss_r x risk_unit)",
              limit,
              value,
              dailyLossHalted ? RuleStatus.Level.VIOLATED : RuleStatus.upper(value, limit, warn),
              null,
              null));
    }
    if (breakers.consecutiveLosses() > 0) {
      boolean paused = r != null && r.timeMs() < pauseUntilMs;
      rules.add(
          new RuleStatus(
              "consecutive_losses",
              "Losing trades in a row",
              breakers.consecutiveLosses(),
              lossStreak,
              paused
                  ? RuleStatus.Level.VIOLATED
                  : RuleStatus.upper(lossStreak, breakers.consecutiveLosses(), warn),
              null,
              paused ? "paused until " + Times.iso(pauseUntilMs) : null));
    }
    long now = r == null ? 0 : r.timeMs();
    if (r != null) { // without a reading (just opened) the restored alerts stay as they are
      for (RuleStatus rule : rules) {
        alertOn(rule, now);
      }
    }
    List<String> halts = new ArrayList<>();
    haltReason(now).ifPresent(halts::add);
    boolean anyWarning = rules.stream().anyMatch(x -> x.level() != RuleStatus.Level.OK);
    RiskStatus.Overall overall =
        !halts.isEmpty()
            ? RiskStatus.Overall.HALTED
            : anyWarning ? RiskStatus.Overall.WARNING : RiskStatus.Overall.NORMAL;
    List<String> off =
        new ArrayList<>(
            new TreeSet<>(disabled.keySet().stream().map(InstrumentId::apiSymbol).toList()));
    return new RiskStatus(
        overall, halts.isEmpty(), limits.dryRun(), emergency, halts, rules, off, now);
  }

  private void alertOn(RuleStatus rule, long now) {
    if (rule.ruleName().equals("max_drawdown_halt") && now == 0) {
      return; // no reading yet
    }
    String key = key(rule.ruleName(), null);
    if (rule.level() == RuleStatus.Level.OK) {
      if (active.containsKey(key)) {
        resolve(key, now);
      }
      return;
    }
    AlertSeverity severity =
        rule.level() == RuleStatus.Level.VIOLATED ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
    String message =
        rule.displayName()
            + (rule.level() == RuleStatus.Level.VIOLATED ? " at limit: " : " near limit: ")
            + fmt(rule.currentValue())
            + " / "
            + fmt(rule.threshold());
    raise(now, severity, rule.ruleName(), null, message, rule.currentValue(), rule.threshold());
  }

  private void raise(
      long now,
      AlertSeverity severity,
      String rule,
      String symbol,
      String message,
      double value,
      double threshold) {
    String key = key(rule, symbol);
    Alert existing = active.get(key);
    if (existing != null) {
      if (existing.severity() == severity) {
        return; // de-duplicated while the condition persists
      }
      resolve(key, now);
    }
    Alert alert =
        new Alert(
            alertId(now, key, severity),
            severity,
            rule,
            symbol,
            message,
            value,
            threshold,
            now,
            null);
    active.put(key, alert);
    store.saveAlert(alert);
  }

  private void resolve(String key, long now) {
    Alert a = active.remove(key);
    if (a != null) {
      store.saveAlert(a.resolve(now));
    }
  }

  private void event(long now, String kind, String rule, String symbol, String detail) {
    store.recordEvent(new RiskEvent(now, kind, rule, symbol, detail));
  }

  private static String key(String rule, String symbol) {
    return symbol == null ? rule : rule + "|" + symbol;
  }

  /** {@code alt-yyyyMMdd-HHmmss-<6 hex of rule, symbol and severity>}: stable across a replay. */
  static String alertId(long timeMs, String key, AlertSeverity severity) {
    String iso = Times.iso(timeMs);
    String stamp =
        iso.substring(0, 10).replace("-", "") + "-" + iso.substring(11, 19).replace(":", "");
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((key + "|" + severity.code()).getBytes(StandardCharsets.UTF_8));
      return "alt-" + stamp + "-" + HexFormat.of().formatHex(h, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private void publish() {
    RiskStatus s;
    synchronized (this) {
      s = status;
    }
    publisher.accept(s);
  }

  /**
   * The latest status. With a subscriber ({@link #publishTo}) it is rebuilt at every observation;
   * without one (backtests) only when a rule changes level, so its values may lag in between.
   */
  public synchronized RiskStatus status() {
    return status;
  }

  /** The configuration. */
  public RiskConfig config() {
    return config;
  }

  /** The store of alerts and events. */
  public RiskStore store() {
    return store;
  }

  // ---------------------------------------------------------------- checkpoint state

  /** The engine's state as kernel cursor entries (committed with each checkpoint). */
  public synchronized Map<String, String> exportState() {
    Map<String, String> m = new LinkedHashMap<>();
    if (!Double.isNaN(peakEquity)) {
      m.put(CURSOR_PREFIX + "peak_equity", Double.toString(peakEquity));
    }
    if (day != Long.MIN_VALUE) {
      m.put(CURSOR_PREFIX + "day", Long.toString(day));
      m.put(CURSOR_PREFIX + "day_start_equity", Double.toString(dayStartEquity));
      m.put(CURSOR_PREFIX + "day_turnover", Double.toString(dayTurnover));
    }
    m.put(CURSOR_PREFIX + "drawdown_halted", Boolean.toString(drawdownHalted));
    m.put(CURSOR_PREFIX + "daily_loss_halted", Boolean.toString(dailyLossHalted));
    m.put(CURSOR_PREFIX + "pause_until", Long.toString(pauseUntilMs));
    m.put(CURSOR_PREFIX + "loss_streak", Integer.toString(lossStreak));
    return m;
  }

  /** Restores what {@link #exportState()} wrote; missing keys keep their initial values. */
  public synchronized void restoreState(Map<String, String> cursor) {
    String p = CURSOR_PREFIX;
    if (cursor.containsKey(p + "peak_equity")) {
      peakEquity = Double.parseDouble(cursor.get(p + "peak_equity"));
    }
    if (cursor.containsKey(p + "day")) {
      day = Long.parseLong(cursor.get(p + "day"));
      dayStartEquity = Double.parseDouble(cursor.get(p + "day_start_equity"));
      dayTurnover = Double.parseDouble(cursor.get(p + "day_turnover"));
    }
    drawdownHalted = Boolean.parseBoolean(cursor.getOrDefault(p + "drawdown_halted", "false"));
    dailyLossHalted = Boolean.parseBoolean(cursor.getOrDefault(p + "daily_loss_halted", "false"));
    pauseUntilMs = Long.parseLong(cursor.getOrDefault(p + "pause_until", "" + Long.MIN_VALUE));
    lossStreak = Integer.parseInt(cursor.getOrDefault(p + "loss_streak", "0"));
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }

  private static String pct(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f%%", 100 * v);
  }
}
