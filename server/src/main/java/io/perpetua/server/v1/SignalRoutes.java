package io.perpetua.server.v1;

import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.SymbolSignal;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.registry.StrategySignal;
import io.perpetua.trading.registry.StrategyView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/v1/signals/latest} (spec 2.4): the latest signal snapshot, in rank order,
 * optionally filtered by side and limited. 404/40401 until a signal has been computed. Thread-safe.
 */
public final class SignalRoutes implements RouteGroup {
  private static final String TAG = "Signals";

  /** Optional filter by selected side. */
  static final Param<String> SIDE =
      Param.oneOf("side", "long", "short")
          .description("Only symbols selected on this side (unselected symbols are excluded).");

  /** Optional cap on the number of signals returned. */
  static final Param<Integer> LIMIT =
      Param.integer("limit", 1, 1000)
          .description("Return at most this many signals, first in rank order (after `side`).");

  private final PlatformState state;
  private final java.util.function.Supplier<StrategyRegistry> registry;

  /** Signal routes over {@code state}. */
  public SignalRoutes(PlatformState state) {
    this(state, () -> null);
  }

  /**
   * Signal routes over {@code state}, in the V2 shape when {@code registry} supplies one in
   * ensemble mode.
   */
  public SignalRoutes(PlatformState state, java.util.function.Supplier<StrategyRegistry> registry) {
    this.state = Objects.requireNonNull(state, "state");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/signals/latest")
            .tag(TAG)
            .summary("Latest strategy signal snapshot")
            .description(
                "Every symbol with a signal, in rank order (1 = highest signal = most long), with"
                    + " the side it was selected for (null when not selected). The totals always"
                    + " describe the whole snapshot. 404 (40401) until a signal has been"
                    + " computed. In ensemble mode the V2 shape (spec 5.5): `mode`,"
                    + " `ensemble_signals` (weighted average of the active strategies' signals)"
                    + " and `per_strategy_signals`.")
            .param(SIDE)
            .param(LIMIT)
            .errors(ApiError.NOT_FOUND)
            .response(LatestSignals.class, Examples.load("signals-latest.json"))
            .handle(this::latest));
  }

  private Object latest(ApiRequest request) {
    SignalSnapshot signal =
        state
            .latestSignal()
            .orElseThrow(() -> ApiException.notFound("No signal has been computed yet"));
    Optional<String> side = request.param(SIDE);
    long limit = request.param(LIMIT).orElse(Integer.MAX_VALUE);
    StrategyRegistry r = registry.get();
    if (r != null && StrategyRegistry.ENSEMBLE.equals(r.mode())) {
      return ensemble(signal, items(signal, side, limit), r);
    }
    return new LatestSignals(
        signal.strategyName(),
        Instant.ofEpochMilli(signal.signalTimeMs()),
        items(signal, side, limit),
        signal.signals().size(),
        signal.symbolsInPool());
  }

  private static EnsembleSignals ensemble(
      SignalSnapshot signal, List<SignalItem> items, StrategyRegistry r) {
    List<PerStrategy> per = new ArrayList<>();
    for (StrategyView v : r.list()) {
      StrategySignal s = v.signal();
      if (s != null && StrategyRegistry.ACTIVE.equals(v.status())) {
        per.add(
            new PerStrategy(
                v.name(),
                s.poolName(),
                s.symbolsWithSignal(),
                s.symbolsInPool(),
                s.longCount(),
                s.shortCount()));
      }
    }
    return new EnsembleSignals(
        StrategyRegistry.ENSEMBLE,
        Instant.ofEpochMilli(signal.signalTimeMs()),
        items,
        per,
        signal.signals().size(),
        signal.symbolsInPool());
  }

  private static List<SignalItem> items(SignalSnapshot signal, Optional<String> side, long limit) {
    return signal.signals().stream()
        .sorted(Comparator.comparingInt(SymbolSignal::rank))
        .filter(s -> side.isEmpty() || side.get().equals(s.side()))
        .limit(limit)
        .map(s -> new SignalItem(s.symbol(), s.signalValue(), s.rank(), s.side()))
        .toList();
  }

  /** Response of {@code /api/v1/signals/latest} in ensemble mode (V2). */
  record EnsembleSignals(
      @Doc("ensemble") String mode,
      @Doc("When the netted signal was computed") Instant signalTimestamp,
      @Doc("The ensemble's signal per symbol, in rank order") List<SignalItem> ensembleSignals,
      List<PerStrategy> perStrategySignals,
      @Doc("Symbols with an ensemble signal") int totalSymbolsWithSignal,
      @Doc("The largest pool of the strategies") int totalSymbolsInPool) {}

  /** One active strategy's latest signal, summarised. */
  record PerStrategy(
      String strategyName,
      String poolName,
      int totalSymbolsWithSignal,
      int totalSymbolsInPool,
      int longCount,
      int shortCount) {}

  /** Response of {@code /api/v1/signals/latest}. */
  record LatestSignals(
      @Doc("Strategy that produced the signal") String strategyName,
      @Doc("When the signal was computed") Instant signalTimestamp,
      List<SignalItem> signals,
      @Doc("Number of symbols with a signal") int totalSymbolsWithSignal,
      @Doc("Size of the asset pool") int totalSymbolsInPool) {}

  /** One symbol's signal. */
  record SignalItem(
      @Doc("Symbol") String symbol,
      @Decimals(Decimals.WEIGHT) @Doc("Combined signal (higher = more long)") double signalValue,
      @Doc("1 = highest signal") int rank,
      @Nullable
          @Doc(
              value = "Selected side, null when not selected",
              allowed = {"long", "short"})
          String side) {}
}
