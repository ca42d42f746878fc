package io.perpetua.backtest.job;

import io.perpetua.core.Echo;
import io.perpetua.core.Timeframe;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.market.BarResampler;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Checks a {@link BacktestRequest} before a job is created, so that a bad request never becomes a
 * job: the strategy and its parameter names must be in the {@link StrategyCatalog} (and pass its
 * value check), every symbol must be known, the timeframe must be one the market data can serve
 * (stored, or resampled exactly from a stored one: {@link BarResampler}), and the numbers must be
 * in range. Immutable and thread-safe.
 *
 * <p>Ranges: leverage {@value #MIN_LEVERAGE}..{@value #MAX_LEVERAGE}; fees 0..{@value #MAX_FEE_BPS}
 * bps; slippage 0..{@value #MAX_SLIPPAGE_BPS} bps; capital above 0 and at most {@value
 * #MAX_CAPITAL}; rebalance period 1..{@value #MAX_REBALANCE_DAYS} days; start strictly before end;
 * data source {@code kline} or {@code dollar_bar}.
 */
public final class JobValidator {
  /** Lowest leverage. */
  public static final int MIN_LEVERAGE = 1;

  /** Highest leverage (Binance's maximum on USDT-M perpetuals). */
  public static final int MAX_LEVERAGE = 125;

  /** Highest fee, bps (1 %). */
  public static final int MAX_FEE_BPS = 100;

  /** Highest slippage, bps (10 %). */
  public static final int MAX_SLIPPAGE_BPS = 1000;

  /** Highest initial capital, USDT. */
  public static final double MAX_CAPITAL = 1e12;

  /** Longest rebalance period, days. */
  public static final int MAX_REBALANCE_DAYS = 365;

  /** The data sources. */
  public static final Set<String> DATA_SOURCES = Set.of("kline", "dollar_bar");

  private final StrategyCatalog catalog;
  private final Predicate<String> knownSymbols;
  private final Set<Timeframe> storedTimeframes;

  /**
   * A validator.
   *
   * @param catalog the strategies jobs may run
   * @param knownSymbols whether a venue symbol (e.g. {@code BTCUSDT}) has data
   * @param storedTimeframes the timeframes the market data holds bars of
   */
  public JobValidator(
      StrategyCatalog catalog,
      Predicate<String> knownSymbols,
      Collection<Timeframe> storedTimeframes) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.knownSymbols = Objects.requireNonNull(knownSymbols, "knownSymbols");
    this.storedTimeframes = Set.copyOf(storedTimeframes);
  }

  /** The catalog. */
  public StrategyCatalog catalog() {
    return catalog;
  }

  /**
   * Checks {@code request}.
   *
   * @throws InvalidJobException naming the first problem found
   */
  public void validate(BacktestRequest request) {
    Objects.requireNonNull(request, "request");
    StrategyTemplate template = checkStrategy(request.strategy(), request.parameters());
    checkSymbols(request);
    Timeframe timeframe;
    try {
      timeframe = Timeframe.parse(request.timeframe());
      BarResampler.requireSource(timeframe, storedTimeframes);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException(JobField.TIMEFRAME, e.getMessage());
    }
    try {
      template.check().check(request.parameters(), timeframe);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException(
          JobField.TIMEFRAME,
          "strategy '"
              + request.strategy()
              + "' cannot run on "
              + timeframe.code()
              + " bars: "
              + e.getMessage());
    }
    if (!DATA_SOURCES.contains(request.dataSource())) {
      throw new InvalidJobException(
          JobField.DATA_SOURCE,
          "unknown data source '"
              + Echo.of(request.dataSource())
              + "': expected kline or dollar_bar");
    }
    checkRange(request);
    checkCosts(request);
  }

  private StrategyTemplate checkStrategy(String id, Map<String, Object> parameters) {
    StrategyTemplate template =
        catalog
            .find(id)
            .orElseThrow(
                () ->
                    new InvalidJobException(
                        JobField.STRATEGY,
                        "unknown strategy '" + Echo.of(id) + "'; available: " + catalog.ids()));
    for (String name : new TreeSet<>(parameters.keySet())) {
      if (template.parameters() != null && !template.parameters().contains(name)) {
        throw new InvalidJobException(
            JobField.PARAMETERS,
            "unknown parameter '"
                + Echo.of(name)
                + "' for strategy '"
                + Echo.of(id)
                + "'; accepted: "
                + new TreeSet<>(template.parameters()));
      }
    }
    try {
      template.check().check(parameters);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException(JobField.PARAMETERS, String.valueOf(e.getMessage()));
    }
    return template;
  }

  private void checkSymbols(BacktestRequest request) {
    Set<String> seen = new HashSet<>();
    for (String symbol : request.symbols()) {
      if (!seen.add(symbol)) {
        throw new InvalidJobException(
            JobField.SYMBOLS, "duplicate symbol '" + Echo.of(symbol) + "'");
      }
      if (!knownSymbols.test(symbol)) {
        throw new InvalidJobException(
            JobField.SYMBOLS, "unknown symbol '" + Echo.of(symbol) + "': no market data for it");
      }
    }
  }

  private static void checkRange(BacktestRequest r) {
    if (r.start() == null) {
      throw new InvalidJobException(JobField.START, "start is required");
    }
    if (r.end() == null) {
      throw new InvalidJobException(JobField.END, "end is required");
    }
    if (!r.end().isAfter(r.start())) {
      throw new InvalidJobException(JobField.END, "end must be after start");
    }
    if (!(r.capital() > 0) || r.capital() > MAX_CAPITAL) {
      throw new InvalidJobException(
          JobField.CAPITAL, "capital must be positive and at most " + (long) MAX_CAPITAL);
    }
    if (!(r.leverage() >= MIN_LEVERAGE && r.leverage() <= MAX_LEVERAGE)) {
      throw new InvalidJobException(
          JobField.LEVERAGE, "leverage must be between " + MIN_LEVERAGE + " and " + MAX_LEVERAGE);
    }
    Integer days = r.rebalanceDays();
    if (days != null && (days < 1 || days > MAX_REBALANCE_DAYS)) {
      throw new InvalidJobException(
          JobField.REBALANCE_DAYS, "rebalance period must be 1.." + MAX_REBALANCE_DAYS + " days");
    }
    if (r.periodsPerYear() < 1) {
      throw new InvalidJobException(JobField.PERIODS_PER_YEAR, "periods per year must be >= 1");
    }
  }

  private static void checkCosts(BacktestRequest r) {
    if (!inRange(r.feeBps(), MAX_FEE_BPS) || !inRange(r.makerFeeBps(), MAX_FEE_BPS)) {
      throw new InvalidJobException(
          JobField.FEE_BPS, "fee must be between 0 and " + MAX_FEE_BPS + " bps");
    }
    if (!inRange(r.slippageBps(), MAX_SLIPPAGE_BPS)
        || !(r.impactLambda() >= 0)
        || !Double.isFinite(r.impactLambda())) {
      throw new InvalidJobException(
          JobField.SLIPPAGE,
          "slippage must be between 0 and " + MAX_SLIPPAGE_BPS + " bps, impact >= 0");
    }
  }

  private static boolean inRange(double value, double max) {
    return value >= 0 && value <= max;
  }
}
