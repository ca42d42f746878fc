package io.perpetua.analytics.overfit;

/**
 * The statistics that say whether a Sharpe ratio is skill or luck: the Probabilistic Sharpe Ratio
 * and the minimum track-record length (Bailey &amp; López de Prado 2012, "The Sharpe Ratio
 * Efficient Frontier", Journal of Risk 15(2)), the expected maximum Sharpe ratio of many trials and
 * the Deflated Sharpe Ratio (Bailey &amp; López de Prado 2014, "The Deflated Sharpe Ratio", Journal
 * of Portfolio Management 40(5)), and the minimum backtest length (Bailey, Borwein, López de Prado
 * &amp; Zhu 2014, "Pseudo-Mathematics and Financial Charlatanism", Notices of the AMS 61(5)).
 *
 * <p>Conventions (also in {@code docs/metrics.md}): every Sharpe ratio here is <b>per period</b>
 * (not annualised: divide an annual one by √P) with a risk-free rate of 0; {@code observations} is
 * the number T of returns it was measured on and the standard error uses {@code T − 1}; {@code
 * skew} is the third standardised moment and {@code kurtosis} the fourth, <b>not excess</b> (3 for
 * a normal distribution). The variance of the trials' Sharpe ratios is per period too (divide an
 * annual one by P). Stateless and thread-safe; invalid arguments throw {@link
 * IllegalArgumentException} naming the argument.
 */
public final class SharpeStatistics {
  /** The Euler–Mascheroni constant γ. */
  public static final double EULER_GAMMA = 0.5772156649015329;

  private SharpeStatistics() {}

  /**
   * The variance of the Sharpe ratio estimator under non-normal IID returns (Mertens 2002, as used
   * by Bailey &amp; López de Prado 2012, eq. 7): {@code (1 − skew·SR + (kurtosis − 1)/4·SR²) / (T −
   * 1)}.
   */
  public static double sharpeVariance(
      double sharpe, double observations, double skew, double kurtosis) {
    checkMoments(skew, kurtosis);
    checkObservations(observations);
    checkFinite("sharpe", sharpe);
    return dispersion(sharpe, skew, kurtosis) / (observations - 1);
  }

  /**
   * The Probabilistic Sharpe Ratio: the probability that the true Sharpe ratio exceeds {@code
   * benchmarkSharpe}, given {@code sharpe} measured on {@code observations} returns with the given
   * skewness and (non-excess) kurtosis: {@code PSR = Φ((SR − SR*)·√(T − 1) / √(1 − skew·SR +
   * (kurtosis − 1)/4·SR²))}.
   */
  public static double psr(
      double sharpe, double benchmarkSharpe, double observations, double skew, double kurtosis) {
    checkFinite("benchmarkSharpe", benchmarkSharpe);
    double variance = sharpeVariance(sharpe, observations, skew, kurtosis);
    if (variance == 0) {
      return sharpe > benchmarkSharpe ? 1 : sharpe < benchmarkSharpe ? 0 : 0.5;
    }
    return Normal.cdf((sharpe - benchmarkSharpe) / Math.sqrt(variance));
  }

  /**
   * The expected maximum of {@code trials} independent Sharpe ratios drawn from a normal
   * distribution with mean 0 and variance {@code trialsVariance} (the "false strategy" theorem,
   * Bailey &amp; López de Prado 2014, eq. 6): {@code √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 −
   * 1/(N·e)))}. It is 0 for a single trial (nothing was selected).
   *
   * @param trials N ≥ 1, the number of independent trials
   * @param trialsVariance V ≥ 0, the variance of the trials' Sharpe ratios (per period)
   */
  public static double expectedMaxSharpe(double trials, double trialsVariance) {
    checkFinite("trialsVariance", trialsVariance);
    if (trialsVariance < 0) {
      throw new IllegalArgumentException(
          "trialsVariance must not be negative, was " + trialsVariance);
    }
    return Math.sqrt(trialsVariance) * maxOfStandardNormals(trials);
  }

  /**
   * The expected maximum of N independent standard normal draws, approximated as in Bailey &amp;
   * López de Prado 2014: {@code (1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))}; 0 for N = 1.
   */
  public static double maxOfStandardNormals(double trials) {
    checkTrials(trials);
    if (trials == 1) {
      return 0;
    }
    return (1 - EULER_GAMMA) * Normal.inverseCdf(1 - 1 / trials)
        + EULER_GAMMA * Normal.inverseCdf(1 - 1 / (trials * Math.E));
  }

  /**
   * The Deflated Sharpe Ratio: the PSR against the Sharpe ratio the best of {@code trials}
   * worthless strategies would show, {@code DSR = PSR(SR₀)} with {@code SR₀ =
   * expectedMaxSharpe(trials, trialsVariance)} (Bailey &amp; López de Prado 2014, eq. 2).
   */
  public static double dsr(
      double sharpe,
      double observations,
      double trials,
      double trialsVariance,
      double skew,
      double kurtosis) {
    return psr(sharpe, expectedMaxSharpe(trials, trialsVariance), observations, skew, kurtosis);
  }

  /**
   * The minimum track-record length: the number of observations needed for the PSR against {@code
   * benchmarkSharpe} to reach {@code confidence} (Bailey &amp; López de Prado 2012, eq. 11): {@code
   * MinTRL = 1 + (1 − skew·SR + (kurtosis − 1)/4·SR²)·(Φ⁻¹(confidence) / (SR − SR*))²}. Infinite
   * when {@code sharpe ≤ benchmarkSharpe} (no track record is long enough).
   */
  public static double minTrackRecordLength(
      double sharpe, double benchmarkSharpe, double skew, double kurtosis, double confidence) {
    checkMoments(skew, kurtosis);
    checkFinite("sharpe", sharpe);
    checkFinite("benchmarkSharpe", benchmarkSharpe);
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
    if (sharpe <= benchmarkSharpe) {
      return Double.POSITIVE_INFINITY;
    }
    double z = Normal.inverseCdf(confidence) / (sharpe - benchmarkSharpe);
    return 1 + dispersion(sharpe, skew, kurtosis) * z * z;
  }

  /**
   * The minimum backtest length (Bailey, Borwein, López de Prado &amp; Zhu 2014, eq. 6): the
   * length, in the time unit of {@code targetSharpe} (years for an annual Sharpe ratio, periods for
   * a per-period one), below which the best of {@code trials} independent worthless strategies is
   * expected to show a Sharpe ratio of at least {@code targetSharpe}: {@code MinBTL = (((1 −
   * γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))) / SR)²}. It assumes the Sharpe ratio measured over y
   * units has variance 1/y (IID returns). 0 for a single trial.
   */
  public static double minBacktestLength(double trials, double targetSharpe) {
    checkFinite("targetSharpe", targetSharpe);
    if (!(targetSharpe > 0)) {
      throw new IllegalArgumentException("targetSharpe must be positive, was " + targetSharpe);
    }
    double m = maxOfStandardNormals(trials) / targetSharpe;
    return m * m;
  }

  /**
   * The per-period Sharpe ratio {@code mean / std} of a return series, with the sample standard
   * deviation (n − 1) and a risk-free rate of 0, as {@code ReturnStatistics.sharpe} before
   * annualisation; {@code NaN} when n &lt; 2 or the standard deviation is 0.
   */
  public static double sharpe(double[] returns) {
    Moments m = Moments.of(returns);
    return m.sharpe();
  }

  /** {@code 1 − skew·SR + (kurtosis − 1)/4·SR²}. */
  private static double dispersion(double sharpe, double skew, double kurtosis) {
    return Math.max(0, 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe);
  }

  static void checkMoments(double skew, double kurtosis) {
    checkFinite("skew", skew);
    checkFinite("kurtosis", kurtosis);
    // Pearson's inequality: every distribution has kurtosis >= 1 + skew^2 (non-excess). An excess
    // kurtosis passed by mistake usually breaks it.
    if (kurtosis < 1 + skew * skew - 1e-9) {
      throw new IllegalArgumentException(
          "kurtosis must be at least 1 + skew² = "
              + (1 + skew * skew)
              + " (non-excess kurtosis: 3 for a normal distribution), was "
              + kurtosis);
    }
  }

  static void checkObservations(double observations) {
    if (!(observations >= 2) || Double.isInfinite(observations)) {
      throw new IllegalArgumentException(
          "observations must be a number of at least 2, was " + observations);
    }
  }

  static void checkTrials(double trials) {
    if (!(trials >= 1) || Double.isInfinite(trials)) {
      throw new IllegalArgumentException("trials must be at least 1, was " + trials);
    }
  }

  static void checkFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number, was " + value);
    }
  }
}
