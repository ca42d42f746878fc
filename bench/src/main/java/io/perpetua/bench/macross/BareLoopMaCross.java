package io.perpetua.bench.macross;

import io.perpetua.signals.strategy.MaCrossStrategy;
import java.util.List;

/**
 * The MA-cross rule of {@link MaCrossStrategy} as a bare loop over each symbol's primitive close
 * array: running fixed-point sums, the same exact comparison and state machine, and the kernel's
 * timing (the decision at bar {@code k}'s close fills at bar {@code k + 1}'s close; a decision at
 * the last bar does not fill). The practical ceiling of any engine running this rule.
 *
 * <p>Stateless and thread-safe.
 */
public final class BareLoopMaCross {
  private static final double PRICE_SCALE = 1e8; // MaCrossStrategy.PRICE_DECIMALS

  private BareLoopMaCross() {}

  /** Runs the rule over every symbol's closes. */
  public static TradeList run(List<String> symbols, double[][] closes, int fast, int slow) {
    TradeList.Builder trades = TradeList.builder(symbols);
    for (int s = 0; s < closes.length; s++) {
      runSymbol(closes[s], fast, slow, trades, s);
    }
    return trades.build();
  }

  /** Runs the rule over {@code data}'s per-symbol closes. */
  public static TradeList run(MaCrossData data, int fast, int slow) {
    double[][] closes = new double[data.symbolCount()][];
    for (int s = 0; s < closes.length; s++) {
      closes[s] = data.closes(s);
    }
    return run(data.symbols(), closes, fast, slow);
  }

  private static void runSymbol(
      double[] close, int fast, int slow, TradeList.Builder trades, int symbol) {
    long fastSum = 0;
    long slowSum = 0;
    int lastSign = 0;
    boolean holding = false;
    int last = close.length - 1;
    for (int k = 0; k <= last; k++) {
      long p = Math.round(close[k] * PRICE_SCALE);
      fastSum += p;
      slowSum += p;
      if (k >= fast) {
        fastSum -= Math.round(close[k - fast] * PRICE_SCALE);
      }
      if (k >= slow) {
        slowSum -= Math.round(close[k - slow] * PRICE_SCALE);
      }
      if (k < slow - 1) {
        continue;
      }
      int sign = compare(fastSum, slow, slowSum, fast);
      if (sign == 0) {
        continue;
      }
      if (lastSign != 0 && sign != lastSign && (sign > 0) != holding) {
        holding = sign > 0;
        if (k < last) {
          trades.fill(symbol, k + 1);
        }
      }
      lastSign = sign;
    }
  }

  /** Sign of {@code a·b − c·d}, exact for non-negative operands (128-bit products). */
  private static int compare(long a, long b, long c, long d) {
    long high = Math.multiplyHigh(a, b);
    long otherHigh = Math.multiplyHigh(c, d);
    if (high != otherHigh) {
      return high < otherHigh ? -1 : 1;
    }
    return Integer.signum(Long.compareUnsigned(a * b, c * d));
  }
}
