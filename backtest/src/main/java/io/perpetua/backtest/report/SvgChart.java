package io.perpetua.backtest.report;

import io.perpetua.core.time.Times;

/**
 * Inline SVG charts for the HTML report, drawn in Java with no script or external resource: a
 * time-series line or area chart and a bar chart with a zero line. Long series are reduced to at
 * most {@link #MAX_POINTS} points by keeping the minimum and maximum of each bucket, so troughs and
 * peaks survive. Stateless.
 */
public final class SvgChart {
  /** Points drawn at most per series. */
  static final int MAX_POINTS = 1200;

  private static final int WIDTH = 900;
  private static final int HEIGHT = 260;
  private static final int LEFT = 78;
  private static final int RIGHT = 16;
  private static final int TOP = 14;
  private static final int BOTTOM = 30;
  private static final int Y_TICKS = 6;
  private static final int X_TICKS = 6;

  private SvgChart() {}

  /**
   * A line chart of {@code values} over {@code times}, filled down to 0 when {@code area}; the
   * y-axis shows percentages when {@code percent}. {@code NaN} values leave a gap.
   */
  public static String timeSeries(
      String title, long[] times, double[] values, boolean percent, boolean area, String color) {
    StringBuilder b = open(title);
    double[] range = finiteRange(values, area);
    if (range == null) {
      return b.append(noData()).append("</svg>").toString();
    }
    Axis y = Axis.of(range[0], range[1], Y_TICKS);
    long t0 = times[0];
    long t1 = times[times.length - 1];
    yAxis(b, y, percent);
    xAxis(b, t0, t1);
    int[] idx = downsample(values);
    StringBuilder path = new StringBuilder(idx.length * 14);
    boolean pen = false;
    double firstX = Double.NaN;
    double lastX = Double.NaN;
    for (int i : idx) {
      if (Double.isNaN(values[i])) {
        pen = false;
        continue;
      }
      double x = x(times[i], t0, t1);
      path.append(pen ? " L" : " M").append(c(x)).append(' ').append(c(y.pixel(values[i])));
      pen = true;
      firstX = Double.isNaN(firstX) ? x : firstX;
      lastX = x;
    }
    if (area) {
      String zero = c(y.pixel(0));
      b.append("<path class=\"area\" fill=\"")
          .append(color)
          .append("\" fill-opacity=\"0.25\" stroke=\"none\" d=\"M")
          .append(c(firstX))
          .append(' ')
          .append(zero)
          .append(path.toString().replace(" M", " L"))
          .append(" L")
          .append(c(lastX))
          .append(' ')
          .append(zero)
          .append(" Z\"/>");
    }
    b.append("<path class=\"line\" fill=\"none\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"1.5\" d=\"")
        .append(path.toString().strip())
        .append("\"/>");
    return b.append("</svg>").toString();
  }

  /** Vertical bars, green above and red below the zero line, each labelled with its value. */
  public static String bars(String title, String[] labels, double[] values) {
    StringBuilder b = open(title);
    double[] range = finiteRange(values, true);
    if (range == null) {
      return b.append(noData()).append("</svg>").toString();
    }
    Axis y = Axis.of(range[0], range[1], Y_TICKS);
    yAxis(b, y, false);
    double slot = (WIDTH - LEFT - RIGHT) / (double) labels.length;
    double zero = y.pixel(0);
    for (int i = 0; i < labels.length; i++) {
      double center = LEFT + slot * (i + 0.5);
      text(b, center, HEIGHT - 10, "middle", labels[i]);
      double v = values[i];
      if (!Double.isFinite(v)) {
        text(b, center, zero - 4, "middle", Html.NOT_AVAILABLE);
        continue;
      }
      double top = Math.min(zero, y.pixel(v));
      double h = Math.max(1, Math.abs(y.pixel(v) - zero));
      b.append("<rect class=\"bar\" x=\"")
          .append(c(center - slot * 0.3))
          .append("\" y=\"")
          .append(c(top))
          .append("\" width=\"")
          .append(c(slot * 0.6))
          .append("\" height=\"")
          .append(c(h))
          .append("\" fill=\"")
          .append(v >= 0 ? "#16a34a" : "#dc2626")
          .append("\"/>");
      double labelY = v >= 0 ? top - 4 : top + h + 12;
      text(b, center, labelY, "middle", Html.number(v, 2));
    }
    line(b, LEFT, zero, WIDTH - RIGHT, zero, "zero");
    return b.append("</svg>").toString();
  }

  private static StringBuilder open(String title) {
    return new StringBuilder(8192)
        .append("<svg class=\"chart\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\"><title>")
        .append(Html.escape(title))
        .append("</title>");
  }

  private static String noData() {
    return "<text x=\""
        + WIDTH / 2
        + "\" y=\""
        + HEIGHT / 2
        + "\" text-anchor=\"middle\">no data</text>";
  }

  private static void yAxis(StringBuilder b, Axis y, boolean percent) {
    for (int k = 0; ; k++) {
      double v = y.min() + k * y.step();
      if (v > y.max() + y.step() * 1e-9) {
        break;
      }
      double py = y.pixel(v);
      line(b, LEFT, py, WIDTH - RIGHT, py, "grid");
      int decimals = Math.max(0, (int) Math.ceil(-Math.log10(y.step() * (percent ? 100 : 1))));
      String label = percent ? Html.percent(v, decimals) : Html.number(v, decimals);
      text(b, LEFT - 6, py + 4, "end", label);
    }
  }

  private static void xAxis(StringBuilder b, long t0, long t1) {
    int ticks = t1 > t0 ? X_TICKS : 1;
    for (int k = 0; k < ticks; k++) {
      long t = ticks == 1 ? t0 : t0 + Math.round((t1 - t0) * (k / (double) (ticks - 1)));
      String anchor = ticks == 1 ? "middle" : k == 0 ? "start" : k == ticks - 1 ? "end" : "middle";
      text(b, x(t, t0, t1), HEIGHT - 10, anchor, Times.isoDate(t));
    }
  }

  private static double x(long t, long t0, long t1) {
    double w = WIDTH - LEFT - RIGHT;
    return t1 > t0 ? LEFT + w * ((t - t0) / (double) (t1 - t0)) : LEFT + w / 2;
  }

  /** Indices to draw: all of them, or the first/last plus each bucket's min and max in order. */
  static int[] downsample(double[] values) {
    int n = values.length;
    if (n <= MAX_POINTS) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int buckets = MAX_POINTS / 2 - 1;
    int[] out = new int[MAX_POINTS];
    int m = 0;
    out[m++] = 0;
    for (int k = 0; k < buckets; k++) {
      int from = 1 + (int) ((long) (n - 2) * k / buckets);
      int to = 1 + (int) ((long) (n - 2) * (k + 1) / buckets);
      int lo = from;
      int hi = from;
      for (int i = from; i < to; i++) {
        lo = values[i] < values[lo] ? i : lo;
        hi = values[i] > values[hi] ? i : hi;
      }
      if (to > from) {
        out[m++] = Math.min(lo, hi);
        if (lo != hi) {
          out[m++] = Math.max(lo, hi);
        }
      }
    }
    out[m++] = n - 1;
    return java.util.Arrays.copyOf(out, m);
  }

  /** {min, max} of the finite values (and 0 when {@code withZero}); null when none is finite. */
  private static double[] finiteRange(double[] values, boolean withZero) {
    double min = withZero ? 0 : Double.POSITIVE_INFINITY;
    double max = withZero ? 0 : Double.NEGATIVE_INFINITY;
    boolean any = false;
    for (double v : values) {
      if (Double.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        any = true;
      }
    }
    return any ? new double[] {min, max} : null;
  }

  private static void line(
      StringBuilder b, double x1, double y1, double x2, double y2, String cls) {
    b.append("<line class=\"")
        .append(cls)
        .append("\" x1=\"")
        .append(c(x1))
        .append("\" y1=\"")
        .append(c(y1))
        .append("\" x2=\"")
        .append(c(x2))
        .append("\" y2=\"")
        .append(c(y2))
        .append("\"/>");
  }

  private static void text(StringBuilder b, double x, double y, String anchor, String s) {
    b.append("<text x=\"")
        .append(c(x))
        .append("\" y=\"")
        .append(c(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(Html.escape(s))
        .append("</text>");
  }

  /** A coordinate with one decimal. */
  private static String c(double v) {
    return Double.toString(Math.round(v * 10) / 10.0);
  }

  /**
   * A y-axis over [min, max] rounded outwards to a "nice" step (1, 2 or 5 × 10^k), mapped to the
   * plot's pixel rows.
   */
  private record Axis(double min, double max, double step) {
    static Axis of(double lo, double hi, int ticks) {
      if (hi - lo <= 0) {
        double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
        lo -= pad;
        hi += pad;
      }
      double raw = (hi - lo) / ticks;
      double mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / mag;
      double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
      return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step);
    }

    double pixel(double v) {
      double h = HEIGHT - TOP - BOTTOM;
      return TOP + h * (1 - (v - min) / (max - min));
    }
  }
}
