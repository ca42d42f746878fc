package io.perpetua.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.readmodel.AccountBalance;
import io.perpetua.readmodel.Heartbeat;
import io.perpetua.readmodel.PositionView;
import io.perpetua.readmodel.PositionsSnapshot;
import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.StageState;
import io.perpetua.readmodel.SymbolSignal;
import io.perpetua.readmodel.TargetPosition;
import io.perpetua.store.state.CachedPlatformState;
import io.perpetua.trading.port.StateCache;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link CachedPlatformState} contract over a {@link StateCache} implementation: every value
 * round-trips, and the raw keys and JSON follow the platform spec.
 */
public abstract class PlatformStateContract {
  private static final long T0 = Instant.parse("2026-03-02T23:58:30Z").toEpochMilli();

  protected StateCache cache;
  protected CachedPlatformState state;

  /** A new, empty cache isolated from other tests. */
  protected abstract StateCache newCache();

  /** Removes what the cache stored outside the process (called after each test). */
  protected void cleanUp() {}

  @BeforeEach
  void open() {
    cache = newCache();
    state = new CachedPlatformState(cache);
  }

  @AfterEach
  void close() {
    if (cache == null) {
      return; // the cache could not be opened (e.g. service absent)
    }
    cleanUp();
    cache.close();
  }

  @Test
  void nothingStored_readsEmpty() {
    assertThat(state.heartbeats()).isEmpty();
    assertThat(state.stages()).isEmpty();
    assertThat(state.balance()).isEmpty();
    assertThat(state.positions()).isEmpty();
    assertThat(state.latestSignal()).isEmpty();
  }

  @Test
  void heartbeats_roundTrip_orderedByService() {
    Heartbeat feature =
        new Heartbeat(
            "feature_service",
            "degraded",
            T0 + 123,
            T0 - 86_400_000L,
            Map.of("symbols_calculated", 98, "last_calculation", "2026-03-02T23:54:50Z"));
    Heartbeat pool =
        new Heartbeat(
            "asset_pool_service", "healthy", T0, T0 - 1_000, Map.of("symbols_count", 100));
    state.putHeartbeat(feature);
    state.putHeartbeat(pool);

    assertThat(state.heartbeats()).containsExactly(pool, feature);
    assertThat(cache.get("quant:heartbeat:asset_pool_service").orElseThrow())
        .contains("\"last_heartbeat\":\"2026-03-02T23:58:30Z\"")
        .contains("\"uptime_seconds\":1")
        .contains("\"symbols_count\":100");
  }

  @Test
  void heartbeat_isReplacedByTheNextOne() {
    state.putHeartbeat(new Heartbeat("svc", "healthy", T0, T0, Map.of()));
    Heartbeat later = new Heartbeat("svc", "down", T0 + 60_000, T0, Map.of("ok", false));
    state.putHeartbeat(later);

    assertThat(state.heartbeats()).containsExactly(later);
  }

  @Test
  void stages_comeInPipelineOrder_thenOthersByName() {
    for (String name :
        List.of(
            "order_execution",
            "zeta_extra",
            "data_ingestion",
            "alpha_extra",
            "signal_generation",
            "feature_calculation")) {
      state.putStage(new StageState(name, name.toUpperCase(), "idle", T0, null, Map.of()));
    }

    assertThat(state.stages())
        .extracting(StageState::name)
        .containsExactly(
            "data_ingestion",
            "feature_calculation",
            "signal_generation",
            "order_execution",
            "alpha_extra",
            "zeta_extra");
  }

  @Test
  void stage_roundTrips_andWritesStatusAndLastRunKeys() {
    StageState signal =
        new StageState(
            "signal_generation",
            "信号生成",
            "idle",
            T0 + 5,
            T0 + 240_000,
            Map.of("active_strategy", "baseline_rev", "long_count", 30, "ratio", 0.25));
    state.putStage(signal);

    assertThat(state.stages()).containsExactly(signal);
    assertThat(cache.get("quant:state:signal_generation:last_run"))
        .contains("2026-03-02T23:58:30.005Z");
    assertThat(cache.get("quant:state:signal_generation:status").orElseThrow())
        .contains("\"display_name\":\"信号生成\"")
        .contains("\"next_run\":\"2026-03-03T00:02:30Z\"")
        .contains("\"active_strategy\":\"baseline_rev\"");
  }

  @Test
  void stage_lastRunKey_winsOverTheStatusDocument() {
    state.putStage(new StageState("data_ingestion", "数据采集", "running", T0, null, Map.of()));
    cache.put("quant:state:data_ingestion:last_run", "2026-03-03T00:00:00Z");

    assertThat(state.stages().get(0).lastRunMs())
        .isEqualTo(Instant.parse("2026-03-03T00:00:00Z").toEpochMilli());
  }

  @Test
  void stage_withoutLastRun_clearsTheLastRunKey() {
    state.putStage(new StageState("order_execution", "订单执行", "idle", T0, null, Map.of()));
    StageState never = new StageState("order_execution", "订单执行", "error", null, null, Map.of());
    state.putStage(never);

    assertThat(cache.get("quant:state:order_execution:last_run")).isEmpty();
    assertThat(state.stages()).containsExactly(never);
  }

  @Test
  void balance_roundTrips_asSnakeCaseJson() {
    AccountBalance balance = new AccountBalance(10234.56, 5120.30, 5114.26, 123.45, "USDT", T0);
    state.putBalance(balance);

    assertThat(state.balance()).contains(balance);
    assertThat(cache.get("quant:account:balance").orElseThrow())
        .contains("\"total_equity\":10234.56")
        .contains("\"available_balance\":5120.3")
        .contains("\"unrealized_pnl\":123.45")
        .contains("\"updated_at\":\"2026-03-02T23:58:30Z\"");
  }

  @Test
  void positions_roundTrip_withCounts() {
    PositionView btc =
        new PositionView(
            "BTC/USDT:USDT", "long", 0.005, 62450.0, 62800.0, 1.75, 1, 312.25, null, T0);
    PositionView doge =
        new PositionView("DOGE/USDT:USDT", "short", 1500, 0.1, 0.09, 15.0, 3, 50.0, 0.135, T0 + 1);
    PositionsSnapshot snapshot = new PositionsSnapshot(List.of(btc, doge), T0 + 2);
    state.putPositions(snapshot);

    assertThat(state.positions()).contains(snapshot);
    assertThat(cache.get("quant:account:positions").orElseThrow())
        .contains("\"liquidation_price\":null")
        .contains("\"total_positions\":2")
        .contains("\"long_count\":1")
        .contains("\"short_count\":1")
        .contains("\"entry_price\":62450.0");
  }

  @Test
  void signal_roundTrips() {
    SignalSnapshot signal =
        new SignalSnapshot(
            "baseline_rev",
            T0,
            List.of(
                new SymbolSignal("BTC/USDT:USDT", 1.85, 1, "long"),
                new SymbolSignal("ETH/USDT:USDT", 0.2, 2, null),
                new SymbolSignal("DOGE/USDT:USDT", -2.10, 3, "short")),
            List.of(
                new TargetPosition("BTC/USDT:USDT", "long", 0.0167, 1.85, "baseline_rev_long"),
                new TargetPosition(
                    "DOGE/USDT:USDT", "short", -0.0167, -2.10, "baseline_rev_short")),
            488);
    state.putSignal(signal);

    assertThat(state.latestSignal()).contains(signal);
    assertThat(cache.get("quant:signal:latest").orElseThrow())
        .contains("\"strategy_name\":\"baseline_rev\"")
        .contains("\"signal_timestamp\":\"2026-03-02T23:58:30Z\"")
        .contains("\"signal_value\":-2.1")
        .contains("\"target_weight\":-0.0167")
        .contains("\"total_symbols_in_pool\":488")
        .contains("\"total_symbols_with_signal\":3");
  }

  @Test
  void assetPool_roundTripsUnderItsOwnKey() {
    var pool =
        new io.perpetua.readmodel.PoolSnapshot(
            "t50_monthly",
            T0,
            "2026-02",
            java.util.List.of(
                new io.perpetua.readmodel.PoolSnapshot.Member("BTC/USDT:USDT", 1, 1.25e8, 730)));
    assertThat(state.pool("t50_monthly")).isEmpty();
    state.putPool(pool);
    assertThat(state.pool("t50_monthly")).contains(pool);
    assertThat(state.pool("default")).isEmpty();
    assertThat(cache.get("quant:asset_pool:t50_monthly")).isPresent();
  }
}
