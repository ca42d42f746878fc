package io.perpetua.backtest.report;

import java.util.Locale;

/**
 * Text helpers of the HTML report: escaping and number formats. A non-finite number prints as
 * {@code n/a} ({@code NaN}) or {@code ∞} / {@code -∞}. Stateless.
 */
public final class Html {
  /** What an undefined ({@code NaN}) value prints as. */
  static final String NOT_AVAILABLE = "n/a";

  private Html() {}

  /** Escapes {@code & < > " '} so that any text is safe in element content and attributes. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code value} with {@code decimals} decimals and thousands separators. */
  public static String number(double value, int decimals) {
    String special = special(value);
    return special != null ? special : String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** A fraction as a percentage: 0.1234 → {@code 12.34 %}. */
  public static String percent(double fraction, int decimals) {
    String special = special(fraction);
    return special != null ? special : number(fraction * 100, decimals) + " %";
  }

  /** A duration in seconds as {@code 4.1 h} / {@code 2.3 d} / {@code 45 s}. */
  static String duration(double seconds) {
    String special = special(seconds);
    if (special != null) {
      return special;
    }
    if (seconds >= 86_400) {
      return number(seconds / 86_400, 1) + " d";
    }
    if (seconds >= 3_600) {
      return number(seconds / 3_600, 1) + " h";
    }
    if (seconds >= 60) {
      return number(seconds / 60, 1) + " min";
    }
    return number(seconds, 0) + " s";
  }

  private static String special(double v) {
    if (Double.isNaN(v)) {
      return NOT_AVAILABLE;
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    }
    return null;
  }
}
