package io.perpetua.market.synthetic;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingSeries;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the series of a {@link SyntheticMarket}: first the market factor, then each symbol from
 * its own split of the seed, in generation order. Not thread-safe; one per generation.
 */
final class SyntheticGenerator {
  private static final double YEAR_MS = 365.0 * 86_400_000L;
  private static final double FUNDING_PERIOD_MS = 8 * 3_600_000L;
  private static final double MAX_PRICE = 60_000;
  private static final double MIN_PRICE = 0.01;
  private static final double FUNDING_PERSISTENCE = 0.9;
  private static final double FUNDING_NOISE = 0.00005;
  private static final double FUNDING_CAP = 0.0075;

  private final SyntheticMarket.Config config;
  private final Map<InstrumentId, BarSeries> bars = new HashMap<>();
  private final Map<InstrumentId, FundingSeries> funding = new HashMap<>();

  SyntheticGenerator(SyntheticMarket.Config config) {
    this.config = config;
    SplittableRandom root = new SplittableRandom(config.seed());
    double[] factor = new double[config.bars()];
    GarchT market = new GarchT(root.split(), config.tailDegreesOfFreedom());
    for (int t = 0; t < factor.length; t++) {
      factor[t] = market.next();
    }
    List<InstrumentId> ids = config.instruments();
    for (int i = 0; i < ids.size(); i++) {
      SplittableRandom random = root.split();
      int listing = listing(random, i);
      BarSeries s = symbol(random, ids.get(i), i, listing, factor);
      bars.put(ids.get(i), s);
      funding.put(ids.get(i), funding(random, ids.get(i), s.firstOpenTimeMs()));
    }
  }

  Map<InstrumentId, BarSeries> bars() {
    return bars;
  }

  Map<InstrumentId, FundingSeries> funding() {
    return funding;
  }

  /** The step at which symbol {@code i} lists: 0 for the first and for most others. */
  private int listing(SplittableRandom random, int i) {
    boolean late = i > 0 && random.nextDouble() < config.lateListingFraction();
    return late ? 1 + random.nextInt(Math.max(1, (int) (config.bars() * 0.75))) : 0;
  }

  private BarSeries symbol(
      SplittableRandom random, InstrumentId id, int i, int listing, double[] factor) {
    int n = config.symbolCount();
    double position = n == 1 ? 0 : (double) i / (n - 1);
    double logPrice = Math.log(MAX_PRICE) + position * (Math.log(MIN_PRICE) - Math.log(MAX_PRICE));
    double price = Math.exp(logPrice + 0.3 * random.nextGaussian());
    double intervalMs = config.timeframe().millis();
    double sigma =
        config.annualVolatility()
            * (0.6 + 1.2 * random.nextDouble())
            * Math.sqrt(intervalMs / YEAR_MS);
    double rho = config.marketCorrelation();
    double marketWeight = Math.sqrt(rho);
    double ownWeight = Math.sqrt(1 - rho);
    double meanLogQuote = Math.log(2e6 * intervalMs / 3_600_000.0) + 1.2 * random.nextGaussian();
    GarchT own = new GarchT(random, config.tailDegreesOfFreedom());
    BarSeries.Builder b = BarSeries.builder(id, config.timeframe(), config.bars() - listing);
    for (int t = listing; t < factor.length; t++) {
      double shock = marketWeight * factor[t] + ownWeight * own.next();
      double r = sigma * shock - 0.5 * sigma * sigma;
      double open = price;
      double close = open * Math.exp(r);
      double spread = 0.5 * sigma * Math.sqrt(own.variance());
      double high = Math.max(open, close) * Math.exp(spread * Math.abs(random.nextGaussian()));
      double low = Math.min(open, close) * Math.exp(-spread * Math.abs(random.nextGaussian()));
      double quote = Math.exp(meanLogQuote + 0.6 * Math.abs(shock) + 0.4 * random.nextGaussian());
      double typical = (open + high + low + close) / 4;
      b.add(
          config.startMs() + t * config.timeframe().millis(),
          open,
          high,
          low,
          close,
          quote / typical,
          quote);
      price = close;
    }
    return b.build();
  }

  private FundingSeries funding(SplittableRandom random, InstrumentId id, long listedMs) {
    FundingSeries.Builder b = FundingSeries.builder(SyntheticMarket.VENUE, id);
    long period = (long) FUNDING_PERIOD_MS;
    long first = Math.floorDiv(listedMs + period - 1, period) * period;
    double mean = config.meanFundingRate();
    double rate = mean;
    for (long time = first; time < config.endMs(); time += period) {
      rate = mean + FUNDING_PERSISTENCE * (rate - mean) + FUNDING_NOISE * random.nextGaussian();
      b.add(time, Math.max(-FUNDING_CAP, Math.min(FUNDING_CAP, rate)));
    }
    return b.build();
  }
}
