package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order-flow engine's live executor (spec {@code orderflow-and-arbitrage.md} §4.1 entry, §6): a
 * {@link FlowListener} that mirrors the paper engine's decisions as real orders through the {@link
 * io.perpetua.trading.port.Venue} port, and books what the venue fills.
 *
 * <ul>
 *   <li><b>Position opened</b> → an entry of the paper quantity rounded toward zero to the venue's
 *       step (skipped, with the reason, below the step or the minimum notional): through {@link
 *       MakerFirstVenue} when configured (post-only limit, reprice, market fallback), else market.
 *   <li><b>TP1</b> (a smaller remaining) → a market order for the closed share of what the venue
 *       filled; <b>trade closed</b> → a market order for the rest. Both are reduce-only when they
 *       reduce the account's net position (the venue nets every strategy of a symbol in one-way
 *       mode; an exit that would not reduce the net goes without the flag). An exit decided while
 *       the entry is still working first cancels the entry, then closes what it filled.
 *   <li><b>Entry cancelled</b> (maker simulation) → nothing: only opened positions are mirrored.
 * </ul>
 *
 * <p>Client order ids are {@code ClientOrderIds.derive(strategy, position id, leg)} ({@code entry},
 * {@code tp1}, {@code exit}; a retry appends {@code -2}, {@code -3}), so a decision replayed after
 * a restart meets the venue's duplicate-id refusal instead of doubling an order; a repeated
 * decision for a position already mirrored is ignored here. Every order first passes the operator
 * controls and the {@link RiskEngine} with an {@link OrderContext} built from this executor's own
 * venue-confirmed positions and working orders and its equity (capital + realised − fees +
 * unrealised); a rejection is recorded with its rule and never sent. With {@code risk.dry_run} on,
 * nothing is sent at all.
 *
 * <p>Venue unreachable: the probe ({@link FlowLiveSettings#probeIntervalMs()}) tells the risk
 * engine, which refuses new entries once the venue has been unreachable for its configured time;
 * orders sent meanwhile are recorded as the venue answers them (rejected, or settled by {@link
 * FlowLiveVenue#reconcile()} when it is reachable again). A failed TP1/exit is retried at the next
 * probe that reaches the venue, at most {@link FlowLiveSettings#maxExitAttempts()} orders per leg,
 * then given up and counted. Nothing is dropped silently.
 *
 * <p>Threads: the listener methods only queue work, so the engine's thread never waits for the
 * venue; one executor thread owns the state (decisions and venue callbacks in arrival order);
 * probes run on their own thread. Reads ({@link #orders}, {@link #positions}, {@link #kpis}) are
 * thread-safe snapshots. Times given to the risk engine are the engine's event times ({@link
 * #onPrice}).
 */
public final class FlowLiveExecutor implements FlowListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowLiveExecutor.class);

  private final FlowLiveVenue ports;
  private final Map<InstrumentId, Instrument> instruments;
  private final RiskEngine risk;
  private final PreTradeGuard controls;
  private final FlowLiveSettings settings;
  private final ScheduledExecutorService worker;
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
    this.ports = Objects.requireNonNull(ports, "ports");
    this.instruments = Map.copyOf(instruments);
    this.risk = Objects.requireNonNull(risk, "risk");
    this.controls = controls == null ? (o, i, c) -> Optional.empty() : controls;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "flow-live"));
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
          if (m != null && position.quantity() > 0) {
            m.fraction = Math.min(m.fraction, position.remaining() / position.quantity());
            m.tp1Price = position.lastExitPrice();
            advance(m);
          }
        });
  }

  @Override
  public void onTradeClosed(ClosedFlowTrade trade) {
    post(
        () -> {
          Mirror m = mirror(trade.id());
          if (m != null) {
            m.fraction = 0;
            m.paperClosed = true;
            m.exitPrice = trade.exitPrice();
            advance(m);
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
    mirrors.put(s.id(), m);
    OrderSide side = s.direction() == FlowDirection.LONG ? OrderSide.BUY : OrderSide.SELL;
    m.entryId = idOf(m, FlowLiveLeg.ENTRY, 1);
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
    send(m, FlowLiveLeg.ENTRY, 1, side, qty, false, s.entryPrice());
  }

  private void skip(Mirror m, OrderSide side, BigDecimal qty, double paperPrice, String why) {
    Tracked t =
        new Tracked(m.entryId, m, FlowLiveLeg.ENTRY, 1, side, qty, false, null, paperPrice, nowMs);
    t.end(FlowLiveOrderStatus.SKIPPED, why, nowMs);
    orders.putIfAbsent(t.id, t);
    LOG.info("flow live: entry of {} skipped: {}", m.id, why);
  }

  /** Sends what the paper position's state asks of the venue, if anything. */
  private void advance(Mirror m) {
    Tracked entry = orders.get(m.entryId);
    if (entry != null && !entry.status.terminal()) {
      if (m.paperClosed && !m.cancelRequested) {
        m.cancelRequested = true; // the exit waits for the entry's end
        ports.entries().cancel(entry.id);
      }
      return;
    }
    for (ClientOrderId id : m.exits) {
      if (!orders.get(id).status.terminal()) {
        return; // one exit at a time
      }
    }
    BigDecimal open = m.open();
    if (open.signum() <= 0) {
      if (m.paperClosed && m.entryFilled.signum() > 0 && !m.reported) {
        m.reported = true;
        risk.onRealized(m.key.instrument(), m.netPnl(), true, nowMs);
      }
      return;
    }
    Instrument inst = instruments.get(m.key.instrument());
    BigDecimal target =
        m.paperClosed
            ? BigDecimal.ZERO
            : inst.quantityToward0(m.entryFilled.doubleValue() * m.fraction).toBigDecimal();
    BigDecimal excess = open.subtract(target);
    if (excess.signum() <= 0 || m.retryBlocked || m.givenUp != null) {
      return;
    }
    FlowLiveLeg leg = m.paperClosed ? FlowLiveLeg.EXIT : FlowLiveLeg.TP1;
    int attempt = m.attempts.merge(leg, 1, Integer::sum);
    if (attempt > settings.maxExitAttempts()) {
      m.givenUp = leg.code() + " given up after " + settings.maxExitAttempts() + " attempts";
      givenUp++;
      LOG.error("flow live: {} {}: {} stays open at the venue", m.id, m.givenUp, open);
      return;
    }
    OrderSide side = m.direction == FlowDirection.LONG ? OrderSide.SELL : OrderSide.BUY;
    Quantity qty = Quantity.of(excess, inst.quantityScale());
    boolean reduceOnly = reducesNet(m.key.instrument(), side, excess);
    double paper = leg == FlowLiveLeg.TP1 ? m.tp1Price : m.exitPrice;
    Tracked t = send(m, leg, attempt, side, qty, reduceOnly, paper);
    m.exits.add(t.id);
    if (t.status.terminal()) {
      m.retryBlocked = true; // risk-rejected: retried at the next probe
    }
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

  private ClientOrderId idOf(Mirror m, FlowLiveLeg leg, int attempt) {
    String name = attempt == 1 ? leg.code() : leg.code() + "-" + attempt;
    return ClientOrderIds.derive(m.key.strategyId(), m.id, name);
  }

  private Tracked send(
      Mirror m,
      FlowLiveLeg leg,
      int attempt,
      OrderSide side,
      Quantity qty,
      boolean reduceOnly,
      double paperPrice) {
    boolean entry = leg == FlowLiveLeg.ENTRY;
    Order order =
        new Order(
            idOf(m, leg, attempt),
            m.key.instrument(),
            side,
            OrderType.MARKET,
            qty,
            null,
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
    OrderContext ctx = context(order);
    Optional<PreTradeGuard.Rejection> r = controls.check(order, inst, ctx);
    if (r.isEmpty()) {
      r = risk.check(order, inst, ctx);
    }
    return r.map(x -> x.rule() + ": " + x.reason());
  }

  /**
   * The order against this account: venue-confirmed positions plus working orders, at the marks.
   */
  private OrderContext context(Order order) {
    Map<InstrumentId, BigDecimal> exposure = new HashMap<>();
    books.forEach((k, b) -> exposure.merge(k.instrument(), b.quantity, BigDecimal::add));
    for (Tracked t : orders.values()) {
      if (t.status.sent() && !t.status.terminal()) {
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
    return new OrderContext(price, markTime, nowMs, equity(), before, after, gross, grossAfter);
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
    }
    m.fees += fee;
    advance(m);
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
          t.leg == FlowLiveLeg.ENTRY && m.cancelRequested
              ? "the paper trade closed before the entry filled"
              : t.fallbackId != null
                  ? "maker-first: limit ended, the price moved too far for the market fallback"
                  : "cancelled by the venue";
    }
    if (!t.end(status, why, timeMs)) {
      return;
    }
    activity.incrementAndGet();
    if (t.leg != FlowLiveLeg.ENTRY) {
      m.retryBlocked = true; // retried at the next probe that reaches the venue
    }
    LOG.info("flow live: {} {} of {} {}: {}", t.leg.code(), id, m.id, status.code(), why);
    advance(m);
  }

  // ------------------------------------------------------------------ probe

  /**
   * Asks the venue for its positions now (on the calling thread; the platform does it every probe
   * interval): tells the risk engine whether the venue is reachable, compares its positions with
   * the executor's fills when nothing was in flight or happened meanwhile, settles orders of
   * unknown outcome after an outage, and retries TP1/exit legs that failed.
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
    }
    for (Mirror m : new ArrayList<>(mirrors.values())) {
      if (m.retryBlocked) {
        m.retryBlocked = false;
        advance(m);
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

  private long inFlight() {
    return orders.values().stream().filter(t -> !t.status.terminal()).count();
  }

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
    if (!diffs.isEmpty()) {
      mismatchedProbes++;
      lastMismatch = String.join("; ", diffs);
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
    List<FlowLiveOrder> out = new ArrayList<>();
    for (Tracked t : orders.values()) {
      if ((strategy == null || t.key.strategyId().equals(strategy))
          && (symbol == null || t.key.instrument().equals(symbol))
          && (status == null || t.status == status)) {
        out.add(t.view());
      }
    }
    return out.reversed();
  }

  /** What the fills add up to per strategy and symbol, in first-trade order. */
  public synchronized List<FlowLivePosition> positions() {
    List<FlowLivePosition> out = new ArrayList<>();
    books.forEach(
        (k, b) -> {
          double mark = markOf(k.instrument());
          out.add(
              new FlowLivePosition(
                  k.strategyId(),
                  k.instrument(),
                  b.quantity.doubleValue(),
                  b.averageEntry,
                  mark > 0 ? mark : Double.NaN,
                  b.unrealized(mark),
                  b.realized,
                  b.fees,
                  b.slippageBps(),
                  b.makerShare(),
                  b.orders,
                  b.fills));
        });
    return out;
  }

  /** The venue-confirmed net position of every symbol traded (Σ strategies), exact. */
  public synchronized Map<InstrumentId, BigDecimal> netPositions() {
    Map<InstrumentId, BigDecimal> out = new TreeMap<>();
    books.forEach((k, b) -> out.merge(k.instrument(), b.quantity, BigDecimal::add));
    return out;
  }

  /** The counters and execution quality so far. */
  public synchronized FlowLiveKpis kpis() {
    long[] n = new long[FlowLiveOrderStatus.values().length];
    double entryMaker = 0;
    double entryNotional = 0;
    for (Tracked t : orders.values()) {
      n[t.status.ordinal()]++;
      if (t.leg == FlowLiveLeg.ENTRY && t.filled.signum() > 0) {
        entryNotional += t.notional;
        entryMaker += t.notional * t.makerQuantity / t.filled.doubleValue();
      }
    }
    LiveBook all = new LiveBook();
    for (LiveBook b : books.values()) {
      all.makerNotional += b.makerNotional;
      all.takerNotional += b.takerNotional;
      all.slippageCost += b.slippageCost;
      all.paperNotional += b.paperNotional;
      all.fees += b.fees;
      all.realized += b.realized;
    }
    long sent = 0;
    for (FlowLiveOrderStatus s : FlowLiveOrderStatus.values()) {
      sent += s.sent() ? n[s.ordinal()] : 0;
    }
    MakerFirstVenue mf = ports.makerFirst();
    return new FlowLiveKpis(
        sent,
        n[FlowLiveOrderStatus.FILLED.ordinal()],
        n[FlowLiveOrderStatus.SUBMITTED.ordinal()] + n[FlowLiveOrderStatus.WORKING.ordinal()],
        n[FlowLiveOrderStatus.CANCELLED.ordinal()],
        n[FlowLiveOrderStatus.REJECTED.ordinal()],
        n[FlowLiveOrderStatus.RISK_REJECTED.ordinal()],
        n[FlowLiveOrderStatus.SKIPPED.ordinal()],
        all.makerShare(),
        entryNotional > 0 ? entryMaker / entryNotional : Double.NaN,
        all.slippageBps(),
        all.fees,
        all.realized,
        equity(),
        mf == null ? null : mf.kpis(),
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
