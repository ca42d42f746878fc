package io.perpetua.server.v1.flow;

import static io.perpetua.server.v1.flow.FlowSupport.TAG;
import static io.perpetua.server.v1.flow.FlowSupport.example;

import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The order-flow engine's live tick feed ({@code flow.tick_source} live): per stream the messages
 * received and the age of the last one, the connections' reconnects and the trade side's gap
 * counters. 404 (40401) when the engine replays the tick file (no live feed), 503 while the feed
 * starts. Read-only; thread-safe.
 */
public final class FlowFeedRoutes implements RouteGroup {
  /** The message of the 404 when the engine replays the tick file. */
  static final String REPLAYING =
      "No live tick feed: the order-flow engine replays the tick file (flow.tick_source replay, or"
          + " auto on a venue other than binance)";

  private final Supplier<FlowFeedStatus> status;
  private final boolean live;

  /**
   * The routes.
   *
   * @param status the feed's counters; may supply null while the feed starts (503)
   * @param live whether the engine takes live ticks at all; false answers 404 (40401)
   */
  public FlowFeedRoutes(Supplier<FlowFeedStatus> status, boolean live) {
    this.status = Objects.requireNonNull(status, "status");
    this.live = live;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/flow/feed")
            .tag(TAG)
            .summary("Live tick feed of the order-flow engine")
            .description(
                "Per stream (aggTrade, markPrice, depth10, spot bookTicker of every symbol) the"
                    + " messages received, the age of the last one and whether its silence alert"
                    + " is raised; reconnects of the feed's connections; trades received,"
                    + " duplicates dropped, gaps filled over REST, late trades, trades held by the"
                    + " reorder window and holes still open; messages refused. 404 (40401) when"
                    + " the engine replays the tick file.")
            .errors(ApiError.NOT_FOUND)
            .response(FlowFeedStatus.class, example("flow-feed.json"))
            .handle(r -> status()));
  }

  private FlowFeedStatus status() {
    if (!live) {
      throw ApiException.notFound(REPLAYING);
    }
    FlowFeedStatus s = status.get();
    if (s == null) {
      throw new ServiceUnavailableException("order-flow live tick feed still starting", null);
    }
    return s;
  }

  /** The feed's counters (see the field docs). */
  public record FlowFeedStatus(
      @Doc("Connections reopened after a drop (all streams)") long reconnects,
      @Doc("Trades received once each (streamed, caught up, back-filled)") long tradesDelivered,
      @Doc("Trades dropped as already delivered") long duplicates,
      @Doc("Trades fetched over REST by the continuity check and the reorder window")
          long gapsFilled,
      @Doc("Back-filled trades that came after the reorder window (stored only)") long lateTrades,
      @Doc("Trades held now above an open hole") long heldTrades,
      @Doc("Agg-id holes not filled yet") long openHoles,
      @Doc("Messages refused (malformed, impossible values, time going backwards)") long refused,
      @Doc("Every stream of the feed") List<FlowFeedStream> streams) {
    /** Copies the list. */
    public FlowFeedStatus {
      streams = List.copyOf(streams);
    }
  }

  /** One stream of the feed. */
  public record FlowFeedStream(
      @Doc("Stream, e.g. BTCUSDT@aggTrade") String stream,
      @Doc("Messages received (aggTrade: trades received, back-fills included)") long messages,
      @Doc("Milliseconds since the last message (since the start when none yet)")
          long lastMessageAgeMs,
      @Doc("Whether its silence alert is raised") boolean silent) {}
}
