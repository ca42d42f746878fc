package io.perpetua.signals.strategy;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.MarketView;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moving-average crossover ({@code ma_cross}): a single-instrument rule applied to every
 * instrument, long only. On each instrument's own bars (a time with no close is skipped, not
 * filled), with {@code fast} and {@code slow} simple moving averages of the closes:
 *
 * <ul>
 *   <li>a bar is <em>scored</em> once {@code slow} bars exist; its sign is {@code +1} when fast SMA
 *       &gt; slow SMA, {@code −1} when below, {@code 0} when equal;
 *   <li>the rule <em>crosses up</em> at a scored bar of sign {@code +1} whose previous non-zero
 *       scored sign was {@code −1}, and <em>crosses down</em> symmetrically; it starts flat, goes
 *       long on a cross up and flat on a cross down (ties keep the state).
 * </ul>
 *
 * <p>This is ta4j's {@code CrossedUpIndicatorRule}/{@code CrossedDownIndicatorRule} on two {@code
 * SMAIndicator}s (ta4j 0.22 scans back through ties no further than the first full window). The
 * averages are compared exactly: closes are fixed-point ({@value #PRICE_DECIMALS} decimals, as
 * Binance quotes them) and {@code fastSum × slow} is compared with {@code slowSum × fast} in 128
 * bits, so a flat stretch is a tie, not rounding noise.
 *
 * <p>Long instruments that are pool members get {@code gross_exposure / pool size}; others get 0.
 * An instrument without a bar at decision time keeps its previous target (no new information, and
 * no order toward an instrument that cannot fill). The decision's no-trade band is half a slot, so
 * the strategy trades entries and exits, not the drift of held positions.
 *
 * <p><b>Call order.</b> The state is incremental (O(1) per instrument per bar): {@link #decide}
 * must see each view's bars in time order, with {@link MarketView#history()} counting the bars from
 * the start of the data — as the kernel's panel view does when it decides once per bar. Bars added
 * since the previous call (a skipped decision) are caught up; a view whose history or time goes
 * backwards, or whose instrument count changes, raises {@link IllegalStateException}: use one
 * instance per run. Immutable parameters; not thread-safe.
 */
public final class MaCrossStrategy extends ConfiguredStrategy {
  /** The configuration type name. */
  public static final String TYPE = "ma_cross";

  /** Decimals of the fixed-point closes the averages are compared in. */
  public static final int PRICE_DECIMALS = 8;

  private static final double PRICE_SCALE = 1e8;
  private static final Set<String> PARAMETERS = Set.of("fast", "slow", "gross_exposure");

  private final int fast;
  private final int slow;
  private final double grossExposure;

  // per instrument (dense index): ring buffer of the last `slow` fixed-point closes at
  // [i * slow, (i + 1) * slow), next write slot, bars seen (capped at slow), window sums,
  // last non-zero sign of a scored bar, and the rule's state
  private long[] window = new long[0];
  private int[] head = new int[0];
  private int[] seen = new int[0];
  private long[] fastSum = new long[0];
  private long[] slowSum = new long[0];
  private byte[] lastSign = new byte[0];
  private boolean[] holding = new boolean[0];
  private double[] lastWeight = new double[0];
  private int processed;
  private long lastTimeMs = Long.MIN_VALUE;

  /** Creates the strategy; requires {@code 1 <= fast < slow <= 10000}. */
  public MaCrossStrategy(StrategyId id, String poolName, int fast, int slow, double grossExposure) {
    super(id, poolName, List.of(), "fast", fast, "slow", slow, "gross_exposure", grossExposure);
    if (fast < 1 || slow <= fast || slow > 10_000) {
      throw new IllegalArgumentException(
          "parameters fast and slow must satisfy 1 <= fast < slow <= 10000, were "
              + fast
              + " and "
              + slow);
    }
    if (!(grossExposure > 0) || grossExposure > 10) {
      throw new IllegalArgumentException(
          "parameter gross_exposure must be in (0, 10], was " + grossExposure);
    }
    this.fast = fast;
    this.slow = slow;
    this.grossExposure = grossExposure;
  }

  /**
   * Decides at {@code view.time()}. The signal is {@code fast SMA / slow SMA − 1} (NaN before
   * {@code slow} bars).
   *
   * @throws IllegalStateException when called out of time order (see the class comment)
   */
  @Override
  public StrategyDecision decide(MarketView view, boolean[] pool, List<double[]> features) {
    int n = view.instrumentCount();
    catchUp(view, n);
    double[] signal = new double[n];
    double[] weights = new double[n];
    int members = 0;
    for (int i = 0; i < n; i++) {
      if (pool[i]) {
        members++;
      }
    }
    double w = members == 0 ? 0.0 : grossExposure / members;
    boolean any = view.history() > 0;
    for (int i = 0; i < n; i++) {
      signal[i] =
          seen[i] < slow ? Double.NaN : (fastSum[i] * (double) slow) / (slowSum[i] * fast) - 1;
      if (any && view.close(i, 0) > 0) {
        lastWeight[i] = holding[i] && pool[i] ? w : 0.0;
      }
      weights[i] = lastWeight[i];
    }
    return new StrategyDecision(view.time(), signal, weights, members, 0.5 * w);
  }

  /** Whether the rule is long instrument {@code i} after the bars seen so far. */
  public boolean isLong(int i) {
    return i < holding.length && holding[i];
  }

  /** Feeds the bars added since the previous call, oldest first. */
  private void catchUp(MarketView view, int n) {
    if (holding.length != n) {
      if (processed > 0) {
        throw new IllegalStateException(
            id() + ": instrument count changed from " + holding.length + " to " + n);
      }
      allocate(n);
    }
    int history = view.history();
    if (history < processed || view.time() < lastTimeMs) {
      throw new IllegalStateException(
          id()
              + ": decide called out of order (history "
              + history
              + " after "
              + processed
              + ", time "
              + view.time()
              + " after "
              + lastTimeMs
              + "); use one strategy instance per run");
    }
    for (int ago = history - processed - 1; ago >= 0; ago--) {
      for (int i = 0; i < n; i++) {
        double c = view.close(i, ago);
        if (c > 0) {
          advance(i, Math.round(c * PRICE_SCALE));
        }
      }
    }
    processed = history;
    lastTimeMs = view.time();
  }

  private void allocate(int n) {
    window = new long[Math.multiplyExact(n, slow)];
    head = new int[n];
    seen = new int[n];
    fastSum = new long[n];
    slowSum = new long[n];
    lastSign = new byte[n];
    holding = new boolean[n];
    lastWeight = new double[n];
  }

  /** One new bar of instrument {@code i} at fixed-point close {@code price}. */
  private void advance(int i, long price) {
    int base = i * slow;
    int slot = head[i];
    int fastOut = slot - fast < 0 ? slot - fast + slow : slot - fast;
    int count = seen[i];
    long f = fastSum[i] + price;
    long s = slowSum[i] + price;
    if (count >= fast) {
      f -= window[base + fastOut];
    }
    if (count >= slow) {
      s -= window[base + slot];
    }
    window[base + slot] = price;
    head[i] = slot + 1 == slow ? 0 : slot + 1;
    fastSum[i] = f;
    slowSum[i] = s;
    if (count < slow) {
      seen[i] = ++count;
      if (count < slow) {
        return;
      }
    }
    int sign = compareProducts(f, slow, s, fast);
    if (sign != 0) {
      if (sign != lastSign[i] && lastSign[i] != 0) {
        holding[i] = sign > 0;
      }
      lastSign[i] = (byte) sign;
    }
  }

  /** Sign of {@code a·b − c·d} for non-negative operands, exact (128-bit products). */
  static int compareProducts(long a, long b, long c, long d) {
    long high = Math.multiplyHigh(a, b);
    long otherHigh = Math.multiplyHigh(c, d);
    if (high != otherHigh) {
      return high < otherHigh ? -1 : 1;
    }
    return Integer.signum(Long.compareUnsigned(a * b, c * d));
  }

  /** Creates {@code ma_cross} strategies from parameters. */
  public static final class Factory implements StrategyFactory {
    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public CrossSectionalStrategy create(StrategyId id, String poolName, Map<String, Object> p) {
      Params.requireKnown(p, PARAMETERS);
      return new MaCrossStrategy(
          id,
          poolName,
          Params.intValue(p, "fast", 12, 1, 9_999),
          Params.intValue(p, "slow", 48, 2, 10_000),
          Params.doubleValue(p, "gross_exposure", 1.0));
    }
  }
}
