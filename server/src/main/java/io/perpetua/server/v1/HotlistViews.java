package io.perpetua.server.v1;

import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.signals.hotlist.FearGreed;
import io.perpetua.signals.hotlist.HotCoin;
import io.perpetua.signals.hotlist.HotComponent;
import io.perpetua.signals.hotlist.HotScan;
import io.perpetua.signals.hotlist.HotlistStore.WhitelistEntry;
import io.perpetua.signals.hotlist.RiskTags;
import java.time.Instant;
import java.util.List;

/** The wire views of {@link HotlistRoutes}. Stateless. */
final class HotlistViews {
  private HotlistViews() {}

  static HotScanView scan(HotScan s, long nowMs) {
    return new HotScanView(
        Instant.ofEpochMilli(s.ts()),
        s.ts(),
        Instant.ofEpochMilli(s.createdAtMs()),
        s.scored(),
        sentiment(s.market()),
        s.coins().stream().map(c -> coin(c, nowMs)).toList());
  }

  /** The answer before the first scan. */
  static HotScanView none() {
    return new HotScanView(null, null, null, 0, sentiment(FearGreed.market(List.of())), List.of());
  }

  private static HotCoinView coin(HotCoin c, long nowMs) {
    RiskTags t = c.tags();
    return new HotCoinView(
        c.rank(),
        c.symbol(),
        c.score(),
        c.statusAt(nowMs),
        Instant.ofEpochMilli(c.expiresAtMs()),
        c.decidedBy(),
        c.decidedAtMs() == null ? null : Instant.ofEpochMilli(c.decidedAtMs()),
        c.reason(),
        c.components().stream().map(HotlistViews::component).toList(),
        new HotTagsView(
            t.last(),
            t.low24h(),
            t.high24h(),
            t.low7d(),
            t.high7d(),
            t.range7dPct(),
            t.dailyVol(),
            t.safeLeverage(),
            sentiment(t.sentiment())));
  }

  private static HotComponentView component(HotComponent c) {
    return new HotComponentView(c.name(), c.value(), c.weight(), c.contribution(), c.missing());
  }

  private static HotSentimentView sentiment(FearGreed f) {
    return new HotSentimentView(
        f.index(), f.label(), f.momentum(), f.volatility(), f.funding(), f.longShort());
  }

  static HotWhitelistView whitelist(List<WhitelistEntry> entries) {
    return new HotWhitelistView(
        entries.stream()
            .map(
                e ->
                    new HotWhitelistItem(
                        e.symbol(),
                        e.approvedBy(),
                        Instant.ofEpochMilli(e.approvedAtMs()),
                        e.scanTs(),
                        e.reason()))
            .toList());
  }

  /** A scan. */
  record HotScanView(
      @Nullable @Doc("As-of timestamp of the scan (null before the first)") Instant ts,
      @Nullable @Doc("The same in epoch milliseconds (what approve/reject take)") Long tsMs,
      @Nullable @Doc("When the scan ran") Instant createdAt,
      @Doc("Symbols with bars in the day before ts") int scored,
      @Doc("Market fear/greed over every scored symbol") HotSentimentView market,
      @Doc("The top N by score") List<HotCoinView> coins) {}

  /** One candidate. */
  record HotCoinView(
      @Doc("1-based rank") int rank,
      @Doc("Symbol") String symbol,
      @Doc("S = Σ weight × term over the present terms") double score,
      @Doc(
              value = "Decision status",
              allowed = {"candidate", "approved", "rejected", "expired"})
          String status,
      @Doc("Until when the candidate can be approved") Instant expiresAt,
      @Nullable @Doc("Who decided") String decidedBy,
      @Nullable @Doc("When") Instant decidedAt,
      @Nullable @Doc("The decision's reason") String reason,
      @Doc("The five terms: vol_jump, turnover, oi_delta, funding_z, regime_shift")
          List<HotComponentView> breakdown,
      @Doc("Risk tags") HotTagsView riskTags) {}

  /** One term of the score. */
  record HotComponentView(
      @Doc("Term name") String name,
      @Nullable @Doc("Value as defined (null when its input is missing)") Double value,
      @Doc("Weight") double weight,
      @Nullable @Doc("Weight × value (absolute value for oi_delta and funding_z)")
          Double contribution,
      @Nullable @Doc("Why the value is missing") String missing) {}

  /** Risk tags. */
  record HotTagsView(
      @Doc("Last close by ts") double last,
      @Doc("Lowest low, last 24 h") double low24h,
      @Doc("Highest high, last 24 h") double high24h,
      @Doc("Lowest low, last 7 days") double low7d,
      @Doc("Highest high, last 7 days") double high7d,
      @Doc("(high7d − low7d) / last") double range7dPct,
      @Nullable @Doc("Daily volatility from the last day's bar returns") Double dailyVol,
      @Nullable @Doc("Leverage a 3σ day survives above maintenance margin, 1..20")
          Integer safeLeverage,
      @Doc("The symbol's fear/greed reading") HotSentimentView sentiment) {}

  /** A fear/greed reading (docs/hotlist.md). */
  record HotSentimentView(
      @Nullable @Doc("Index 0..100 (null: no input)") Double index,
      @Doc(
              value = "Label",
              allowed = {"extreme_fear", "fear", "neutral", "greed", "extreme_greed", "unknown"})
          String label,
      @Nullable @Doc("Momentum sub-score") Double momentum,
      @Nullable @Doc("Volatility sub-score") Double volatility,
      @Nullable @Doc("Funding sub-score") Double funding,
      @Nullable @Doc("Long/short ratio sub-score") Double longShort) {}

  /** The answer to approve/reject. */
  record HotDecisionView(
      @Doc("The scan's timestamp") Instant ts,
      @Doc("The same in epoch milliseconds") long tsMs,
      @Doc("Symbol") String symbol,
      @Doc(
              value = "Status after the call",
              allowed = {"approved", "rejected", "pending_approval"})
          String status,
      @Nullable @Doc("The four-eyes request to approve (four-eyes on)") String approvalId,
      @Doc("True when the symbol is now in the whitelist") boolean whitelisted) {}

  /** The whitelist. */
  record HotWhitelistView(@Doc("Approved symbols") List<HotWhitelistItem> symbols) {}

  /** One whitelisted symbol. */
  record HotWhitelistItem(
      @Doc("Symbol") String symbol,
      @Doc("Who approved it") String approvedBy,
      @Doc("When") Instant approvedAt,
      @Doc("The scan it was approved from (epoch ms)") long scanTs,
      @Nullable @Doc("Why") String reason) {}
}
