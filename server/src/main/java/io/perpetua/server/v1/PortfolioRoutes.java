package io.perpetua.server.v1;

import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.TargetPosition;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/v1/portfolio/target-positions} (spec 2.3): the target positions derived from the
 * latest signal. 404/40401 until a signal has been computed. Thread-safe.
 */
public final class PortfolioRoutes implements RouteGroup {
  private static final String TAG = "Portfolio";

  /** Optional filter of targets by side. */
  static final Param<String> SIDE =
      Param.oneOf("side", "long", "short")
          .description(
              "Only targets on this side. total_long and total_short always count all targets.");

  private final PlatformState state;

  /** Portfolio routes over {@code state}. */
  public PortfolioRoutes(PlatformState state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/portfolio/target-positions")
            .tag(TAG)
            .summary("Target positions of the strategy")
            .description(
                "The positions the strategy wants after its latest signal: signed target weights"
                    + " (negative for shorts) and the signal values that selected them (6 dp)."
                    + " 404 (40401) until a signal has been computed.")
            .param(SIDE)
            .errors(ApiError.NOT_FOUND)
            .response(TargetPositions.class, Examples.load("target-positions.json"))
            .handle(this::targets));
  }

  private TargetPositions targets(ApiRequest request) {
    SignalSnapshot signal =
        state
            .latestSignal()
            .orElseThrow(() -> ApiException.notFound("No signal has been computed yet"));
    Optional<String> side = request.param(SIDE);
    List<TargetPositionItem> positions =
        signal.targets().stream()
            .filter(t -> side.isEmpty() || side.get().equals(t.side()))
            .map(PortfolioRoutes::view)
            .toList();
    int longs = (int) signal.targets().stream().filter(t -> "long".equals(t.side())).count();
    int shorts = (int) signal.targets().stream().filter(t -> "short".equals(t.side())).count();
    return new TargetPositions(
        signal.strategyName(),
        Instant.ofEpochMilli(signal.signalTimeMs()),
        positions,
        longs,
        shorts);
  }

  private static TargetPositionItem view(TargetPosition t) {
    return new TargetPositionItem(
        t.symbol(), t.side(), t.targetWeight(), t.signalValue(), t.reason());
  }

  /** Response of {@code /api/v1/portfolio/target-positions}. */
  record TargetPositions(
      @Doc("Strategy that produced the signal") String strategyName,
      @Doc("When the signal was computed") Instant signalTimestamp,
      List<TargetPositionItem> positions,
      @Doc("Number of long targets") int totalLong,
      @Doc("Number of short targets") int totalShort) {}

  /** One target position. */
  record TargetPositionItem(
      @Doc("Symbol") String symbol,
      @Doc(
              value = "Side",
              allowed = {"long", "short"})
          String side,
      @Decimals(Decimals.WEIGHT) @Doc("Signed weight of equity (negative for shorts)")
          double targetWeight,
      @Decimals(Decimals.WEIGHT) @Doc("The signal that selected it") double signalValue,
      @Doc("Why it was selected, e.g. baseline_rev_long") String reason) {}
}
