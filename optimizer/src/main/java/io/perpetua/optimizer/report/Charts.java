package io.perpetua.optimizer.report;

import io.perpetua.backtest.report.Html;
import java.util.List;
import java.util.Locale;

/**
 * The optimiser report's own inline SVG charts (the time series come from the backtest report's
 * {@code SvgChart}): lines over trial numbers, a scatter with highlighted points and a heat map. No
 * script, no external resource. Stateless.
 */
final class Charts {
  private static final int W = 900;
  private static final int H = 260;
  private static final int L = 70;
  private static final int B = 30;
  private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};

  private Charts() {}

  /** One line per series over x = 0, 1, 2, ... (NaN leaves a gap). */
  static String lines(String title, List<double[]> series, List<String> names) {
    double[] r = range(series);
    int n = series.stream().mapToInt(s -> s.length).max().orElse(0);
    StringBuilder b = open(title);
    if (r == null || n < 1) {
      return b.append(empty()).append("</svg>").toString();
    }
    axes(b, r[0], r[1], "trial", 0, n - 1);
    for (int k = 0; k < series.size(); k++) {
      double[] s = series.get(k);
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < s.length; i++) {
        if (!Double.isFinite(s[i])) {
          pen = false;
          continue;
        }
        path.append(pen ? "L" : "M")
            .append(f(x(i, 0, Math.max(1, n - 1))))
            .append(',')
            .append(f(y(s[i], r[0], r[1])));
        pen = true;
      }
      String color = COLORS[k % COLORS.length];
      b.append("<path fill=\"none\" stroke=\"")
          .append(color)
          .append("\" stroke-width=\"1.5\" d=\"")
          .append(path)
          .append("\"><title>")
          .append(Html.escape(names.get(k)))
          .append("</title></path>");
      b.append("<text x=\"")
          .append(L + 10 + 110 * k)
          .append("\" y=\"12\" font-size=\"11\" fill=\"")
          .append(color)
          .append("\">")
          .append(Html.escape(names.get(k)))
          .append("</text>");
    }
    return b.append("</svg>").toString();
  }

  /** A scatter of (x, y); points flagged in {@code highlight} are drawn larger and red. */
  static String scatter(
      String title, String xName, String yName, double[] xs, double[] ys, boolean[] highlight) {
    StringBuilder b = open(title);
    double[] rx = range(List.of(xs));
    double[] ry = range(List.of(ys));
    if (rx == null || ry == null) {
      return b.append(empty()).append("</svg>").toString();
    }
    axes(b, ry[0], ry[1], xName, rx[0], rx[1]);
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
        continue;
      }
      double px = L + (xs[i] - rx[0]) / (rx[1] - rx[0]) * (W - L - 16);
      b.append("<circle cx=\"")
          .append(f(px))
          .append("\" cy=\"")
          .append(f(y(ys[i], ry[0], ry[1])))
          .append("\" r=\"")
          .append(highlight[i] ? 5 : 2.5)
          .append("\" fill=\"")
          .append(highlight[i] ? "#d62728" : "#1f77b4")
          .append("\" opacity=\"0.8\"/>");
    }
    b.append("<text x=\"")
        .append(L)
        .append("\" y=\"12\" font-size=\"11\">y: ")
        .append(Html.escape(yName))
        .append("</text>");
    return b.append("</svg>").toString();
  }

  /**
   * A heat map: {@code cells[i][j]} coloured by value (NaN blank), rows labelled by {@code yLabels}
   * (bottom to top), columns by {@code xLabels}.
   */
  static String heatMap(
      String title,
      String xName,
      String yName,
      String[] xLabels,
      String[] yLabels,
      double[][] cells) {
    StringBuilder b = open(title);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] row : cells) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      return b.append(empty()).append("</svg>").toString();
    }
    int nx = xLabels.length;
    int ny = yLabels.length;
    double cw = (W - L - 16) / (double) nx;
    double ch = (H - B - 20) / (double) ny;
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        double v = cells[j][i];
        if (!Double.isFinite(v)) {
          continue;
        }
        double t = hi == lo ? 0.5 : (v - lo) / (hi - lo);
        int red = (int) Math.round(255 * (1 - t));
        int green = (int) Math.round(80 + 150 * t);
        b.append("<rect x=\"")
            .append(f(L + i * cw))
            .append("\" y=\"")
            .append(f(20 + (ny - 1 - j) * ch))
            .append("\" width=\"")
            .append(f(cw))
            .append("\" height=\"")
            .append(f(ch))
            .append("\" fill=\"rgb(")
            .append(red)
            .append(',')
            .append(green)
            .append(",90)\"><title>")
            .append(Html.escape(xLabels[i]))
            .append(", ")
            .append(Html.escape(yLabels[j]))
            .append(": ")
            .append(Html.number(v, 3))
            .append("</title></rect>");
      }
    }
    legend(b, xName, yName, xLabels, yLabels, lo, hi, cw, ch);
    return b.append("</svg>").toString();
  }

  private static void legend(
      StringBuilder b,
      String xName,
      String yName,
      String[] xLabels,
      String[] yLabels,
      double lo,
      double hi,
      double cw,
      double ch) {
    int nx = xLabels.length;
    int ny = yLabels.length;
    for (int i = 0; i < nx; i += Math.max(1, nx / 8)) {
      label(b, L + (i + 0.5) * cw, H - 10, "middle", xLabels[i]);
    }
    for (int j = 0; j < ny; j += Math.max(1, ny / 6)) {
      label(b, L - 6, 20 + (ny - j - 0.5) * ch + 4, "end", yLabels[j]);
    }
    b.append("<text x=\"")
        .append(L)
        .append("\" y=\"12\" font-size=\"11\">x: ")
        .append(Html.escape(xName))
        .append(", y: ")
        .append(Html.escape(yName))
        .append(", colour: mean objective (red low, green high; ")
        .append(Html.number(lo, 3))
        .append(" .. ")
        .append(Html.number(hi, 3))
        .append(")</text>");
  }

  private static StringBuilder open(String title) {
    return new StringBuilder()
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\">");
  }

  private static String empty() {
    return "<text x=\"450\" y=\"130\" text-anchor=\"middle\" fill=\"#888\">no data</text>";
  }

  private static void axes(
      StringBuilder b, double ylo, double yhi, String xName, double xlo, double xhi) {
    b.append("<line x1=\"")
        .append(L)
        .append("\" y1=\"")
        .append(H - B)
        .append("\" x2=\"")
        .append(W - 16)
        .append("\" y2=\"")
        .append(H - B)
        .append("\" stroke=\"#999\"/>");
    for (int k = 0; k <= 4; k++) {
      double v = ylo + (yhi - ylo) * k / 4;
      label(b, L - 6, y(v, ylo, yhi) + 4, "end", Html.number(v, 3));
      double xv = xlo + (xhi - xlo) * k / 4;
      label(
          b, L + (W - L - 16) * k / 4.0, H - 10, "middle", Html.number(xv, xhi - xlo > 20 ? 0 : 2));
    }
    label(b, W - 16, H - B - 4, "end", xName);
  }

  private static void label(StringBuilder b, double x, double y, String anchor, String s) {
    b.append("<text x=\"")
        .append(f(x))
        .append("\" y=\"")
        .append(f(y))
        .append("\" font-size=\"10\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(Html.escape(s))
        .append("</text>");
  }

  private static double[] range(List<double[]> series) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] s : series) {
      for (double v : s) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    if (lo > hi) {
      return null;
    }
    if (lo == hi) {
      return new double[] {lo - 1, hi + 1};
    }
    return new double[] {lo, hi};
  }

  private static double x(double i, double lo, double hi) {
    return L + (i - lo) / (hi - lo) * (W - L - 16);
  }

  private static double y(double v, double lo, double hi) {
    return 20 + (1 - (v - lo) / (hi - lo)) * (H - B - 20);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
