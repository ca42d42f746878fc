package io.perpetua.signals.hotlist;

/**
 * What a reviewer sees beside a hot coin's score (003 §10 "风险标签"): the recent price range, a safe
 * leverage multiple and the market sentiment. Immutable.
 *
 * @param last the last close by the scan's timestamp
 * @param low24h lowest low of the last 24 h
 * @param high24h highest high of the last 24 h
 * @param low7d lowest low of the last 7 days
 * @param high7d highest high of the last 7 days
 * @param range7dPct {@code (high7d − low7d) / last}
 * @param dailyVol daily volatility {@code σ_0 × √(bars per day)}, or null
 * @param safeLeverage {@code floor(1 / (k·dailyVol + mmr))} capped to [1, max], or null
 * @param sentiment the symbol's fear/greed reading
 */
public record RiskTags(
    double last,
    double low24h,
    double high24h,
    double low7d,
    double high7d,
    double range7dPct,
    Double dailyVol,
    Integer safeLeverage,
    FearGreed sentiment) {

  /** The safe leverage for {@code dailyVol}: a {@code k}σ day must not reach maintenance. */
  static int safeLeverage(double dailyVol, HotlistConfig c) {
    double lev = Math.floor(1.0 / (c.stressSigmas() * dailyVol + c.maintenanceMargin()));
    return (int) Math.max(1, Math.min(c.maxLeverage(), lev));
  }
}
