package io.perpetua.venue.binance;

import java.util.ArrayList;
import java.util.List;

/**
 * The counters of a {@link LiveFlowFeed} at one moment (the flow API's feed status): per stream the
 * messages received and the age of the last one, the connections' reconnects and the trade side's
 * gap counters. Immutable.
 *
 * @param reconnects connections reopened after a drop (all streams)
 * @param tradesDelivered trades received once each (streamed, caught up, back-filled)
 * @param duplicates trades dropped as already delivered
 * @param gapsFilled trades fetched over REST by the continuity check and the reorder window
 * @param lateTrades back-filled trades that came after the reorder window (stored only)
 * @param heldTrades trades held now above an open hole
 * @param openHoles agg-id holes not filled yet
 * @param refused messages refused (every reason)
 * @param streams every stream
 */
public record LiveFlowFeedStatus(
    long reconnects,
    long tradesDelivered,
    long duplicates,
    long gapsFilled,
    long lateTrades,
    long heldTrades,
    long openHoles,
    long refused,
    List<Stream> streams) {

  /**
   * One stream.
   *
   * @param stream e.g. {@code BTCUSDT@aggTrade}
   * @param messages messages received (aggTrade: trades received, back-fills included)
   * @param lastMessageAgeMs ms since the last message (since the feed started when none yet)
   * @param silent whether its silence alert is raised
   */
  public record Stream(String stream, long messages, long lastMessageAgeMs, boolean silent) {}

  /** Copies the list. */
  public LiveFlowFeedStatus {
    streams = List.copyOf(streams);
  }

  /** The counters of {@code feed} now. */
  public static LiveFlowFeedStatus of(LiveFlowFeed feed) {
    long now = feed.clock.getAsLong();
    LiveFlowTicks t = feed.trades();
    List<Stream> streams = new ArrayList<>();
    for (String s : feed.symbols) {
      Long seen = t.lastSeenMs(s);
      streams.add(
          new Stream(s + "@aggTrade", t.received(s), seen == null ? 0 : now - seen, t.silent(s)));
      for (String kind : List.of("@markPrice", "@depth10", "@bookTicker")) {
        Long last = feed.lastSeen.get(s + kind);
        if (last != null) {
          streams.add(
              new Stream(
                  s + kind,
                  feed.messages.getOrDefault(s + kind, 0L),
                  now - last,
                  feed.silent.contains(s + kind)));
        }
      }
    }
    long reconnects = 0;
    for (MarketDataStream m : feed.connections()) {
      reconnects += Math.max(0, m.connects() - 1);
    }
    long refused = 0;
    for (long n : feed.rejections().values()) {
      refused += n;
    }
    int holes = 0;
    for (var h : t.holes().values()) {
      holes += h.size();
    }
    return new LiveFlowFeedStatus(
        reconnects,
        t.delivered(),
        t.duplicates(),
        t.backFilled(),
        t.late(),
        t.held(),
        holes,
        refused,
        streams);
  }
}
