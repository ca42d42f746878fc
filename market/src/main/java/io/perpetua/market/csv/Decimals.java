package io.perpetua.market.csv;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from ASCII bytes. Doubles take the exact fast path (Clinger: a
 * mantissa below 2<sup>53</sup> scaled by a power of ten up to 10<sup>22</sup> is rounded once,
 * correctly) and otherwise fall back to {@link Double#parseDouble}, so results are always identical
 * to it. Only decimal syntax is accepted (no NaN, Infinity or hex). Stateless.
 */
final class Decimals {
  private static final double[] POW10 = new double[23];
  private static final long MAX_EXACT = 1L << 53;

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private Decimals() {}

  /** The number in {@code b[from, to)}, or NaN when it is not a decimal number. */
  static double parseDouble(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int exponent = 0;
    int digits = 0;
    boolean overflow = false;
    boolean dot = false;
    for (; i < to; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        digits++;
        if (mantissa < MAX_EXACT) {
          mantissa = mantissa * 10 + (c - '0');
          if (dot) {
            exponent--;
          }
        } else {
          overflow = true;
          if (!dot) {
            exponent++;
          }
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    if (i < to) {
      if (b[i] != 'e' && b[i] != 'E') {
        return Double.NaN;
      }
      long e = parseLong(b, i + 1, to);
      if (e == Long.MIN_VALUE || Math.abs(e) > 1000) {
        return e == Long.MIN_VALUE ? Double.NaN : slow(b, from, to);
      }
      exponent += (int) e;
    }
    if (overflow || mantissa > MAX_EXACT || exponent < -22 || exponent > 22) {
      return slow(b, from, to);
    }
    double v = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
    return negative ? -v : v;
  }

  private static double slow(byte[] b, int from, int to) {
    try {
      return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The integer in {@code b[from, to)}, or {@link Long#MIN_VALUE} when it is not one. */
  static long parseLong(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    if (i == to || to - i > 18) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (; i < to; i++) {
      int c = b[i];
      if (c < '0' || c > '9') {
        return Long.MIN_VALUE;
      }
      v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }
}
