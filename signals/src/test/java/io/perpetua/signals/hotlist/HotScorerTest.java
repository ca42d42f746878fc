package io.perpetua.signals.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarSeries;
import io.perpetua.market.FundingSeries;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scorer on synthetic hourly bars: no look-ahead, missing inputs, OIΔ, leverage, ranking. */
class HotScorerTest {
  private static final long H = 3_600_000L;
  private static final long D = 24 * H;
  private static final long TS = 100 * D;

  /**
   * Hourly bars from day 0 to {@code endMs}; volatility and volume × {@code jump} on the last day.
   */
  static BarSeries bars(String symbol, long seed, long endMs, double jump) {
    Random r = new Random(seed);
    BarSeries.Builder b = BarSeries.builder(InstrumentId.fromVenueSymbol(symbol), Timeframe.H1);
    double p = 100;
    for (long t = 0; t < endMs; t += H) {
      boolean last = t + H > TS - D && t + H <= TS;
      double sd = 0.01 * (last ? jump : 1);
      double c = p * Math.exp(sd * r.nextGaussian());
      double vol = 1000 * (last ? jump : 1) * (1 + 0.2 * r.nextDouble());
      b.add(t, p, Math.max(p, c) * 1.001, Math.min(p, c) * 0.999, c, vol, vol * c);
      p = c;
    }
    return b.build();
  }

  private static FundingSeries funding(long endMs, double lastRate) {
    FundingSeries.Builder b =
        FundingSeries.builder("binance", InstrumentId.fromVenueSymbol("AAAUSDT"));
    Random r = new Random(3);
    for (long t = 8 * H; t < endMs; t += 8 * H) {
      b.add(t, t == TS ? lastRate : 1e-4 + 2e-5 * r.nextGaussian());
    }
    return b.build();
  }

  @Test
  void dataAfterTsDoesNotChangeTheScan() {
    HotScorer s = new HotScorer(HotlistConfig.defaults());
    List<HotInputs> upToTs =
        List.of(
            new HotInputs("AAAUSDT", bars("AAAUSDT", 1, TS, 3), funding(TS + 1, 0.001), null, null),
            new HotInputs("BBBUSDT", bars("BBBUSDT", 2, TS, 1), null, null, null));
    List<HotInputs> withFuture =
        List.of(
            new HotInputs(
                "AAAUSDT",
                bars("AAAUSDT", 1, TS + 20 * D, 3),
                funding(TS + 20 * D, 0.001),
                null,
                null),
            new HotInputs("BBBUSDT", bars("BBBUSDT", 2, TS + 20 * D, 1), null, null, null));
    assertThat(s.scan(withFuture, TS, 0)).isEqualTo(s.scan(upToTs, TS, 0));
    assertThat(s.scan(withFuture, TS + D, 0)).isNotEqualTo(s.scan(upToTs, TS, 0));
  }

  @Test
  void aVolatilityAndVolumeJumpRanksFirstWithItsBreakdown() {
    HotScan scan =
        new HotScorer(HotlistConfig.defaults())
            .scan(
                List.of(
                    new HotInputs("CALMUSDT", bars("CALMUSDT", 5, TS, 1), null, null, null),
                    new HotInputs("HOTUSDT", bars("HOTUSDT", 6, TS, 4), null, null, null)),
                TS,
                7);
    assertThat(scan.coins()).extracting(HotCoin::symbol).containsExactly("HOTUSDT", "CALMUSDT");
    HotCoin hot = scan.coins().get(0);
    assertThat(hot.components().get(0).value()).isBetween(2.5, 6.0); // σ ×4 over the week's
    assertThat(hot.components().get(1).value()).isEqualTo(1.0); // volume above all 30 days
    assertThat(hot.status()).isEqualTo(HotCoin.CANDIDATE);
    assertThat(hot.expiresAtMs()).isEqualTo(7 + 24 * H); // 24 h after the scan ran
    assertThat(hot.tags().safeLeverage())
        .isEqualTo(RiskTags.safeLeverage(hot.tags().dailyVol(), HotlistConfig.defaults()));
    assertThat(scan.createdAtMs()).isEqualTo(7);
  }

  @Test
  void missingInputsAreNullWithAReasonAndAddNothing() {
    HotCoin c =
        new HotScorer(HotlistConfig.defaults())
            .scan(
                List.of(new HotInputs("AAAUSDT", bars("AAAUSDT", 1, TS, 1), null, null, null)),
                TS,
                0)
            .coins()
            .get(0);
    HotComponent oi = c.components().get(2);
    HotComponent fz = c.components().get(3);
    assertThat(oi.value()).isNull();
    assertThat(oi.contribution()).isNull();
    assertThat(oi.missing()).isEqualTo("no open-interest data for AAAUSDT");
    assertThat(fz.value()).isNull();
    assertThat(fz.missing()).isEqualTo("no funding history for this symbol");
    double sum =
        c.components().stream()
            .filter(HotComponent::present)
            .mapToDouble(HotComponent::contribution)
            .sum();
    assertThat(c.score()).isCloseTo(sum, within(1e-12));
    assertThat(c.tags().sentiment().funding()).isNull();
    assertThat(c.tags().sentiment().longShort()).isNull();
  }

  @Test
  void shortHistoryMakesTheWindowedTermsMissing() {
    BarSeries young = bars("NEWUSDT", 9, TS, 1).slice(TS - 3 * D, TS);
    HotCoin c =
        new HotScorer(HotlistConfig.defaults())
            .scan(List.of(new HotInputs("NEWUSDT", young, null, null, null)), TS, 0)
            .coins()
            .get(0);
    assertThat(c.components().get(0).missing()).contains("previous 7 days");
    assertThat(c.components().get(1).missing()).contains("previous 30 days");
    assertThat(c.components().get(4).missing()).isNotNull();
  }

  @Test
  void openInterestDeltaAndLongShortFeedTheScoreAndSentiment() {
    TimedValues oi =
        new TimedValues(
            new long[] {TS - 2 * D, TS - D, TS, TS + H}, new double[] {90, 100, 130, 999});
    TimedValues ls = new TimedValues(new long[] {TS - H, TS + H}, new double[] {2.0, 0.1});
    HotCoin c =
        new HotScorer(HotlistConfig.defaults())
            .scan(List.of(new HotInputs("AAAUSDT", bars("AAAUSDT", 1, TS, 1), null, oi, ls)), TS, 0)
            .coins()
            .get(0);
    assertThat(c.components().get(2).value()).isCloseTo(0.30, within(1e-12));
    assertThat(c.tags().sentiment().longShort())
        .isCloseTo(50 + 50 * Math.tanh(Math.log(2.0)), within(1e-12));
  }

  @Test
  void fundingZScoresTheLastSettlementAgainstTheBaselineAndCountsItsMagnitude() {
    HotCoin c =
        new HotScorer(HotlistConfig.defaults())
            .scan(
                List.of(
                    new HotInputs(
                        "AAAUSDT", bars("AAAUSDT", 1, TS, 1), funding(TS + 1, -0.002), null, null)),
                TS,
                0)
            .coins()
            .get(0);
    HotComponent z = c.components().get(3);
    assertThat(z.value()).isLessThan(-50);
    assertThat(z.contribution()).isCloseTo(0.5 * Math.abs(z.value()), within(1e-9));
  }

  @Test
  void safeLeverageSurvivesAStressMoveAboveMaintenance() {
    HotlistConfig c = HotlistConfig.defaults();
    assertThat(RiskTags.safeLeverage(0.05, c)).isEqualTo(6); // 1/(0.15+0.004) = 6.49
    assertThat(RiskTags.safeLeverage(0.001, c)).isEqualTo(20); // capped
    assertThat(RiskTags.safeLeverage(1.0, c)).isEqualTo(1);
  }

  @Test
  void fearGreedLabels() {
    assertThat(FearGreed.of(0.5, 0.5, 0.002, 3).label()).isEqualTo("extreme_greed");
    assertThat(FearGreed.of(-0.5, 4, -0.002, 0.3).label()).isEqualTo("extreme_fear");
    assertThat(FearGreed.of(0, 1, 1e-4, 1).index()).isEqualTo(50.0);
    assertThat(FearGreed.of(Double.NaN, Double.NaN, Double.NaN, Double.NaN).label())
        .isEqualTo("unknown");
  }
}
