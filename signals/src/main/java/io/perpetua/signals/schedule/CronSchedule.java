package io.perpetua.signals.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;

/**
 * A standard five-field cron expression ({@code minute hour day-of-month month day-of-week},
 * evaluated in UTC) with {@code *}, lists ({@code 1,5}), ranges ({@code 1-5}) and steps ({@code
 * *}{@code /15}, {@code 0-30/5}). Day-of-week 0 and 7 are Sunday. When both day fields are
 * restricted, a time matches if either matches (Vixie cron semantics).
 *
 * <p>Immutable and thread-safe.
 */
public final class CronSchedule {
  private static final long MINUTE_MS = 60_000L;
  private static final int MAX_SCAN_MINUTES = 366 * 24 * 60 * 5;

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private CronSchedule(String expression, String[] f) {
    this.expression = expression;
    this.minutes = field(f[0], 0, 59, "minute");
    this.hours = field(f[1], 0, 23, "hour");
    this.daysOfMonth = field(f[2], 1, 31, "day-of-month");
    this.months = field(f[3], 1, 12, "month");
    BitSet dow = field(f[4], 0, 7, "day-of-week");
    if (dow.get(7)) {
      dow.set(0);
    }
    this.daysOfWeek = dow;
    this.domRestricted = !"*".equals(f[2]);
    this.dowRestricted = !"*".equals(f[4]);
  }

  /** Parses an expression; the exception message names the bad field. */
  public static CronSchedule parse(String expression) {
    if (expression == null) {
      throw new IllegalArgumentException("cron expression is required");
    }
    String[] f = expression.trim().split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException(
          "cron expression '" + expression + "' must have 5 fields (minute hour dom month dow)");
    }
    return new CronSchedule(expression.trim(), f);
  }

  /** The first matching minute strictly after {@code afterMs} (epoch ms, UTC). */
  public long next(long afterMs) {
    long t = Math.floorDiv(afterMs, MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    for (int i = 0; i < MAX_SCAN_MINUTES; i++) {
      LocalDateTime dt = LocalDateTime.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC);
      if (!months.get(dt.getMonthValue()) || !dayMatches(dt)) {
        t = dt.toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        continue;
      }
      if (!hours.get(dt.getHour())) {
        t = dt.withMinute(0).plusHours(1).toInstant(ZoneOffset.UTC).toEpochMilli();
        continue;
      }
      int minute = minutes.nextSetBit(dt.getMinute());
      if (minute < 0) {
        t = dt.withMinute(0).plusHours(1).toInstant(ZoneOffset.UTC).toEpochMilli();
        continue;
      }
      // the next matching minute of this hour, without a date per minute in between
      return t + (minute - dt.getMinute()) * MINUTE_MS;
    }
    throw new IllegalStateException("cron '" + expression + "' never fires");
  }

  private boolean dayMatches(LocalDateTime dt) {
    boolean dom = daysOfMonth.get(dt.getDayOfMonth());
    boolean dow = daysOfWeek.get(dt.getDayOfWeek().getValue() % 7);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  /** The expression as given. */
  public String expression() {
    return expression;
  }

  @Override
  public String toString() {
    return expression;
  }

  private static BitSet field(String spec, int min, int max, String name) {
    BitSet bits = new BitSet(max + 1);
    for (String part : spec.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, name);
        range = part.substring(0, slash);
      }
      int lo;
      int hi;
      if ("*".equals(range)) {
        lo = min;
        hi = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        lo = number(ends[0], min, max, name);
        hi = number(ends[1], min, max, name);
        if (lo > hi) {
          throw new IllegalArgumentException("cron " + name + " range '" + range + "' is reversed");
        }
      } else {
        lo = number(range, min, max, name);
        hi = slash >= 0 ? max : lo;
      }
      for (int v = lo; v <= hi; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String text, int min, int max, String name) {
    try {
      int v = Integer.parseInt(text);
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            "cron " + name + " value " + v + " out of range " + min + ".." + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "cron " + name + " field: '" + text + "' is not a number", e);
    }
  }
}
