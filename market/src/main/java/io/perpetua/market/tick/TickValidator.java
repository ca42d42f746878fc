package io.perpetua.market.tick;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate for hostile tick data on every path (file replay, flow backtest, live stream): a
 * trade is rejected when its quantity is not positive, its price is not positive or not finite, any
 * field is NaN, its id does not increase (a duplicate or an out-of-order id) or its time goes
 * backwards for its instrument; any other order-flow tick when its time goes backwards for its
 * instrument and kind. A rejected tick never reaches the caller's state: the caller drops it.
 *
 * <p>Every rejection is counted by {@link Reason}; a WARN names the source, the reason and the
 * tick, at most once per {@value #WARN_EVERY_MS} ms per reason (with the number suppressed since).
 *
 * <p>Not thread-safe: one validator per tick stream, used by that stream's thread.
 */
public final class TickValidator {
  /** Why a tick was rejected; {@link #code()} is the stable name in logs and counters. */
  public enum Reason {
    /** Quantity zero or negative. */
    NON_POSITIVE_QUANTITY,
    /** Price zero or negative. */
    NON_POSITIVE_PRICE,
    /** A NaN or infinite field. */
    NOT_FINITE,
    /** The trade id was already delivered. */
    DUPLICATE_ID,
    /** The trade id is below the last delivered one. */
    OUT_OF_ORDER_ID,
    /** The time is before the last delivered tick's of the same instrument (and kind). */
    TIME_BACKWARDS;

    /** The wire/log code: the lower-case name. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Minimum interval between two WARNs of one reason. */
  public static final long WARN_EVERY_MS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(TickValidator.class);

  private final String source;
  private final LongSupplier wallClock;
  private final Map<Object, long[]> lastTrade = new HashMap<>();
  private final Map<Object, Long> lastTime = new HashMap<>();
  private final long[] counts = new long[Reason.values().length];
  private final long[] lastWarnMs = new long[Reason.values().length];
  private final long[] suppressed = new long[Reason.values().length];

  /** A validator for the stream {@code source} (named in the logs). */
  public TickValidator(String source) {
    this(source, System::currentTimeMillis);
  }

  /** The same with a wall clock for the WARN rate limit (tests). */
  public TickValidator(String source, LongSupplier wallClock) {
    this.source = source;
    this.wallClock = wallClock;
    java.util.Arrays.fill(lastWarnMs, Long.MIN_VALUE);
  }

  /**
   * The reason raw trade values are unacceptable, or null: quantity and price must be positive and
   * finite. Stateless; usable before a tick record can even be built.
   */
  public static Reason fieldReason(double price, double quantity) {
    if (!Double.isFinite(price) || !Double.isFinite(quantity)) {
      return Reason.NOT_FINITE;
    }
    if (!(quantity > 0)) {
      return Reason.NON_POSITIVE_QUANTITY;
    }
    return price > 0 ? null : Reason.NON_POSITIVE_PRICE;
  }

  /**
   * Checks one trade of the stream {@code key} (an instrument or a venue symbol); true when it is
   * accepted (and becomes the last of its stream), false when rejected (counted and logged).
   */
  public boolean acceptTrade(Object key, long id, long timeMs, double price, double quantity) {
    Reason r = fieldReason(price, quantity);
    long[] last = lastTrade.get(key);
    if (r == null && last != null) {
      if (id == last[0]) {
        r = Reason.DUPLICATE_ID;
      } else if (id < last[0]) {
        r = Reason.OUT_OF_ORDER_ID;
      } else if (timeMs < last[1]) {
        r = Reason.TIME_BACKWARDS;
      }
    }
    if (r != null) {
      reject(r, key + " trade " + id + " at " + timeMs + ": price " + price + ", qty " + quantity);
      return false;
    }
    if (last == null) {
      lastTrade.put(key, new long[] {id, timeMs});
    } else {
      last[0] = id;
      last[1] = timeMs;
    }
    return true;
  }

  /**
   * Checks any order-flow tick: trades as {@link #acceptTrade}, the others on time order per
   * instrument and kind (their fields are validated by their records).
   */
  public boolean accept(FlowTick tick) {
    if (tick instanceof AggTrade a) {
      return acceptTrade(a.instrument(), a.aggId(), a.timeMs(), a.price(), a.quantity());
    }
    Object key = java.util.List.of(tick.instrument(), tick.getClass());
    Long last = lastTime.get(key);
    if (last != null && tick.timeMs() < last) {
      reject(Reason.TIME_BACKWARDS, tick + " after " + last);
      return false;
    }
    lastTime.put(key, tick.timeMs());
    return true;
  }

  /** Counts and logs a rejection the caller detected itself (e.g. a duplicate it dropped). */
  public void reject(Reason reason, String detail) {
    int i = reason.ordinal();
    counts[i]++;
    long now = wallClock.getAsLong();
    if (lastWarnMs[i] == Long.MIN_VALUE || now - lastWarnMs[i] >= WARN_EVERY_MS) {
      LOG.warn(
          "{}: tick rejected ({}): {}{}",
          source,
          reason.code(),
          detail,
          suppressed[i] > 0 ? " (" + suppressed[i] + " more since the last warning)" : "");
      lastWarnMs[i] = now;
      suppressed[i] = 0;
    } else {
      suppressed[i]++;
    }
  }

  /** Rejections so far by reason code (every reason, zeros included, in declaration order). */
  public Map<String, Long> rejections() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Reason r : Reason.values()) {
      out.put(r.code(), counts[r.ordinal()]);
    }
    return out;
  }

  /** Rejections so far by reason. */
  public Map<Reason, Long> counts() {
    Map<Reason, Long> out = new EnumMap<>(Reason.class);
    for (Reason r : Reason.values()) {
      out.put(r, counts[r.ordinal()]);
    }
    return out;
  }

  /** All rejections so far. */
  public long rejected() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }
}
