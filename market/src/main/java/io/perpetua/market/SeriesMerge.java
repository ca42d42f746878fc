package io.perpetua.market;

/**
 * Linear-time union of two time-sorted columnar series; on equal times the newer row wins.
 * Stateless.
 */
final class SeriesMerge {
  private SeriesMerge() {}

  /** The merged times; {@code out} receives the merged columns (one per column of the inputs). */
  static long[] merge(long[] a, double[][] ca, long[] b, double[][] cb, double[][] out) {
    int n = unionSize(a, b);
    long[] times = new long[n];
    for (int c = 0; c < ca.length; c++) {
      out[c] = new double[n];
    }
    int i = 0;
    int j = 0;
    for (int k = 0; k < n; k++) {
      boolean takeB = i == a.length || (j < b.length && b[j] <= a[i]);
      if (takeB) {
        if (i < a.length && a[i] == b[j]) {
          i++;
        }
        copy(cb, j, out, k);
        times[k] = b[j++];
      } else {
        copy(ca, i, out, k);
        times[k] = a[i++];
      }
    }
    return times;
  }

  static BarSeries merge(BarSeries older, BarSeries newer) {
    double[][] out = new double[6][];
    long[] times = merge(older.times, older.columns(), newer.times, newer.columns(), out);
    return new BarSeries(older.instrument(), older.timeframe(), times, out);
  }

  /** Size of the union of two strictly increasing arrays. */
  static int unionSize(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        i++;
        j++;
      }
      n++;
    }
    return n + (a.length - i) + (b.length - j);
  }

  /** The sorted union of two strictly increasing arrays. */
  static long[] union(long[] a, long[] b) {
    long[] out = new long[unionSize(a, b)];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      long x = a[i];
      long y = b[j];
      if (x <= y) {
        out[k++] = x;
        i++;
        if (x == y) {
          j++;
        }
      } else {
        out[k++] = y;
        j++;
      }
    }
    while (i < a.length) {
      out[k++] = a[i++];
    }
    while (j < b.length) {
      out[k++] = b[j++];
    }
    return out;
  }

  private static void copy(double[][] from, int i, double[][] to, int k) {
    for (int c = 0; c < from.length; c++) {
      to[c][k] = from[c][i];
    }
  }
}
