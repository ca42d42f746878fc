package io.perpetua.signals.hotlist;

import io.perpetua.market.FundingSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The hot-coin score of 003 §10, {@code S = w1·VolJump + w2·Turnover + w3·|OIΔ| + w4·|FundingZ| +
 * w5·RegimeShift}, as of a timestamp over what was known by then (bars closed, settlements and
 * observations at or before it). Definitions (docs/hotlist.md):
 *
 * <ul>
 *   <li>{@code VolJump = σ_0 / median(σ_1..σ_7)}: σ_d the standard deviation of the bar log returns
 *       in day window d ({@link DayWindows});
 *   <li>{@code Turnover}: no market cap in the data, so the spec's "past quantile": the quantile of
 *       the last day's {@code Σ close·volume} among the previous 30 days' (ties count half);
 *   <li>{@code OIΔ = (OI_t − OI_{t−24h}) / OI_{t−24h}};
 *   <li>{@code FundingZ = (f_t − mean) / sd} over the previous 90 settlements;
 *   <li>{@code RegimeShift = |ER_0 − mean(ER_1..ER_7)|}, ER Kaufman's efficiency ratio (1 = a
 *       straight trend, 0 = chop): how far the last day's trend/range character moved from the
 *       week's.
 * </ul>
 *
 * OIΔ and FundingZ score their absolute value (the dimension is "OI/funding abnormal", either way).
 * A term whose input is missing is null with its reason and adds nothing. Stateless.
 */
public final class HotScorer {
  private final HotlistConfig config;

  /** A scorer with {@code config}. */
  public HotScorer(HotlistConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A scored symbol before ranking. */
  record Scored(String symbol, double score, List<HotComponent> components, RiskTags tags) {}

  /**
   * Scores every input as of {@code ts}, ranks by score (then symbol) and keeps the top N; {@code
   * createdAtMs} stamps the scan.
   */
  public HotScan scan(List<HotInputs> inputs, long ts, long createdAtMs) {
    List<Scored> all = new ArrayList<>();
    for (HotInputs in : inputs) {
      score(in, ts).ifPresent(all::add);
    }
    all.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::symbol));
    FearGreed market = FearGreed.market(all.stream().map(s -> s.tags().sentiment()).toList());
    List<HotCoin> coins = new ArrayList<>();
    for (int i = 0; i < Math.min(config.top(), all.size()); i++) {
      Scored s = all.get(i);
      coins.add(
          new HotCoin(
              ts,
              i + 1,
              s.symbol(),
              s.score(),
              s.components(),
              s.tags(),
              HotCoin.CANDIDATE,
              null,
              null,
              null,
              createdAtMs + config.candidateTtlMs()));
    }
    return new HotScan(ts, createdAtMs, all.size(), market, coins);
  }

  /** One symbol's score as of {@code ts}, or empty when it had no bar in the last day. */
  Optional<Scored> score(HotInputs in, long ts) {
    DayWindows w =
        DayWindows.of(in.bars(), ts, Math.max(config.volDays(), config.turnoverDays()) + 1);
    if (Double.isNaN(w.endClose[0])) {
      return Optional.empty();
    }
    HotComponent volJump = volJump(w);
    List<HotComponent> parts =
        List.of(volJump, turnover(w), oiDelta(in, ts), fundingZ(in.funding(), ts), regimeShift(w));
    double s = 0;
    for (HotComponent c : parts) {
      s += c.present() ? c.contribution() : 0;
    }
    return Optional.of(new Scored(in.symbol(), s, parts, tags(in, w, volJump, ts)));
  }

  private HotComponent volJump(DayWindows w) {
    double wt = config.wVolJump();
    if (Double.isNaN(w.sigma[0])) {
      return HotComponent.missing(
          "vol_jump", wt, "fewer than " + w.minReturns() + " returns in the last 24 h");
    }
    double[] prev = DayWindows.present(w.sigma, 1, config.volDays() + 1);
    if (prev.length < (config.volDays() + 1) / 2) {
      return HotComponent.missing(
          "vol_jump",
          wt,
          "σ of only " + prev.length + " of the previous " + config.volDays() + " days");
    }
    double med = DayWindows.median(prev);
    if (!(med > 0)) {
      return HotComponent.missing("vol_jump", wt, "no price movement in the previous days");
    }
    return HotComponent.of("vol_jump", w.sigma[0] / med, wt, false);
  }

  private HotComponent turnover(DayWindows w) {
    double wt = config.wTurnover();
    double[] prev = DayWindows.present(w.turnover, 1, config.turnoverDays() + 1);
    if (prev.length < (config.turnoverDays() * 2) / 3) {
      return HotComponent.missing(
          "turnover",
          wt,
          "bars on only " + prev.length + " of the previous " + config.turnoverDays() + " days");
    }
    double v = w.turnover[0];
    double below = 0;
    for (double p : prev) {
      below += p < v ? 1 : p == v ? 0.5 : 0;
    }
    return HotComponent.of("turnover", below / prev.length, wt, false);
  }

  private HotComponent oiDelta(HotInputs in, long ts) {
    double wt = config.wOiDelta();
    TimedValues oi = in.openInterest();
    if (oi == null) {
      return HotComponent.missing("oi_delta", wt, "no open-interest data for " + in.symbol());
    }
    int now = oi.asOf(ts);
    int before = oi.asOf(ts - DayWindows.DAY_MS);
    if (now < 0 || before < 0 || now == before || !(oi.values()[before] > 0)) {
      return HotComponent.missing("oi_delta", wt, "no open interest 24 h before and at ts");
    }
    double d = (oi.values()[now] - oi.values()[before]) / oi.values()[before];
    return HotComponent.of("oi_delta", d, wt, true);
  }

  private HotComponent fundingZ(FundingSeries f, long ts) {
    double wt = config.wFundingZ();
    if (f == null || f.isEmpty()) {
      return HotComponent.missing("funding_z", wt, "no funding history for this symbol");
    }
    int last = f.lowerBound(ts + 1) - 1;
    int n = config.fundingSettlements();
    if (last < n / 3) {
      return HotComponent.missing("funding_z", wt, "fewer than " + (n / 3) + " settlements by ts");
    }
    if (ts - f.timeMs(last) > 3 * DayWindows.DAY_MS) {
      return HotComponent.missing("funding_z", wt, "no settlement in the 3 days before ts");
    }
    int from = Math.max(0, last - n);
    double mean = 0;
    double m2 = 0;
    int k = 0;
    for (int i = from; i < last; i++) {
      k++;
      double delta = f.rate(i) - mean;
      mean += delta / k;
      m2 += delta * (f.rate(i) - mean);
    }
    double sd = Math.sqrt(m2 / (k - 1));
    if (!(sd > 0)) {
      return HotComponent.missing("funding_z", wt, "funding constant over the baseline");
    }
    return HotComponent.of("funding_z", (f.rate(last) - mean) / sd, wt, true);
  }

  private HotComponent regimeShift(DayWindows w) {
    double wt = config.wRegimeShift();
    double[] prev = DayWindows.present(w.efficiency, 1, config.volDays() + 1);
    if (Double.isNaN(w.efficiency[0]) || prev.length < (config.volDays() + 1) / 2) {
      return HotComponent.missing("regime_shift", wt, "too few days with a price path");
    }
    double mean = 0;
    for (double e : prev) {
      mean += e / prev.length;
    }
    return HotComponent.of("regime_shift", Math.abs(w.efficiency[0] - mean), wt, false);
  }

  private RiskTags tags(HotInputs in, DayWindows w, HotComponent volJump, long ts) {
    double last = w.endClose[0];
    double low7 = Double.POSITIVE_INFINITY;
    double high7 = Double.NEGATIVE_INFINITY;
    for (int d = 0; d < Math.min(7, w.days); d++) {
      if (!Double.isNaN(w.low[d])) {
        low7 = Math.min(low7, w.low[d]);
        high7 = Math.max(high7, w.high[d]);
      }
    }
    Double dailyVol = Double.isNaN(w.sigma[0]) ? null : w.sigma[0] * Math.sqrt(w.barsPerDay);
    Integer lev = dailyVol == null ? null : RiskTags.safeLeverage(dailyVol, config);
    double start7 = w.startClose[Math.min(6, w.days - 1)];
    double r7 = start7 > 0 ? last / start7 - 1 : Double.NaN;
    FundingSeries f = in.funding();
    int lastSettle = f == null ? -1 : f.lowerBound(ts + 1) - 1;
    double rate =
        lastSettle >= 0 && ts - f.timeMs(lastSettle) <= 3 * DayWindows.DAY_MS
            ? f.rate(lastSettle)
            : Double.NaN;
    TimedValues ls = in.longShortRatio();
    int lsAt = ls == null ? -1 : ls.asOf(ts);
    FearGreed fg =
        FearGreed.of(
            r7,
            volJump.present() ? volJump.value() : Double.NaN,
            rate,
            lsAt >= 0 ? ls.values()[lsAt] : Double.NaN);
    return new RiskTags(
        last, w.low[0], w.high[0], low7, high7, (high7 - low7) / last, dailyVol, lev, fg);
  }
}
