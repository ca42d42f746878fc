package io.perpetua.server;

import io.perpetua.core.time.Times;
import io.perpetua.readmodel.AccountBalance;
import io.perpetua.readmodel.Heartbeat;
import io.perpetua.readmodel.PositionView;
import io.perpetua.readmodel.PositionsSnapshot;
import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.StageState;
import io.perpetua.readmodel.SymbolSignal;
import io.perpetua.readmodel.TargetPosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A populated platform state. Numbers carry more digits than the API precision so rounding is
 * visible; the expected rounded values are noted beside them.
 */
final class Fixtures {
  /** The wall clock of the tests: 2026-03-02T23:59:00Z. */
  static final long NOW = Times.parseInstant("2026-03-02T23:59:00Z");

  static final long DAY_S = 86_400;

  private Fixtures() {}

  static InMemoryPlatformState populated() {
    InMemoryPlatformState state = new InMemoryPlatformState();
    // 30.75 s ago: fresh; milliseconds are truncated in the API.
    state.putHeartbeat(
        new Heartbeat(
            "asset_pool_service",
            "healthy",
            NOW - 29_250,
            NOW - DAY_S * 1000,
            Map.of("symbols_count", 100)));
    state.putHeartbeat(
        new Heartbeat(
            "feature_service",
            "degraded",
            NOW - 60_000,
            NOW - DAY_S * 1000,
            Map.of("last_calculation", "2026-03-02T23:54:50Z", "symbols_calculated", 98)));
    state.putStage(stage("data_ingestion", "数据采集", "running", NOW, null, "symbols_streaming", 100));
    state.putStage(
        stage("feature_calculation", "特征计算", "idle", NOW - 250_000, NOW, "features_per_symbol", 4));
    Map<String, Object> signalMetrics = new LinkedHashMap<>();
    signalMetrics.put("active_strategy", "baseline_rev");
    signalMetrics.put("long_count", 30);
    signalMetrics.put("dry_run", true);
    state.putStage(
        new StageState("signal_generation", "信号生成", "idle", NOW - 240_000, NOW, signalMetrics));
    state.putBalance(
        new AccountBalance(
            10234.5649, // 10234.56
            5120.295, // 5120.3 (half up)
            5114.2649999, // 5114.26
            123.456, // 123.46
            "USDT",
            NOW - 30_000));
    state.putPositions(
        new PositionsSnapshot(
            List.of(
                new PositionView(
                    "BTC/USDT:USDT",
                    "long",
                    0.0050000001, // 0.005
                    62450.123456789, // 62450.12345679
                    62800.0, // 62800.0
                    1.754, // 1.75
                    1,
                    312.2451, // 312.25
                    null,
                    NOW - 30_000),
                new PositionView(
                    "ETH/USDT:USDT",
                    "short",
                    0.5,
                    3200.5,
                    3190.25,
                    5.125, // 5.13
                    2,
                    800.125, // 800.13
                    4123.123456789, // 4123.12345679
                    NOW - 30_000),
                new PositionView(
                    "SOL/USDT:USDT", "long", 3, 140, 141, 3, 1, 420, null, NOW - 30_000)),
            NOW - 30_000));
    state.putSignal(
        new SignalSnapshot(
            "baseline_rev",
            NOW - 240_000,
            List.of(
                new SymbolSignal("DOGE/USDT:USDT", -2.1000004, 3, "short"), // -2.1
                new SymbolSignal("BTC/USDT:USDT", 1.8512345, 1, "long"), // 1.851235 (half up)
                new SymbolSignal("ETH/USDT:USDT", 0.25, 2, null)),
            List.of(
                new TargetPosition(
                    "BTC/USDT:USDT", "long", 0.016666666, 1.8512345, "baseline_rev_long"),
                new TargetPosition(
                    "DOGE/USDT:USDT", "short", -0.0166666666, -2.1000004, "baseline_rev_short")),
            488));
    return state;
  }

  private static StageState stage(
      String name,
      String display,
      String status,
      Long lastRun,
      Long nextRun,
      String metric,
      Object value) {
    return new StageState(name, display, status, lastRun, nextRun, Map.of(metric, value));
  }
}
