package io.perpetua.venue.binance;

import io.perpetua.core.time.Clock;
import io.perpetua.core.time.Times;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-sectional bars from the venue itself, for live mode: the last N closed klines of every
 * symbol from REST ({@code GET /fapi/v1/klines}, paged by 1,500), then one bar per interval from
 * the {@code <symbol>@kline_<interval>} streams.
 *
 * <p>Each new bar reaches {@link BarListener#onBar} exactly once, in strictly increasing open time
 * and without gaps, with the close and quote volume of every symbol in the order given (NaN for a
 * symbol without a kline for that bar). A bar is emitted as soon as every symbol's closed kline for
 * it has arrived (or REST has shown that a symbol has none), or else once the grace period (10 s by
 * default, on the injected clock) has passed after the bar's close time; the symbols still missing
 * are then looked up once more on REST and are NaN if the venue has no bar for them.
 *
 * <p>Nothing is lost or doubled across outages: after every (re)connect, and when a symbol's closed
 * kline skips bars, the bars in between are read from REST before any later bar is emitted. Bars
 * are "closed" on REST when their close time plus {@link Settings#restSettle} has passed on the
 * clock, so the clock should follow the venue's time (the wall clock, kept within the venue's drift
 * limit). Events that are malformed or hostile are rejected with a logged reason and counted: an
 * unknown symbol, another interval, a misaligned or inconsistent bar, a non-positive price, a bar
 * closing more than 2 s ahead of the clock, a bar already emitted, a duplicate or an out-of-order
 * bar.
 *
 * <p>Thread-safety: {@link #start} and {@link #close} may be called from any thread (start once).
 * All events, repairs and listener calls run on the feed's own single thread, one at a time and in
 * order; the arrays handed to the listener are fresh copies it may keep. {@link #stats} and {@link
 * #nextOpenTimeMs} may be read from any thread.
 */
public final class LiveBarFeed implements AutoCloseable {
  /** Binance's limit of streams per WebSocket connection; more symbols use more connections. */
  public static final int STREAMS_PER_CONNECTION = 200;

  private static final Logger LOG = LoggerFactory.getLogger(LiveBarFeed.class);
  private static final long LOOKUP_RETRY_MS = 1_000;

  /** How far a closed kline's close time may lie ahead of the clock (clock drift allowance). */
  private static final long FUTURE_TOLERANCE_MS = 2_000;

  /** Receives the new bars, on the feed's thread. */
  @FunctionalInterface
  public interface BarListener {
    /**
     * One cross-sectional bar.
     *
     * @param openTimeMs the bar's open time (epoch ms)
     * @param close close per symbol, in the feed's symbol order (NaN: no kline)
     * @param quoteVolume quote volume per symbol (NaN: no kline)
     */
    void onBar(long openTimeMs, double[] close, double[] quoteVolume);
  }

  /**
   * Timing of the feed.
   *
   * @param clock the clock that decides which bars are closed and when the grace has passed
   * @param grace how long after a bar's close time to wait for missing klines
   * @param restSettle how long after its close time a bar is taken as final on REST
   * @param maxRepairWait how long past the grace to retry a failing REST lookup before emitting NaN
   * @param pollPeriod how often (wall time) the grace timer is checked
   */
  public record Settings(
      Clock clock,
      Duration grace,
      Duration restSettle,
      Duration maxRepairWait,
      Duration pollPeriod) {

    /** Validates the values. */
    public Settings {
      Objects.requireNonNull(clock, "clock");
      if (grace.isNegative()
          || restSettle.isNegative()
          || maxRepairWait.isNegative()
          || pollPeriod.isNegative()
          || pollPeriod.isZero()) {
        throw new IllegalArgumentException("durations must not be negative; poll must be > 0");
      }
    }

    /** Wall clock, 10 s grace, 1 s REST settle, 60 s repair wait, polled every 250 ms. */
    public static Settings defaults() {
      return new Settings(
          Clock.system(),
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofSeconds(60),
          Duration.ofMillis(250));
    }

    /** These settings with {@code value} as the clock. */
    public Settings withClock(Clock value) {
      return new Settings(value, grace, restSettle, maxRepairWait, pollPeriod);
    }

    /** These settings with {@code value} as the grace period. */
    public Settings withGrace(Duration value) {
      return new Settings(clock, value, restSettle, maxRepairWait, pollPeriod);
    }

    /** These settings with {@code value} as the poll period. */
    public Settings withPollPeriod(Duration value) {
      return new Settings(clock, grace, restSettle, maxRepairWait, value);
    }
  }

  /**
   * The backfilled history, time-major: the value of bar {@code t} and symbol {@code s} is at
   * {@code t * symbols().size() + s}. Bars are contiguous (no gaps); NaN where a symbol has no
   * kline. The arrays belong to the caller.
   *
   * @param symbols the symbols, in the feed's order
   * @param openTimes open time of each bar, increasing by one interval
   * @param close close prices
   * @param quoteVolume quote volumes
   */
  public record Panel(
      List<String> symbols, long[] openTimes, double[] close, double[] quoteVolume) {
    /** Number of bars. */
    public int bars() {
      return openTimes.length;
    }

    /** Close of bar {@code bar}, symbol {@code symbol}. */
    public double close(int bar, int symbol) {
      return close[bar * symbols.size() + symbol];
    }

    /** Quote volume of bar {@code bar}, symbol {@code symbol}. */
    public double quoteVolume(int bar, int symbol) {
      return quoteVolume[bar * symbols.size() + symbol];
    }
  }

  /**
   * Counters since start.
   *
   * @param connects stream connects handled (first connects and reconnects)
   * @param accepted closed klines taken from the streams
   * @param rejected events rejected (each logged with its reason)
   * @param restRequests kline requests sent (backfill, repairs, lookups)
   * @param repairs completed REST repairs after a connect, a gap or the grace period
   * @param emitted bars handed to the listener
   */
  public record Stats(
      long connects, long accepted, long rejected, long restRequests, long repairs, long emitted) {}

  /** A candidate bar of one symbol, from the stream or from REST. */
  private record Candle(
      String symbol,
      String interval,
      long open,
      long closeTime,
      BigDecimal o,
      BigDecimal h,
      BigDecimal l,
      BigDecimal c,
      BigDecimal volume,
      BigDecimal quoteVolume) {

    static Candle of(MarketEvent.Kline k) {
      return new Candle(
          k.symbol(),
          k.interval(),
          k.openTimeMs(),
          k.closeTimeMs(),
          k.open(),
          k.high(),
          k.low(),
          k.close(),
          k.volume(),
          k.quoteVolume());
    }

    static Candle of(String symbol, String interval, Kline k) {
      return new Candle(
          symbol,
          interval,
          k.openTimeMs(),
          k.closeTimeMs(),
          k.open(),
          k.high(),
          k.low(),
          k.close(),
          k.volume(),
          k.quoteVolume());
    }
  }

  /** The symbols' values of one bar that is not emitted yet. */
  private static final class Slot {
    final double[] close;
    final double[] quoteVolume;
    final boolean[] present;

    Slot(int n) {
      close = new double[n];
      quoteVolume = new double[n];
      present = new boolean[n];
      Arrays.fill(close, Double.NaN);
      Arrays.fill(quoteVolume, Double.NaN);
    }
  }

  private final BinanceRestClient rest;
  private final List<String> symbols;
  private final Map<String, Integer> index = new HashMap<>();
  private final KlineInterval interval;
  private final int historyBars;
  private final Settings settings;
  private final BarListener listener;
  private final long step;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(MarketDataStream.daemon("binance-live-bars"));
  private final List<MarketDataStream> streams = new ArrayList<>();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong restRequests = new AtomicLong();
  private final AtomicLong repairs = new AtomicLong();
  private final AtomicLong emitted = new AtomicLong();

  // Confined to the feed thread once start() has handed over.
  private final NavigableMap<Long, Slot> pending = new TreeMap<>();
  private final long[] resolvedThrough;
  private long lastFailedLookupMs = Long.MIN_VALUE;
  private volatile long nextOpen;
  private volatile boolean closed;
  private boolean started;

  /** A feed with {@link Settings#defaults()}. */
  public LiveBarFeed(
      BinanceRestClient rest,
      List<String> symbols,
      String interval,
      int historyBars,
      BarListener listener) {
    this(rest, symbols, interval, historyBars, Settings.defaults(), listener);
  }

  /**
   * A feed of {@code symbols} (venue symbols, e.g. {@code BTCUSDT}) at {@code interval} (a Binance
   * code, see {@link KlineInterval}) that backfills {@code historyBars} closed bars.
   *
   * @throws IllegalArgumentException for no or repeated symbols, an unsupported interval or a
   *     negative history length
   */
  public LiveBarFeed(
      BinanceRestClient rest,
      List<String> symbols,
      String interval,
      int historyBars,
      Settings settings,
      BarListener listener) {
    this.rest = Objects.requireNonNull(rest, "rest");
    this.symbols = symbols.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    if (this.symbols.isEmpty() || new LinkedHashSet<>(this.symbols).size() != symbols.size()) {
      throw new IllegalArgumentException("symbols must be non-empty and distinct: " + symbols);
    }
    for (int i = 0; i < this.symbols.size(); i++) {
      index.put(this.symbols.get(i), i);
    }
    this.interval = KlineInterval.parse(interval);
    if (historyBars < 0) {
      throw new IllegalArgumentException("history length must not be negative: " + historyBars);
    }
    this.historyBars = historyBars;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.step = this.interval.millis();
    this.resolvedThrough = new long[this.symbols.size()];
  }

  /**
   * Backfills the last {@code historyBars} closed bars from REST, then subscribes to the kline
   * streams and starts emitting new bars.
   *
   * @return the history, ending with the bar before the first one the listener will get
   * @throws BinanceApiException when the backfill fails (nothing is left running)
   * @throws IllegalStateException when called twice or after {@link #close}
   */
  public synchronized Panel start() {
    if (started || closed) {
      throw new IllegalStateException("the feed was already started or closed");
    }
    started = true;
    long lastClosed = lastClosedOpen(settings.clock().nowMillis());
    Panel history;
    try {
      history = backfill(lastClosed - (long) (historyBars - 1) * step, lastClosed);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    nextOpen = lastClosed + step;
    Arrays.fill(resolvedThrough, lastClosed);
    LOG.info(
        "live bars {}: backfilled {} bars of {} symbols; next bar {}",
        interval.code(),
        history.bars(),
        symbols.size(),
        Times.iso(nextOpen));
    for (int from = 0; from < symbols.size(); from += STREAMS_PER_CONNECTION) {
      List<String> chunk =
          symbols.subList(from, Math.min(symbols.size(), from + STREAMS_PER_CONNECTION));
      List<String> names =
          chunk.stream()
              .map(s -> s.toLowerCase(Locale.ROOT) + "@kline_" + interval.code())
              .toList();
      streams.add(
          new MarketDataStream(
              rest,
              names,
              event -> onFeedThread(() -> onEvent(event)),
              reconnect -> onFeedThread(() -> onConnected(chunk, reconnect))));
    }
    long poll = settings.pollPeriod().toMillis();
    executor.scheduleWithFixedDelay(this::onTick, poll, poll, TimeUnit.MILLISECONDS);
    streams.forEach(MarketDataStream::start);
    return history;
  }

  /** The symbols, in the order of every bar's arrays. */
  public List<String> symbols() {
    return symbols;
  }

  /** The interval. */
  public KlineInterval interval() {
    return interval;
  }

  /** The open time of the next bar the listener will get. */
  public long nextOpenTimeMs() {
    return nextOpen;
  }

  /** Counters since start. */
  public Stats stats() {
    return new Stats(
        connects.get(),
        accepted.get(),
        rejected.get(),
        restRequests.get(),
        repairs.get(),
        emitted.get());
  }

  /** Stops the streams and the timer; no bar is emitted afterwards. Idempotent. */
  @Override
  public void close() {
    closed = true;
    List<MarketDataStream> open;
    synchronized (this) {
      open = List.copyOf(streams);
    }
    open.forEach(MarketDataStream::close);
    executor.shutdownNow();
  }

  private void onFeedThread(Runnable task) {
    try {
      executor.execute(
          () -> {
            if (!closed) {
              task.run();
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("live bars: event after close dropped");
    }
  }

  private void onTick() {
    try {
      emitReady();
    } catch (RuntimeException e) {
      LOG.warn("live bars: timer check failed: {}", e.toString());
    }
  }

  /** The open time of the latest bar that is final on REST at {@code nowMs}. */
  private long lastClosedOpen(long nowMs) {
    return Math.floorDiv(nowMs - settings.restSettle().toMillis() - step, step) * step;
  }

  private Panel backfill(long first, long last) {
    int n = symbols.size();
    int bars = historyBars;
    long[] times = new long[bars];
    for (int t = 0; t < bars; t++) {
      times[t] = first + t * step;
    }
    double[] close = new double[bars * n];
    double[] quoteVolume = new double[bars * n];
    Arrays.fill(close, Double.NaN);
    Arrays.fill(quoteVolume, Double.NaN);
    if (bars == 0) {
      return new Panel(symbols, times, close, quoteVolume);
    }
    for (int s = 0; s < n; s++) {
      for (Candle c : fetch(s, first, last)) {
        int t = (int) ((c.open() - first) / step);
        close[t * n + s] = c.c().doubleValue();
        quoteVolume[t * n + s] = c.quoteVolume().doubleValue();
      }
    }
    return new Panel(symbols, times, close, quoteVolume);
  }

  /** The valid closed bars of symbol {@code s} with open times in {@code [from, to]}, paged. */
  private List<Candle> fetch(int s, long from, long to) {
    String symbol = symbols.get(s);
    List<Candle> out = new ArrayList<>();
    long next = from;
    while (next <= to) {
      int limit = (int) Math.min(BinanceRestClient.MAX_KLINES, (to - next) / step + 1);
      restRequests.incrementAndGet();
      List<Kline> page = rest.klines(symbol, interval.code(), next, to, limit);
      long last = Long.MIN_VALUE;
      for (Kline k : page) {
        Candle c = Candle.of(symbol, interval.code(), k);
        if (c.open() < next || c.open() > to || c.open() <= last) {
          continue;
        }
        String reason = invalid(c, Long.MAX_VALUE);
        if (reason != null) {
          reject("REST", c, reason);
          continue;
        }
        out.add(c);
        last = c.open();
      }
      if (page.size() < limit || last == Long.MIN_VALUE) {
        break;
      }
      next = last + step;
    }
    return out;
  }

  private void onConnected(List<String> chunk, boolean reconnect) {
    long lastClosed = lastClosedOpen(settings.clock().nowMillis());
    for (String symbol : chunk) {
      int s = index.get(symbol);
      if (resolvedThrough[s] < lastClosed) {
        repair(s, resolvedThrough[s] + step, lastClosed, reconnect ? "reconnect" : "connect");
      }
    }
    connects.incrementAndGet();
    emitReady();
  }

  private void onEvent(MarketEvent event) {
    if (!(event instanceof MarketEvent.Kline k) || !k.closed()) {
      return; // bars in progress are not used
    }
    Candle c = Candle.of(k);
    String reason = invalid(c, settings.clock().nowMillis() + FUTURE_TOLERANCE_MS);
    if (reason != null) {
      reject("stream", c, reason);
      return;
    }
    int s = index.get(c.symbol());
    long t = c.open();
    if (t < nextOpen) {
      reject("stream", c, "bar " + Times.iso(t) + " was already emitted (duplicate or late)");
      return;
    }
    Slot existing = pending.get(t);
    if (existing != null && existing.present[s]) {
      reject("stream", c, "duplicate of a bar already received");
      return;
    }
    if (t <= resolvedThrough[s]) {
      reject("stream", c, "out of order: REST showed no bar " + Times.iso(t));
      return;
    }
    if (t > resolvedThrough[s] + step) {
      repair(s, resolvedThrough[s] + step, t - step, "gap");
    }
    put(s, c);
    accepted.incrementAndGet();
    if (resolvedThrough[s] == t - step) {
      resolvedThrough[s] = t;
    }
    emitReady();
  }

  /** Null when {@code c} is a plausible closed bar of ours, else the reason. */
  private String invalid(Candle c, long latestCloseMs) {
    if (!index.containsKey(c.symbol())) {
      return "unknown symbol " + c.symbol() + " (not subscribed)";
    }
    if (!interval.code().equals(c.interval())) {
      return "interval " + c.interval() + ", expected " + interval.code();
    }
    if (Math.floorMod(c.open(), step) != 0 || c.closeTime() != interval.closeTime(c.open())) {
      return "open/close time " + c.open() + "/" + c.closeTime() + " not aligned to the interval";
    }
    if (c.o().signum() <= 0 || c.h().signum() <= 0 || c.l().signum() <= 0 || c.c().signum() <= 0) {
      return "non-positive price";
    }
    if (c.h().compareTo(c.o().max(c.c()).max(c.l())) < 0 || c.l().compareTo(c.o().min(c.c())) > 0) {
      return "high/low do not contain open and close";
    }
    if (c.volume().signum() < 0 || c.quoteVolume().signum() < 0) {
      return "negative volume";
    }
    if (c.closeTime() > latestCloseMs) {
      return "bar " + Times.iso(c.open()) + " closes in the future";
    }
    return null;
  }

  private void reject(String source, Candle c, String reason) {
    rejected.incrementAndGet();
    LOG.warn(
        "live bars: rejected {} kline {} {} {}: {}",
        source,
        c.symbol(),
        c.interval(),
        c.open(),
        reason);
  }

  private void put(int s, Candle c) {
    Slot slot = pending.computeIfAbsent(c.open(), t -> new Slot(symbols.size()));
    if (!slot.present[s]) {
      slot.present[s] = true;
      slot.close[s] = c.c().doubleValue();
      slot.quoteVolume[s] = c.quoteVolume().doubleValue();
    }
  }

  /**
   * Reads symbol {@code s}'s bars {@code [from, to]} from REST into the pending bars; on success
   * every bar up to {@code to} is known (present or absent). Returns false when REST failed.
   */
  private boolean repair(int s, long from, long to, String why) {
    long start = Math.max(from, nextOpen);
    if (start > to) {
      return true;
    }
    List<Candle> bars;
    try {
      bars = fetch(s, start, to);
    } catch (BinanceApiException | IllegalArgumentException e) {
      LOG.warn(
          "live bars: REST repair ({}) of {} {}..{} failed: {}",
          why,
          symbols.get(s),
          Times.iso(start),
          Times.iso(to),
          e.getMessage());
      return false;
    }
    for (Candle c : bars) {
      put(s, c);
    }
    resolvedThrough[s] = Math.max(resolvedThrough[s], to);
    repairs.incrementAndGet();
    LOG.info(
        "live bars: repaired {} {}..{} from REST ({}): {} bars",
        symbols.get(s),
        Times.iso(start),
        Times.iso(to),
        why,
        bars.size());
    return true;
  }

  private void emitReady() {
    while (!closed) {
      long now = settings.clock().nowMillis();
      long bar = nextOpen;
      if (!resolved(bar)) {
        long sinceClose = now - interval.closeTime(bar);
        if (sinceClose < settings.grace().toMillis() || bar > lastClosedOpen(now)) {
          return;
        }
        if (!lookUpMissing(bar, now)
            && sinceClose < settings.grace().plus(settings.maxRepairWait()).toMillis()) {
          return;
        }
      }
      emit(bar);
    }
  }

  private boolean resolved(long bar) {
    for (long r : resolvedThrough) {
      if (r < bar) {
        return false;
      }
    }
    return true;
  }

  /** Grace has passed: one REST lookup of {@code bar} per missing symbol. False if any failed. */
  private boolean lookUpMissing(long bar, long now) {
    if (lastFailedLookupMs != Long.MIN_VALUE && now - lastFailedLookupMs < LOOKUP_RETRY_MS) {
      return false;
    }
    boolean ok = true;
    for (int s = 0; s < symbols.size(); s++) {
      if (resolvedThrough[s] < bar && !repair(s, bar, bar, "grace")) {
        ok = false;
      }
    }
    lastFailedLookupMs = ok ? Long.MIN_VALUE : now;
    return ok;
  }

  private void emit(long bar) {
    Slot slot = pending.remove(bar);
    if (slot == null) {
      slot = new Slot(symbols.size());
    }
    List<String> missing = new ArrayList<>();
    for (int s = 0; s < symbols.size(); s++) {
      resolvedThrough[s] = Math.max(resolvedThrough[s], bar);
      if (!slot.present[s]) {
        missing.add(symbols.get(s));
      }
    }
    nextOpen = bar + step;
    emitted.incrementAndGet();
    if (!missing.isEmpty()) {
      LOG.info("live bars: bar {} has no kline for {}", Times.iso(bar), missing);
    }
    try {
      listener.onBar(bar, slot.close, slot.quoteVolume);
    } catch (RuntimeException e) {
      LOG.error("live bars: the listener failed on bar {}", Times.iso(bar), e);
    }
  }
}
