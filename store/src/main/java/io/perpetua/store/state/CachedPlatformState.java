package io.perpetua.store.state;

import io.perpetua.readmodel.AccountBalance;
import io.perpetua.readmodel.Heartbeat;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.PoolSnapshot;
import io.perpetua.readmodel.PositionView;
import io.perpetua.readmodel.PositionsSnapshot;
import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.StageState;
import io.perpetua.store.state.StateJson.BalanceDoc;
import io.perpetua.store.state.StateJson.HeartbeatDoc;
import io.perpetua.store.state.StateJson.PositionDoc;
import io.perpetua.store.state.StateJson.PositionsDoc;
import io.perpetua.store.state.StateJson.SignalDoc;
import io.perpetua.store.state.StateJson.StageDoc;
import io.perpetua.trading.port.StateCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PlatformState} kept in a {@link StateCache} as snake_case JSON, so every process sharing
 * the cache (Redis) sees it. Keys (platform spec):
 *
 * <ul>
 *   <li>{@code quant:heartbeat:{service}} — heartbeat ({@code service, status, last_heartbeat,
 *       started_at, uptime_seconds, metrics});
 *   <li>{@code quant:state:{stage}:status} — stage ({@code name, display_name, status, last_run,
 *       next_run, metrics});
 *   <li>{@code quant:state:{stage}:last_run} — the stage's last run, a bare ISO-8601 instant; when
 *       present it wins over the {@code last_run} field of the status document;
 *   <li>{@code quant:account:balance} — balance ({@code total_equity, available_balance,
 *       used_margin, unrealized_pnl, currency, updated_at});
 *   <li>{@code quant:account:positions} — {@code positions[], total_positions, long_count,
 *       short_count, updated_at};
 *   <li>{@code quant:asset_pool:<name>} — {@code pool_name, refreshed_at_ms, reference_month,
 *       members[{symbol, rank, metric_value, history_days}]}.
 *   <li>{@code quant:signal:latest} — {@code strategy_name, signal_timestamp, signals[], targets[],
 *       total_symbols_with_signal, total_symbols_in_pool, total_long, total_short}.
 * </ul>
 *
 * Times are ISO-8601 UTC with millisecond precision. {@link #stages()} returns the known pipeline
 * stages first ({@link #PIPELINE_ORDER}), then any others by name.
 *
 * <p>Thread-safe as the underlying cache; holds no state of its own.
 */
public final class CachedPlatformState implements PlatformState {
  /** Key prefix of heartbeats. */
  public static final String HEARTBEAT_PREFIX = "quant:heartbeat:";

  /** Key prefix of pipeline stages. */
  public static final String STAGE_PREFIX = "quant:state:";

  /** Key of the balance. */
  public static final String BALANCE_KEY = "quant:account:balance";

  /** Key of the positions. */
  public static final String POSITIONS_KEY = "quant:account:positions";

  /** Key of the latest signal. */
  public static final String SIGNAL_KEY = "quant:signal:latest";

  /** The pipeline stages in execution order. */
  public static final List<String> PIPELINE_ORDER =
      List.of(
          "data_ingestion",
          "asset_pool",
          "feature_calculation",
          "signal_generation",
          "order_execution");

  private static final String STATUS_SUFFIX = ":status";
  private static final String LAST_RUN_SUFFIX = ":last_run";

  private final StateCache cache;

  /** State kept in {@code cache}. */
  public CachedPlatformState(StateCache cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public void putHeartbeat(Heartbeat h) {
    long uptime = Math.max(0, (h.lastHeartbeatMs() - h.startedAtMs()) / 1000);
    HeartbeatDoc doc =
        new HeartbeatDoc(
            h.service(),
            h.status(),
            StateJson.iso(h.lastHeartbeatMs()),
            StateJson.iso(h.startedAtMs()),
            uptime,
            h.metrics());
    cache.put(HEARTBEAT_PREFIX + requireId(h.service(), "service"), StateJson.write(doc));
  }

  @Override
  public List<Heartbeat> heartbeats() {
    List<Heartbeat> out = new ArrayList<>();
    cache
        .scan(HEARTBEAT_PREFIX)
        .forEach(
            (key, json) -> {
              HeartbeatDoc d = StateJson.read(key, json, HeartbeatDoc.class);
              Long last = StateJson.epochMs(d.lastHeartbeat());
              Long started = StateJson.epochMs(d.startedAt());
              out.add(
                  new Heartbeat(
                      d.service() != null ? d.service() : key.substring(HEARTBEAT_PREFIX.length()),
                      d.status(),
                      last == null ? 0 : last,
                      started == null ? 0 : started,
                      StateJson.metrics(d.metrics())));
            });
    out.sort(Comparator.comparing(Heartbeat::service));
    return out;
  }

  @Override
  public void putStage(StageState s) {
    String base = STAGE_PREFIX + requireId(s.name(), "stage name");
    StageDoc doc =
        new StageDoc(
            s.name(),
            s.displayName(),
            s.status(),
            StateJson.iso(s.lastRunMs()),
            StateJson.iso(s.nextRunMs()),
            s.metrics());
    if (s.lastRunMs() != null) {
      cache.putAll(
          Map.of(
              base + STATUS_SUFFIX,
              StateJson.write(doc),
              base + LAST_RUN_SUFFIX,
              StateJson.iso(s.lastRunMs())));
    } else {
      cache.put(base + STATUS_SUFFIX, StateJson.write(doc));
      cache.delete(base + LAST_RUN_SUFFIX);
    }
  }

  @Override
  public List<StageState> stages() {
    Map<String, String> entries = cache.scan(STAGE_PREFIX);
    List<StageState> out = new ArrayList<>();
    entries.forEach(
        (key, json) -> {
          if (key.endsWith(STATUS_SUFFIX)) {
            String name =
                key.substring(STAGE_PREFIX.length(), key.length() - STATUS_SUFFIX.length());
            String lastRunKey = STAGE_PREFIX + name + LAST_RUN_SUFFIX;
            out.add(
                toStage(name, StateJson.read(key, json, StageDoc.class), entries.get(lastRunKey)));
          }
        });
    out.sort(
        Comparator.comparingInt(CachedPlatformState::pipelineIndex)
            .thenComparing(StageState::name));
    return out;
  }

  private static StageState toStage(String name, StageDoc d, String lastRunValue) {
    Long lastRun =
        lastRunValue != null ? StateJson.epochMs(lastRunValue) : StateJson.epochMs(d.lastRun());
    return new StageState(
        d.name() != null ? d.name() : name,
        d.displayName(),
        d.status(),
        lastRun,
        StateJson.epochMs(d.nextRun()),
        StateJson.metrics(d.metrics()));
  }

  private static int pipelineIndex(StageState stage) {
    int index = PIPELINE_ORDER.indexOf(stage.name());
    return index < 0 ? PIPELINE_ORDER.size() : index;
  }

  @Override
  public void putBalance(AccountBalance b) {
    BalanceDoc doc =
        new BalanceDoc(
            b.totalEquity(),
            b.availableBalance(),
            b.usedMargin(),
            b.unrealizedPnl(),
            b.currency(),
            StateJson.iso(b.updatedAtMs()));
    cache.put(BALANCE_KEY, StateJson.write(doc));
  }

  @Override
  public Optional<AccountBalance> balance() {
    return cache
        .get(BALANCE_KEY)
        .map(json -> StateJson.read(BALANCE_KEY, json, BalanceDoc.class))
        .map(
            d ->
                new AccountBalance(
                    d.totalEquity(),
                    d.availableBalance(),
                    d.usedMargin(),
                    d.unrealizedPnl(),
                    d.currency(),
                    orZero(StateJson.epochMs(d.updatedAt()))));
  }

  @Override
  public void putPositions(PositionsSnapshot snapshot) {
    List<PositionDoc> docs = new ArrayList<>(snapshot.positions().size());
    for (PositionView p : snapshot.positions()) {
      docs.add(
          new PositionDoc(
              p.symbol(),
              p.side(),
              p.contracts(),
              p.entryPrice(),
              p.markPrice(),
              p.unrealizedPnl(),
              p.leverage(),
              p.margin(),
              p.liquidationPrice(),
              StateJson.iso(p.updatedAtMs())));
    }
    PositionsDoc doc =
        new PositionsDoc(
            docs,
            docs.size(),
            snapshot.longCount(),
            snapshot.shortCount(),
            StateJson.iso(snapshot.updatedAtMs()));
    cache.put(POSITIONS_KEY, StateJson.write(doc));
  }

  @Override
  public Optional<PositionsSnapshot> positions() {
    return cache
        .get(POSITIONS_KEY)
        .map(json -> StateJson.read(POSITIONS_KEY, json, PositionsDoc.class))
        .map(CachedPlatformState::toSnapshot);
  }

  private static PositionsSnapshot toSnapshot(PositionsDoc d) {
    List<PositionView> views = new ArrayList<>();
    for (PositionDoc p : d.positions() == null ? List.<PositionDoc>of() : d.positions()) {
      views.add(
          new PositionView(
              p.symbol(),
              p.side(),
              p.contracts(),
              p.entryPrice(),
              p.markPrice(),
              p.unrealizedPnl(),
              p.leverage(),
              p.margin(),
              p.liquidationPrice(),
              orZero(StateJson.epochMs(p.updatedAt()))));
    }
    return new PositionsSnapshot(views, orZero(StateJson.epochMs(d.updatedAt())));
  }

  @Override
  public void putSignal(SignalSnapshot s) {
    long longs = s.targets().stream().filter(t -> "long".equals(t.side())).count();
    SignalDoc doc =
        new SignalDoc(
            s.strategyName(),
            StateJson.iso(s.signalTimeMs()),
            s.signals(),
            s.targets(),
            s.signals().size(),
            s.symbolsInPool(),
            longs,
            s.targets().size() - longs);
    cache.put(SIGNAL_KEY, StateJson.write(doc));
  }

  @Override
  public Optional<SignalSnapshot> latestSignal() {
    return cache
        .get(SIGNAL_KEY)
        .map(json -> StateJson.read(SIGNAL_KEY, json, SignalDoc.class))
        .map(
            d ->
                new SignalSnapshot(
                    d.strategyName(),
                    orZero(StateJson.epochMs(d.signalTimestamp())),
                    d.signals() == null ? List.of() : d.signals(),
                    d.targets() == null ? List.of() : d.targets(),
                    d.totalSymbolsInPool()));
  }

  /** Key prefix of the asset pools' latest selections. */
  public static final String POOL_KEY_PREFIX = "quant:asset_pool:";

  @Override
  public void putPool(PoolSnapshot pool) {
    cache.put(POOL_KEY_PREFIX + pool.poolName(), StateJson.write(pool));
  }

  @Override
  public Optional<PoolSnapshot> pool(String name) {
    String key = POOL_KEY_PREFIX + name;
    return cache.get(key).map(json -> StateJson.read(key, json, PoolSnapshot.class));
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static String requireId(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return id;
  }
}
