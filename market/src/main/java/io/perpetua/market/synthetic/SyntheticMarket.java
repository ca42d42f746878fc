package io.perpetua.market.synthetic;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Times;
import io.perpetua.market.AlignedBars;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingSeries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deterministic synthetic market: bars for N perpetuals plus their funding, generated from a seed
 * ({@link java.util.SplittableRandom}), for demos and tests when no real data is present.
 *
 * <p>The model: log returns {@code r = σᵢ·(√ρ·f(t) + √(1−ρ)·eᵢ(t))}, where the market factor {@code
 * f} and each idiosyncratic {@code eᵢ} are unit-variance GARCH(1,1) processes with standardised
 * Student-t innovations (volatility clustering, fat tails, correlation ≈ ρ). Starting prices are
 * spread log-uniformly from about 60,000 down to about 0.01; each bar opens at the previous close
 * and its high and low extend beyond open and close by random excursions, so every bar satisfies
 * the {@link io.perpetua.core.Bar} rules. Volumes are lognormal and larger when {@code |r|} is
 * large. A fraction of symbols (never the first) lists later: their cells are NaN before listing.
 * Funding settles every 8 h (00/08/16 UTC) from listing, as an AR(1) around the configured mean.
 *
 * <p>Same config, same arrays, bit for bit. Immutable and thread-safe.
 */
public final class SyntheticMarket {
  /** The venue code of synthetic funding series. */
  public static final String VENUE = "synthetic";

  private final Config config;
  private final Map<InstrumentId, BarSeries> series;
  private final Map<InstrumentId, FundingSeries> funding;
  private final AlignedBars bars;

  private SyntheticMarket(
      Config config,
      Map<InstrumentId, BarSeries> series,
      Map<InstrumentId, FundingSeries> funding) {
    this.config = config;
    this.series = Collections.unmodifiableMap(new TreeMap<>(series));
    this.funding = Collections.unmodifiableMap(new TreeMap<>(funding));
    this.bars = AlignedBars.of(config.timeframe(), series, config.startMs(), config.endMs());
  }

  /** Generates the market of {@code config}. */
  public static SyntheticMarket generate(Config config) {
    SyntheticGenerator generator = new SyntheticGenerator(config);
    return new SyntheticMarket(config, generator.bars(), generator.funding());
  }

  /** Generates the market of {@link Config#defaults()}. */
  public static SyntheticMarket generate() {
    return generate(Config.defaults());
  }

  /** The configuration. */
  public Config config() {
    return config;
  }

  /** The aligned panel of all symbols over {@code [startMs, endMs)}. */
  public AlignedBars bars() {
    return bars;
  }

  /** The bars of each symbol (from its listing), sorted by instrument. Unmodifiable. */
  public Map<InstrumentId, BarSeries> series() {
    return series;
  }

  /** The funding of each symbol (venue {@link #VENUE}), sorted by instrument. Unmodifiable. */
  public Map<InstrumentId, FundingSeries> funding() {
    return funding;
  }

  /**
   * The parameters of a synthetic market; {@link #defaults()} gives 120 hourly symbols over 60
   * days.
   *
   * <p>Immutable; validated on construction.
   *
   * @param seed the random seed
   * @param symbolCount how many symbols
   * @param names base assets of the symbols ({@code BTC} → BTC/USDT:USDT), or empty to generate
   *     {@code SYN000, SYN001...}; when given, their number is the symbol count
   * @param timeframe the bar interval
   * @param startMs open time of the first bar, epoch ms
   * @param bars number of time steps
   * @param marketCorrelation share ρ of return variance from the common factor, in [0, 1)
   * @param tailDegreesOfFreedom Student-t degrees of freedom of the innovations, above 2 (≈ 4)
   * @param annualVolatility typical annualised volatility (symbols range about 0.6–1.8× of it)
   * @param lateListingFraction share of symbols listed after the start, in [0, 1]
   * @param meanFundingRate the funding rate per 8 h that funding reverts to (0.0001 = 0.01 %)
   */
  public record Config(
      long seed,
      int symbolCount,
      List<String> names,
      Timeframe timeframe,
      long startMs,
      int bars,
      double marketCorrelation,
      double tailDegreesOfFreedom,
      double annualVolatility,
      double lateListingFraction,
      double meanFundingRate) {

    /** Validates the parameters. */
    public Config {
      names = List.copyOf(names);
      Objects.requireNonNull(timeframe, "timeframe");
      if (!names.isEmpty() && names.size() != symbolCount) {
        throw new IllegalArgumentException("symbolCount must equal the number of names");
      }
      require(Set.copyOf(names).size() == names.size(), "names must be distinct");
      require(symbolCount >= 1 && symbolCount <= 10_000, "symbolCount must be in [1, 10000]");
      require(bars >= 2 && (long) bars * symbolCount <= 50_000_000L, "bars must be in [2, 5e7/N]");
      require(marketCorrelation >= 0 && marketCorrelation < 1, "marketCorrelation in [0, 1)");
      require(tailDegreesOfFreedom > 2 && tailDegreesOfFreedom <= 1000, "tail df in (2, 1000]");
      require(annualVolatility > 0 && annualVolatility <= 5, "annualVolatility in (0, 5]");
      require(lateListingFraction >= 0 && lateListingFraction <= 1, "lateListingFraction in [0,1]");
      require(Math.abs(meanFundingRate) <= 0.01, "|meanFundingRate| must be at most 0.01");
    }

    /** 120 symbols, hourly, 60 days from 2024-01-01 UTC, ρ = 0.5, t(4), 80 % vol, seed 42. */
    public static Config defaults() {
      return new Config(
          42,
          120,
          List.of(),
          Timeframe.H1,
          Times.parseDate("2024-01-01"),
          60 * 24,
          0.5,
          4,
          0.8,
          0.25,
          0.0001);
    }

    /** Open time after the last bar: {@code startMs + bars × interval}. */
    public long endMs() {
      return startMs + bars * timeframe.millis();
    }

    /** A copy with another seed. */
    public Config withSeed(long seed) {
      return new Config(
          seed,
          symbolCount,
          names,
          timeframe,
          startMs,
          bars,
          marketCorrelation,
          tailDegreesOfFreedom,
          annualVolatility,
          lateListingFraction,
          meanFundingRate);
    }

    /** A copy with {@code count} generated symbols. */
    public Config withSymbolCount(int count) {
      return new Config(
          seed,
          count,
          List.of(),
          timeframe,
          startMs,
          bars,
          marketCorrelation,
          tailDegreesOfFreedom,
          annualVolatility,
          lateListingFraction,
          meanFundingRate);
    }

    /** A copy with the given base assets. */
    public Config withNames(List<String> bases) {
      return new Config(
          seed,
          bases.size(),
          bases,
          timeframe,
          startMs,
          bars,
          marketCorrelation,
          tailDegreesOfFreedom,
          annualVolatility,
          lateListingFraction,
          meanFundingRate);
    }

    /** A copy with another interval and number of steps. */
    public Config withBars(Timeframe timeframe, int bars) {
      return new Config(
          seed,
          symbolCount,
          names,
          timeframe,
          startMs,
          bars,
          marketCorrelation,
          tailDegreesOfFreedom,
          annualVolatility,
          lateListingFraction,
          meanFundingRate);
    }

    /** A copy with another market correlation. */
    public Config withMarketCorrelation(double rho) {
      return new Config(
          seed,
          symbolCount,
          names,
          timeframe,
          startMs,
          bars,
          rho,
          tailDegreesOfFreedom,
          annualVolatility,
          lateListingFraction,
          meanFundingRate);
    }

    /** A copy with another share of late listings. */
    public Config withLateListingFraction(double fraction) {
      return new Config(
          seed,
          symbolCount,
          names,
          timeframe,
          startMs,
          bars,
          marketCorrelation,
          tailDegreesOfFreedom,
          annualVolatility,
          fraction,
          meanFundingRate);
    }

    /** The instruments in generation order. */
    public List<InstrumentId> instruments() {
      List<InstrumentId> out = new ArrayList<>(symbolCount);
      int digits = Math.max(3, String.valueOf(symbolCount - 1).length());
      for (int i = 0; i < symbolCount; i++) {
        String base =
            names.isEmpty() ? "SYN" + String.format("%0" + digits + "d", i) : names.get(i);
        out.add(InstrumentId.usdtPerp(base));
      }
      return out;
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
