package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowListener;
import io.perpetua.trading.flow.PositionSnapshot;
import io.perpetua.trading.flow.StrategyKey;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PortfolioReading;
import io.perpetua.trading.risk.PreTradeGuard;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.MakerFirstVenue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order-flow engine's live executor (spec {@code orderflow-and-arbitrage.md} §4.1, §6): a
 * {@link FlowListener} that mirrors the paper engine's decisions as real orders through the {@link
 * io.perpetua.trading.port.Venue} port, and books what the venue fills.
 *
 * <ul>
 *   <li><b>Position opened</b> → an entry of the paper quantity rounded toward zero to the venue's
 *       step (skipped, with the reason, below the step or the minimum notional): through {@link
 *       MakerFirstVenue} when configured (post-only limit, reprice, market fallback), else market.
 *   <li><b>Exits</b> ({@link ExitMachine}): with maker-first on, once the entry has ended its fills
 *       rest as two reduce-only post-only TP limits (TP1, TP2 halves); a TP the paper engine hits
 *       that the venue has not filled after {@code tp_timeout_ms} is cancelled and its rest closed
 *       at market; a stop or a flip cancels the TP limits and closes at market; a timeout rests a
 *       limit at the price, then market after {@code timeout_grace_ms}. Without maker-first, TP1
 *       and the close are market orders when the paper engine decides them. Exits are reduce-only
 *       when they reduce the account's net position (the venue nets every strategy of a symbol in
 *       one-way mode; an exit that would not reduce the net goes without the flag). An exit decided
 *       while the entry is still working first cancels the entry, then closes what it filled.
 *   <li><b>Entry cancelled</b> (maker simulation) → nothing: only opened positions are mirrored.
 * </ul>
 *
 * <p>Client order ids are {@code ClientOrderIds.derive(strategy, position id, name)} ({@code
 * entry}, {@code tp1}, {@code tp2}, {@code timeout}, {@code tp1-mkt}, {@code tp2-mkt}, {@code
 * exit}; a retry appends {@code -2}, {@code -3}), so a decision replayed after a restart meets the
 * venue's duplicate-id refusal instead of doubling an order; a repeated decision for a position
 * already mirrored is ignored here. Every order first passes the operator controls and the {@link
 * RiskEngine} with an {@link OrderContext} built from this executor's own venue-confirmed positions
 * and working orders and its equity (capital + realised − fees + unrealised); a rejection is
 * recorded with its rule and never sent. With {@code risk.dry_run} on, nothing is sent at all.
 *
 * <p>Venue unreachable: the probe ({@link FlowLiveSettings#probeIntervalMs()}) tells the risk
 * engine, which refuses new entries once the venue has been unreachable for its configured time;
 * orders sent meanwhile are recorded as the venue answers them (rejected, or settled by {@link
 * FlowLiveVenue#reconcile()} when it is reachable again). A failed market exit is retried at the
 * next probe that reaches the venue, at most {@link FlowLiveSettings#maxExitAttempts()} orders per
 * leg, then given up and counted; a cancel the venue has not confirmed is sent again at each probe.
 * Nothing is dropped silently.
 *
 * <p>Threads: the listener methods only queue work, so the engine's thread never waits for the
 * venue; one executor thread owns the state (decisions, venue callbacks and the exit timers'
 * expiries in arrival order); probes run on their own thread. Reads ({@link #orders}, {@link
 * #positions}, {@link #kpis}) are thread-safe snapshots. Times given to the risk engine are the
 * engine's event times ({@link #onPrice}).
 */
public final class FlowLiveExecutor implements FlowListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowLiveExecutor.class);

  private final FlowLiveVenue ports;
  private final Map<InstrumentId, Instrument> instruments;
  private final RiskEngine risk;
  private final PreTradeGuard controls;
  private final FlowLiveSettings settings;
  private final ScheduledExecutorService worker;
  private final FlowLiveTimer timer;
  private final ExitMachine exits;
  private final ScheduledExecutorService prober;
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();

  /** Counts every order sent and every venue answer processed (probe consistency). */
  private final AtomicLong activity = new AtomicLong();

  private final Map<InstrumentId, Mark> marks = new ConcurrentHashMap<>();
  private volatile long nowMs;

  // guarded by this; changed on the worker thread only
  private final Map<String, Mirror> mirrors = new HashMap<>();
  private final Map<ClientOrderId, Tracked> orders = new LinkedHashMap<>();
  private final Map<StrategyKey, LiveBook> books = new LinkedHashMap<>();
  private boolean reachable = true;
  private String venueError;
  private long probes;
  private long mismatchedProbes;
  private String lastMismatch;
  private String pendingMismatch;
  private long duplicates;
  private long unmirrored;
  private long givenUp;

  private record Mark(double price, long timeMs) {}

  /**
   * An executor; the platform probes the venue every {@link FlowLiveSettings#probeIntervalMs()}
   * when {@code ports} has an account view.
   *
   * @param ports the venue, maker-first execution (optional), the account view (optional)
   * @param instruments the venue's instruments (step, tick, minimum notional)
   * @param risk this account's risk engine (limits, breakers, venue reachability)
   * @param controls checks run before {@code risk} (e.g. the platform's operator controls, {@link
   *     RiskEngine#operatorControls()}); may be null
   */
  public FlowLiveExecutor(
      FlowLiveVenue ports,
      Map<InstrumentId, Instrument> instruments,
      RiskEngine risk,
      PreTradeGuard controls,
      FlowLiveSettings settings) {
    this(ports, instruments, risk, controls, settings, null);
  }

  /**
   * An executor whose exit timers ({@code tp_timeout_ms}, {@code timeout_grace_ms}) run on {@code
   * timer} (null: the executor's own thread, wall clock).
   */
  public FlowLiveExecutor(
      FlowLiveVenue ports,
      Map<InstrumentId, Instrument> instruments,
      RiskEngine risk,
      PreTradeGuard controls,
      FlowLiveSettings settings,
      FlowLiveTimer timer) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.instruments = Map.copyOf(instruments);
    this.risk = Objects.requireNonNull(risk, "risk");
    this.controls = controls == null ? (o, i, c) -> Optional.empty() : controls;
    this.settings = Objects.requireNonNull(settings, "settings");
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(1, r -> daemon(r, "flow-live"));
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.worker = pool;
    this.timer =
        timer != null ? timer : (task, delayMs) -> schedule(task, delayMs, TimeUnit.MILLISECONDS);
    this.exits =
        new ExitMachine(new Steps(), this.instruments, settings, ports.makerFirst() != null);
    ports.entries().setListener(new Inbound());
    if (ports.account() != null) {
      prober = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "flow-live-probe"));
      prober.scheduleWithFixedDelay(
          this::probeNow,
          settings.probeIntervalMs(),
          settings.probeIntervalMs(),
          TimeUnit.MILLISECONDS);
    } else {
      prober = null;
    }
  }

  private void schedule(Runnable task, long delay, TimeUnit unit) {
    try {
      worker.schedule(task, delay, unit);
    } catch (RejectedExecutionException e) {
      LOG.debug("flow live: closed; a timer was not set");
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * The latest price of {@code instrument} at event time {@code timeMs}: the mark of the risk
   * checks and of the unrealised pnl, and the executor's clock. Called by the tick feed before the
   * engine sees the tick.
   */
  public void onPrice(InstrumentId instrument, double price, long timeMs) {
    if (price > 0 && Double.isFinite(price)) {
      marks.put(instrument, new Mark(price, timeMs));
      if (timeMs > nowMs) {
        nowMs = timeMs;
      }
    }
  }

  // ------------------------------------------------------------------ engine decisions

  @Override
  public void onPositionOpened(PositionSnapshot position) {
    post(() -> open(position));
  }

  @Override
  public void onPositionUpdated(PositionSnapshot position) {
    post(
        () -> {
          Mirror m = mirror(position.id());
          if (m != null && position.remaining() < position.quantity()) {
            exits.tp1Hit(m, position.lastExitPrice());
            exits.advance(m);
          }
        });
  }

  @Override
  public void onTradeClosed(ClosedFlowTrade trade) {
    post(
        () -> {
          Mirror m = mirror(trade.id());
          if (m != null) {
            exits.closed(m, trade.status(), trade.exitPrice());
            exits.advance(m);
          }
        });
  }

  private Mirror mirror(String positionId) {
    Mirror m = mirrors.get(positionId);
    if (m == null) {
      unmirrored++;
      LOG.info("flow live: {} was not entered by this process: nothing to close", positionId);
    }
    return m;
  }

  private void open(PositionSnapshot s) {
    if (mirrors.containsKey(s.id())) {
      duplicates++;
      LOG.info("flow live: {} is already mirrored: the repeated decision is ignored", s.id());
      return;
    }
    Mirror m = new Mirror(s.id(), new StrategyKey(s.strategyId(), s.instrument()), s.direction());
    m.tp1.level = s.tp1();
    m.tp2.level = s.tp2();
    mirrors.put(s.id(), m);
    OrderSide side = s.direction() == FlowDirection.LONG ? OrderSide.BUY : OrderSide.SELL;
    m.entryId = idOf(m, FlowLiveLeg.ENTRY.code(), 1);
    Instrument inst = instruments.get(s.instrument());
    if (inst == null) {
      skip(m, side, BigDecimal.ZERO, s.entryPrice(), s.instrument() + " is not listed");
      return;
    }
    Quantity qty = inst.quantityToward0(s.quantity());
    Mark mark = marks.get(s.instrument());
    double price = mark != null ? mark.price() : s.entryPrice();
    Money notional = Money.notional(inst.price(price), qty);
    if (qty.signum() <= 0 || notional.compareTo(inst.minNotional()) < 0) {
      skip(
          m,
          side,
          qty.toBigDecimal(),
          s.entryPrice(),
          "below the venue's minimum: "
              + s.quantity()
              + " rounds to "
              + qty
              + " (step "
              + inst.stepSize()
              + "), notional "
              + notional
              + " (min "
              + inst.minNotional()
              + ")");
      return;
    }
    send(m, FlowLiveLeg.ENTRY, FlowLiveLeg.ENTRY.code(), 1, side, qty, null, false, s.entryPrice());
  }

  private void skip(Mirror m, OrderSide side, BigDecimal qty, double paperPrice, String why) {
    skip(m, FlowLiveLeg.ENTRY, side, qty, paperPrice, why);
  }

  private void skip(
      Mirror m, FlowLiveLeg leg, OrderSide side, BigDecimal qty, double paperPrice, String why) {
    Tracked t =
        new Tracked(idOf(m, leg.code(), 1), m, leg, 1, side, qty, false, null, paperPrice, nowMs);
    t.end(FlowLiveOrderStatus.SKIPPED, why, nowMs);
    orders.putIfAbsent(t.id, t);
    LOG.info("flow live: {} of {} skipped: {}", leg.code(), m.id, why);
  }

  /** True when selling (buying) {@code qty} reduces the account's net position in the symbol. */
  private boolean reducesNet(InstrumentId symbol, OrderSide side, BigDecimal qty) {
    BigDecimal net = BigDecimal.ZERO;
    for (Map.Entry<StrategyKey, LiveBook> e : books.entrySet()) {
      if (e.getKey().instrument().equals(symbol)) {
        net = net.add(e.getValue().quantity);
      }
    }
    BigDecimal reducing = side == OrderSide.SELL ? net : net.negate();
    for (Tracked t : orders.values()) {
      if (t.reduceOnly && t.side == side && !t.status.terminal()) {
        reducing = reducing.subtract(t.remaining());
      }
    }
    return reducing.compareTo(qty) >= 0;
  }

  private static ClientOrderId idOf(Mirror m, String name, int attempt) {
    return ClientOrderIds.derive(
        m.key.strategyId(), m.id, attempt == 1 ? name : name + "-" + attempt);
  }

  private Tracked send(
      Mirror m,
      FlowLiveLeg leg,
      String name,
      int attempt,
      OrderSide side,
      Quantity qty,
      Price limit,
      boolean reduceOnly,
      double paperPrice) {
    boolean entry = leg == FlowLiveLeg.ENTRY;
    Order order =
        new Order(
            idOf(m, name, attempt),
            m.key.instrument(),
            side,
            limit == null ? OrderType.MARKET : OrderType.LIMIT,
            qty,
            limit,
            reduceOnly,
            m.key.strategyId(),
            null,
            nowMs);
    ClientOrderId fallback =
        entry && ports.makerFirst() != null ? MakerFirstVenue.fallbackId(order) : null;
    Tracked t =
        new Tracked(
            order.clientOrderId(),
            m,
            leg,
            attempt,
            side,
            qty.toBigDecimal(),
            reduceOnly,
            fallback,
            paperPrice,
            nowMs);
    t.limitPrice = limit;
    Optional<String> refused = riskCheck(order); // before the order counts as working
    orders.put(t.id, t);
    if (refused.isPresent()) {
      t.end(FlowLiveOrderStatus.RISK_REJECTED, refused.get(), nowMs);
      LOG.info("flow live: {} {} of {} not sent: {}", leg.code(), t.id, m.id, refused.get());
      return t;
    }
    books.computeIfAbsent(m.key, k -> new LiveBook()).orders++;
    activity.incrementAndGet();
    (entry ? ports.entries() : ports.venue()).submit(order);
    return t;
  }

  private Optional<String> riskCheck(Order order) {
    if (risk.config().limits().dryRun()) {
      return Optional.of("dry_run: risk.dry_run is on, no order may reach a venue");
    }
    Instrument inst = instruments.get(order.instrument());
    OrderContext ctx = context(order, inst);
    Optional<PreTradeGuard.Rejection> r = controls.check(order, inst, ctx);
    if (r.isEmpty()) {
      r = risk.check(order, inst, ctx);
    }
    return r.map(x -> x.rule() + ": " + x.reason());
  }

  /**
   * The order against this account: venue-confirmed positions plus working orders that may add to
   * them, at the marks. Working reduce-only orders (resting TP limits) are left out: they may never
   * fill, and counting them would let new risk in against exposure that is still there.
   */
  private OrderContext context(Order order, Instrument inst) {
    Map<InstrumentId, BigDecimal> exposure = new HashMap<>();
    books.forEach((k, b) -> exposure.merge(k.instrument(), b.quantity, BigDecimal::add));
    for (Tracked t : orders.values()) {
      if (t.status.sent() && !t.status.terminal() && !t.reduceOnly) {
        BigDecimal rest = t.side == OrderSide.BUY ? t.remaining() : t.remaining().negate();
        exposure.merge(t.key.instrument(), rest, BigDecimal::add);
      }
    }
    double gross = 0;
    for (Map.Entry<InstrumentId, BigDecimal> e : exposure.entrySet()) {
      gross += Math.abs(e.getValue().doubleValue() * markOf(e.getKey()));
    }
    Mark mark = marks.get(order.instrument());
    double price = mark == null ? Double.NaN : mark.price();
    double before =
        exposure.getOrDefault(order.instrument(), BigDecimal.ZERO).doubleValue() * price;
    double after = before + order.signedQuantity().toDouble() * price;
    double grossAfter = gross - Math.abs(before) + Math.abs(after);
    long markTime = mark == null ? nowMs : mark.timeMs();
    // the risk engine checks in fixed point: the doubles of this executor convert at its edge
    return new OrderContext(
        price > 0 && inst != null ? inst.price(price) : null,
        markTime,
        nowMs,
        money(equity()),
        money(before),
        money(after),
        money(gross),
        money(grossAfter));
  }

  private static io.perpetua.core.Money money(double value) {
    return Double.isFinite(value) ? io.perpetua.core.Money.of(value) : io.perpetua.core.Money.ZERO;
  }

  private double markOf(InstrumentId instrument) {
    Mark m = marks.get(instrument);
    return m == null ? 0 : m.price();
  }

  private double equity() {
    double e = settings.capital();
    for (Map.Entry<StrategyKey, LiveBook> en : books.entrySet()) {
      LiveBook b = en.getValue();
      e += b.realized - b.fees + b.unrealized(markOf(en.getKey().instrument()));
    }
    return e;
  }

  // ------------------------------------------------------------------ venue callbacks

  /** The venue's answers, queued onto the executor's thread. */
  private final class Inbound implements VenueListener {
    @Override
    public void onAccepted(Order order, long timeMs) {
      post(
          () -> {
            Tracked t = orders.get(order.clientOrderId());
            if (t != null && t.status == FlowLiveOrderStatus.SUBMITTED) {
              t.status = FlowLiveOrderStatus.WORKING;
              t.updatedMs = timeMs;
            }
          });
    }

    @Override
    public void onFill(Fill fill) {
      post(() -> filled(fill));
    }

    @Override
    public void onRejected(Order order, String reason, long timeMs) {
      post(() -> ended(order.clientOrderId(), FlowLiveOrderStatus.REJECTED, reason, timeMs));
    }

    @Override
    public void onCancelled(ClientOrderId clientOrderId, long timeMs) {
      post(() -> ended(clientOrderId, FlowLiveOrderStatus.CANCELLED, null, timeMs));
    }
  }

  private void filled(Fill f) {
    Tracked t = orders.get(f.clientOrderId());
    if (t == null) {
      LOG.warn("flow live: fill {} of unknown order {} ignored", f.tradeId(), f.clientOrderId());
      return;
    }
    if (!t.trades.add(f.tradeId())) {
      return; // a repeated report of the same trade
    }
    activity.incrementAndGet();
    BigDecimal q = f.quantity().toBigDecimal();
    double price = f.price().toDouble();
    double fee = f.fee().toDouble();
    boolean maker = f.liquidity() == Liquidity.MAKER;
    t.filled = t.filled.add(q);
    t.notional += price * q.doubleValue();
    t.fees += fee;
    t.makerQuantity += maker ? q.doubleValue() : 0;
    t.updatedMs = f.timeMs();
    if (t.status == FlowLiveOrderStatus.SUBMITTED) {
      t.status = FlowLiveOrderStatus.WORKING;
    }
    if (t.remaining().signum() <= 0) {
      t.status = FlowLiveOrderStatus.FILLED;
    }
    LiveBook book = books.computeIfAbsent(t.key, k -> new LiveBook());
    book.apply(f.side(), q, price, fee, maker, t.paperPrice);
    Mirror m = mirrors.get(t.positionId);
    if (t.leg == FlowLiveLeg.ENTRY) {
      m.entryFilled = m.entryFilled.add(q);
      m.entryNotional += price * q.doubleValue();
    } else {
      m.exitFilled = m.exitFilled.add(q);
      m.exitNotional += price * q.doubleValue();
      m.legFilled.merge(t.leg, q, BigDecimal::add);
    }
    m.fees += fee;
    exits.advance(m);
    observe();
  }

  private void ended(ClientOrderId id, FlowLiveOrderStatus status, String reason, long timeMs) {
    Tracked t = orders.get(id);
    if (t == null) {
      return;
    }
    Mirror m = mirrors.get(t.positionId);
    String why = reason;
    if (status == FlowLiveOrderStatus.CANCELLED) {
      why =
          t.cancelReason != null
              ? t.cancelReason
              : t.leg == FlowLiveLeg.ENTRY && m.cancelRequested
                  ? "the paper trade closed before the entry filled"
                  : t.fallbackId != null
                      ? "maker-first: limit ended, the price moved too far for the market fallback"
                      : "cancelled by the venue";
    }
    if (!t.end(status, why, timeMs)) {
      return;
    }
    activity.incrementAndGet();
    if (t.exitLimit()) {
      RestingLeg leg = ExitMachine.legOf(m, t.leg);
      if (leg != null && t.cancelReason == null && leg.note == null) {
        leg.note = status.code() + ": " + why; // no limit rests for it any more
      }
    } else if (t.leg != FlowLiveLeg.ENTRY) {
      m.retryBlocked = true; // retried at the next probe that reaches the venue
    }
    LOG.info("flow live: {} {} of {} {}: {}", t.leg.code(), id, m.id, status.code(), why);
    exits.advance(m);
  }

  /** The executor's side of the {@link ExitMachine}. */
  private final class Steps implements ExitMachine.Port {
    @Override
    public Tracked order(ClientOrderId id) {
      return id == null ? null : orders.get(id);
    }

    @Override
    public Tracked send(
        Mirror m,
        FlowLiveLeg leg,
        String name,
        int attempt,
        OrderSide side,
        Quantity qty,
        Price limit,
        boolean reduceOnly,
        double paperPrice) {
      return FlowLiveExecutor.this.send(
          m, leg, name, attempt, side, qty, limit, reduceOnly, paperPrice);
    }

    @Override
    public void skip(
        Mirror m, FlowLiveLeg leg, OrderSide side, BigDecimal qty, double paper, String why) {
      FlowLiveExecutor.this.skip(m, leg, side, qty, paper, why);
    }

    @Override
    public void cancel(Tracked t) {
      activity.incrementAndGet();
      (t.leg == FlowLiveLeg.ENTRY ? ports.entries() : ports.venue()).cancel(t.id);
    }

    @Override
    public boolean reducesNet(InstrumentId symbol, OrderSide side, BigDecimal qty) {
      return FlowLiveExecutor.this.reducesNet(symbol, side, qty);
    }

    @Override
    public double mark(InstrumentId symbol) {
      Mark mark = marks.get(symbol);
      return mark == null ? Double.NaN : mark.price();
    }

    @Override
    public void later(Mirror m, Runnable step, long delayMs) {
      timer.schedule(
          () ->
              post(
                  () -> {
                    step.run();
                    exits.advance(m);
                  }),
          delayMs);
    }

    @Override
    public void realized(Mirror m) {
      risk.onRealized(m.key.instrument(), money(m.netPnl()), true, nowMs);
    }

    @Override
    public void givenUp(Mirror m, String what) {
      givenUp++;
      LOG.error("flow live: {} {}: {} stays open at the venue", m.id, what, m.open());
    }
  }

  // ------------------------------------------------------------------ probe

  /**
   * Asks the venue for its positions now (on the calling thread; the platform does it every probe
   * interval): tells the risk engine whether the venue is reachable, compares its positions with
   * the executor's fills when nothing was in flight or happened meanwhile, settles orders of
   * unknown outcome after an outage, retries market exits that failed and cancels the venue has not
   * confirmed.
   */
  public void probeNow() {
    if (ports.account() == null) {
      post(() -> probed(null, -1));
      return;
    }
    long seen = activity.get();
    try {
      Map<InstrumentId, BigDecimal> positions = ports.account().positions();
      post(() -> probed(positions, seen));
    } catch (ServiceUnavailableException e) {
      post(() -> unreachable(e.getMessage()));
    } catch (RuntimeException e) {
      post(() -> unreachable(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private void probed(Map<InstrumentId, BigDecimal> venuePositions, long seen) {
    probes++;
    risk.venueReachable(true, nowMs);
    if (!reachable) {
      reachable = true;
      venueError = null;
      LOG.info("flow live: venue reachable again; settling orders of unknown outcome");
      ports.reconcile().run();
    }
    if (venuePositions != null && inFlight() == 0 && activity.get() == seen) {
      compare(venuePositions); // nothing moved between the venue's answer and now
    } else if (venuePositions == null || activity.get() != seen) {
      pendingMismatch = null;
    }
    for (Mirror m : new ArrayList<>(mirrors.values())) {
      for (ClientOrderId id : m.exits) {
        Tracked t = orders.get(id);
        if (t.cancelReason != null && !t.status.terminal()) {
          ports.venue().cancel(id); // not confirmed yet: ask again (a no-op once it has ended)
        }
      }
      if (m.retryBlocked) {
        m.retryBlocked = false;
        exits.advance(m);
      }
    }
    observe();
  }

  private void unreachable(String error) {
    if (reachable) {
      LOG.warn("flow live: venue unreachable: {}", error);
    }
    reachable = false;
    venueError = error;
    risk.venueReachable(false, nowMs);
  }

  /** Orders whose outcome is pending: all working ones except exit limits left resting. */
  private long inFlight() {
    return orders.values().stream().filter(t -> !t.status.terminal() && !resting(t)).count();
  }

  private static boolean resting(Tracked t) {
    return t.exitLimit() && t.cancelReason == null;
  }

  /**
   * Compares the venue's positions with the fills. While exit limits rest, one of them may have
   * filled at the venue a moment before its fill reaches the executor: a difference then counts
   * only when the next probe sees it again.
   */
  private void compare(Map<InstrumentId, BigDecimal> venue) {
    Map<InstrumentId, BigDecimal> ours = new TreeMap<>();
    books.forEach((k, b) -> ours.merge(k.instrument(), b.quantity, BigDecimal::add));
    TreeSet<InstrumentId> symbols = new TreeSet<>(ours.keySet());
    venue.keySet().stream().filter(instruments::containsKey).forEach(symbols::add);
    List<String> diffs = new ArrayList<>();
    for (InstrumentId s : symbols) {
      BigDecimal a = ours.getOrDefault(s, BigDecimal.ZERO);
      BigDecimal b = venue.getOrDefault(s, BigDecimal.ZERO);
      if (a.compareTo(b) != 0) {
        diffs.add(
            s.venueSymbol() + ": fills " + a.toPlainString() + ", venue " + b.toPlainString());
      }
    }
    String diff = diffs.isEmpty() ? null : String.join("; ", diffs);
    boolean resting = orders.values().stream().anyMatch(t -> !t.status.terminal() && resting(t));
    if (diff != null && resting && !diff.equals(pendingMismatch)) {
      pendingMismatch = diff; // seen once with limits resting: confirmed at the next probe
      return;
    }
    pendingMismatch = null;
    if (diff != null) {
      mismatchedProbes++;
      lastMismatch = diff;
      LOG.warn("flow live: venue positions differ from the fills: {}", lastMismatch);
    }
  }

  private void observe() {
    double longs = 0;
    double shorts = 0;
    double largest = 0;
    String largestSymbol = null;
    Map<InstrumentId, BigDecimal> net = new TreeMap<>();
    books.forEach((k, b) -> net.merge(k.instrument(), b.quantity, BigDecimal::add));
    for (Map.Entry<InstrumentId, BigDecimal> e : net.entrySet()) {
      double notional = e.getValue().doubleValue() * markOf(e.getKey());
      longs += Math.max(0, notional);
      shorts += Math.max(0, -notional);
      if (Math.abs(notional) > largest) {
        largest = Math.abs(notional);
        largestSymbol = e.getKey().apiSymbol();
      }
    }
    risk.observe(new PortfolioReading(nowMs, equity(), longs, shorts, largest, largestSymbol));
  }

  // ------------------------------------------------------------------ threading

  private void post(Runnable task) {
    queued.incrementAndGet();
    try {
      worker.execute(
          () -> {
            try {
              synchronized (this) {
                task.run();
              }
            } catch (RuntimeException e) {
              LOG.error("flow live: step failed: {}", e.getMessage(), e);
            } finally {
              finished.incrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      finished.incrementAndGet();
      LOG.warn("flow live: closed; a late decision or venue answer was not processed");
    }
  }

  /**
   * Waits until every decision and venue answer queued so far (and what they queued) has been
   * processed; true when that happened within {@code timeoutMs}.
   */
  public boolean awaitIdle(long timeoutMs) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (finished.get() != queued.get()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  @Override
  public void close() {
    if (prober != null) {
      prober.shutdownNow();
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ reads

  /** Orders, newest decision first; null filters match everything. */
  public synchronized List<FlowLiveOrder> orders(
      StrategyId strategy, InstrumentId symbol, FlowLiveOrderStatus status) {
    return LiveReads.orders(orders.values(), strategy, symbol, status);
  }

  /** What the fills add up to per strategy and symbol, in first-trade order. */
  public synchronized List<FlowLivePosition> positions() {
    return LiveReads.positions(books, this::markOf);
  }

  /** The venue-confirmed net position of every symbol traded (Σ strategies), exact. */
  public synchronized Map<InstrumentId, BigDecimal> netPositions() {
    Map<InstrumentId, BigDecimal> out = new TreeMap<>();
    books.forEach((k, b) -> out.merge(k.instrument(), b.quantity, BigDecimal::add));
    return out;
  }

  /** The counters and execution quality so far. */
  public synchronized FlowLiveKpis kpis() {
    LiveReads.Counts n = LiveReads.counts(orders.values(), books.values());
    MakerFirstVenue mf = ports.makerFirst();
    return new FlowLiveKpis(
        n.sent(),
        n.of(FlowLiveOrderStatus.FILLED),
        n.of(FlowLiveOrderStatus.SUBMITTED) + n.of(FlowLiveOrderStatus.WORKING),
        n.of(FlowLiveOrderStatus.CANCELLED),
        n.of(FlowLiveOrderStatus.REJECTED),
        n.of(FlowLiveOrderStatus.RISK_REJECTED),
        n.of(FlowLiveOrderStatus.SKIPPED),
        n.all().makerShare(),
        n.entryMakerShare(),
        n.all().slippageBps(),
        n.all().fees,
        n.all().realized,
        equity(),
        mf == null ? null : mf.kpis(),
        exits.kpis(mirrors.values(), orders.values()),
        reachable,
        venueError,
        probes,
        mismatchedProbes,
        lastMismatch,
        duplicates,
        unmirrored,
        givenUp);
  }
}
