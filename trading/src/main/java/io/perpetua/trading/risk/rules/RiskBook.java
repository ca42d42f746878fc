package io.perpetua.trading.risk.rules;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.time.Times;
import io.perpetua.trading.risk.Exposure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state the rules read and the breakers latch, all in fixed point: the equity peak, the UTC
 * day's opening equity and submitted turnover, the latched halts, the loss streak and its pause,
 * the venue outage and the latest portfolio reading. One book per risk engine.
 *
 * <p>Not thread-safe: guarded by the risk engine's monitor.
 */
public final class RiskBook {
  /** Cursor key prefix of the book in the kernel checkpoint. */
  public static final String CURSOR_PREFIX = "risk_";

  Money peakEquity;
  long day = Long.MIN_VALUE;
  Money dayStartEquity;
  Money dayTurnover = Money.ZERO;
  boolean drawdownHalted;
  boolean dailyLossHalted;
  boolean closeAllRequested;
  long pauseUntilMs = Long.MIN_VALUE;
  int lossStreak;
  long venueDownSinceMs = Long.MIN_VALUE;
  long staleAfterMs;
  final Map<InstrumentId, Money> openTradePnl = new HashMap<>();
  private Exposure last;
  private long nowMs = Long.MIN_VALUE;

  /** A fresh book blocking orders on prices older than {@code staleAfterMs} (0 = never). */
  public RiskBook(long staleAfterMs) {
    this.staleAfterMs = staleAfterMs;
  }

  /** Starts a new UTC day at {@code now} with {@code equity} (resets the daily-loss halt). */
  public void rollDay(long now, Money equity, RiskEvents events) {
    long d = Math.floorDiv(now, Times.DAY_MS);
    if (d != day) {
      day = d;
      dayStartEquity = equity;
      dayTurnover = Money.ZERO;
      if (dailyLossHalted) {
        dailyLossHalted = false;
        events.record(now, "breaker_reset", "daily_loss", null, "new UTC day");
      }
    }
  }

  /** Takes a new reading: the equity peak follows it. */
  public void observe(Exposure reading) {
    if (peakEquity == null || reading.equity().compareTo(peakEquity) > 0) {
      peakEquity = reading.equity();
    }
    last = reading;
    advance(reading.timeMs());
  }

  /**
   * The engine saw kernel time {@code timeMs} (a reading, an order check, a fill): the book's clock
   * moves to it, never backwards.
   */
  public void advance(long timeMs) {
    if (timeMs > nowMs) {
      nowMs = timeMs;
    }
  }

  /**
   * The latest kernel time seen ({@link #advance}), or {@code Long.MIN_VALUE} before any: the time
   * at which the status reports time-bound states (the loss-streak pause), the same the pre-trade
   * checks use.
   */
  public long nowMs() {
    return nowMs;
  }

  /** The latest reading, or null before the first. */
  public Exposure last() {
    return last;
  }

  /** Adds an accepted order's notional to the day's turnover. */
  public void addTurnover(Money notional) {
    dayTurnover = dayTurnover.plus(notional);
  }

  /** Sets the market-data age limit (0 = off). */
  public void staleAfter(long ms) {
    staleAfterMs = ms;
  }

  /** The market-data age limit (0 = off). */
  public long staleAfterMs() {
    return staleAfterMs;
  }

  /** True while a latched halt or the loss-streak pause holds at {@code now}. */
  public boolean drawdownHalted() {
    return drawdownHalted;
  }

  /** True while the daily-loss breaker holds. */
  public boolean dailyLossHalted() {
    return dailyLossHalted;
  }

  /** True while the loss-streak pause holds at {@code now}. */
  public boolean paused(long now) {
    return now < pauseUntilMs;
  }

  /** True once after the daily-loss breaker asked for every position to be closed. */
  public boolean takeCloseAll() {
    boolean r = closeAllRequested;
    closeAllRequested = false;
    return r;
  }

  /** The venue's outage start, or {@code Long.MIN_VALUE} while it answers. */
  public long venueDownSinceMs() {
    return venueDownSinceMs;
  }

  /** Records the venue answering or not; true when that changed the state. */
  public boolean venueReachable(boolean reachable, long now) {
    if (reachable) {
      boolean was = venueDownSinceMs != Long.MIN_VALUE;
      venueDownSinceMs = Long.MIN_VALUE;
      return was;
    }
    if (venueDownSinceMs == Long.MIN_VALUE) {
      venueDownSinceMs = now;
      return true;
    }
    return false;
  }

  /**
   * An operator resumed trading: every latched halt lifts and the drawdown peak restarts at the
   * latest equity.
   */
  public void resume() {
    drawdownHalted = false;
    dailyLossHalted = false;
    pauseUntilMs = Long.MIN_VALUE;
    peakEquity = last == null ? null : last.equity();
  }

  /** The book as kernel cursor entries (committed with each checkpoint). */
  public Map<String, String> export() {
    Map<String, String> m = new LinkedHashMap<>();
    if (peakEquity != null) {
      m.put(CURSOR_PREFIX + "peak_equity", peakEquity.toString());
    }
    if (day != Long.MIN_VALUE) {
      m.put(CURSOR_PREFIX + "day", Long.toString(day));
      if (dayStartEquity != null) {
        m.put(CURSOR_PREFIX + "day_start_equity", dayStartEquity.toString());
      }
      m.put(CURSOR_PREFIX + "day_turnover", dayTurnover.toString());
    }
    m.put(CURSOR_PREFIX + "drawdown_halted", Boolean.toString(drawdownHalted));
    m.put(CURSOR_PREFIX + "daily_loss_halted", Boolean.toString(dailyLossHalted));
    m.put(CURSOR_PREFIX + "pause_until", Long.toString(pauseUntilMs));
    m.put(CURSOR_PREFIX + "loss_streak", Integer.toString(lossStreak));
    return m;
  }

  /**
   * Restores what {@link #export()} wrote (also the decimal strings of older checkpoints, which
   * held doubles); missing keys keep their initial values.
   */
  public void restore(Map<String, String> cursor) {
    String p = CURSOR_PREFIX;
    if (cursor.containsKey(p + "peak_equity")) {
      peakEquity = money(cursor.get(p + "peak_equity"));
    }
    if (cursor.containsKey(p + "day")) {
      day = Long.parseLong(cursor.get(p + "day"));
      String start = cursor.get(p + "day_start_equity");
      dayStartEquity = start == null || start.equals("NaN") ? null : money(start);
      dayTurnover = money(cursor.getOrDefault(p + "day_turnover", "0"));
    }
    drawdownHalted = Boolean.parseBoolean(cursor.getOrDefault(p + "drawdown_halted", "false"));
    dailyLossHalted = Boolean.parseBoolean(cursor.getOrDefault(p + "daily_loss_halted", "false"));
    pauseUntilMs = Long.parseLong(cursor.getOrDefault(p + "pause_until", "" + Long.MIN_VALUE));
    lossStreak = Integer.parseInt(cursor.getOrDefault(p + "loss_streak", "0"));
  }

  private static Money money(String text) {
    return Money.of(new BigDecimal(text).setScale(Money.SCALE, RoundingMode.HALF_EVEN));
  }
}
