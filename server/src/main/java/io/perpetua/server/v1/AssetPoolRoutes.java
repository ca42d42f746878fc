package io.perpetua.server.v1;

import io.perpetua.core.Echo;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.PoolSnapshot;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.signals.pool.AssetPoolDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/v1/asset-pool/list} and {@code GET /api/v1/asset-pool/{pool_name}/symbols} (spec
 * 5.3): the configured asset pools with their latest selection as the kernel published it. An
 * unknown pool is 404/40420; a configured pool no running strategy has refreshed yet lists with
 * size 0, and its symbols are 404/40401. Thread-safe.
 */
public final class AssetPoolRoutes implements RouteGroup {
  private static final String TAG = "Asset pools";

  static final Param<String> POOL_NAME =
      Param.string("pool_name", "[A-Za-z0-9_-]+", 64).inPath().description("Asset pool name");

  /**
   * A configured pool.
   *
   * @param definition how it is chosen
   * @param displayName name shown to people
   * @param usedBy the strategies configured on it
   */
  public record Pool(AssetPoolDefinition definition, String displayName, List<String> usedBy) {
    /** Copies. */
    public Pool {
      Objects.requireNonNull(definition, "definition");
      usedBy = List.copyOf(usedBy);
    }
  }

  private final List<Pool> pools;
  private final PlatformState state;

  /** Routes over the configured {@code pools} and the published selections in {@code state}. */
  public AssetPoolRoutes(List<Pool> pools, PlatformState state) {
    this.pools = List.copyOf(pools);
    this.state = Objects.requireNonNull(state, "state");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/asset-pool/list")
            .tag(TAG)
            .summary("Asset pools")
            .description(
                "Every configured pool: its metric, size, refresh interval (monthly pools: lag in"
                    + " months and minimum history), current size and last refresh, and the"
                    + " strategies using it. A pool not refreshed yet has size 0 and"
                    + " last_updated null.")
            .response(PoolList.class, Examples.load("asset-pool-list.json"))
            .handle(r -> list()),
        Route.get("/api/v1/asset-pool/{pool_name}/symbols")
            .tag(TAG)
            .summary("Asset pool members")
            .description(
                "The members of the pool's latest selection in rank order, with the metric value"
                    + " (USDT volume) and days of history each had; reference_month for monthly"
                    + " pools. 404 (40420) for an unknown pool, 404 (40401) before its first"
                    + " refresh.")
            .param(POOL_NAME)
            .errors(ApiError.UNKNOWN_POOL, ApiError.NOT_FOUND)
            .response(PoolSymbols.class, Examples.load("asset-pool-symbols.json"))
            .handle(this::symbols));
  }

  private PoolList list() {
    return new PoolList(
        pools.stream()
            .map(
                p -> {
                  AssetPoolDefinition d = p.definition();
                  Optional<PoolSnapshot> s = state.pool(d.name());
                  return new PoolItem(
                      d.name(),
                      p.displayName(),
                      d.apiMetric(),
                      d.topK(),
                      d.updateInterval(),
                      d.monthly() ? d.lagMonths() : null,
                      d.minHistoryDays() > 0 ? d.minHistoryDays() : null,
                      s.map(x -> x.members().size()).orElse(0),
                      s.map(x -> Instant.ofEpochMilli(x.refreshedAtMs())).orElse(null),
                      p.usedBy());
                })
            .toList());
  }

  private PoolSymbols symbols(ApiRequest request) {
    String name = request.value(POOL_NAME);
    Pool pool =
        pools.stream()
            .filter(p -> p.definition().name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new ApiException(
                        ApiError.UNKNOWN_POOL,
                        "pool_name: no asset pool '"
                            + Echo.of(name)
                            + "'; configured: "
                            + pools.stream().map(p -> p.definition().name()).toList()));
    PoolSnapshot s =
        state
            .pool(name)
            .orElseThrow(
                () -> ApiException.notFound("Asset pool " + name + " has not been refreshed yet"));
    return new PoolSymbols(
        name,
        s.members().stream()
            .map(m -> new Member(m.symbol(), m.rank(), m.metricValue(), m.historyDays()))
            .toList(),
        s.members().size(),
        pool.definition().apiMetric(),
        s.referenceMonth(),
        Instant.ofEpochMilli(s.refreshedAtMs()));
  }

  /** Response of {@code /api/v1/asset-pool/list}. */
  record PoolList(List<PoolItem> pools) {}

  /** One pool. */
  record PoolItem(
      @Doc("Pool name") String poolName,
      @Doc("Display name") String displayName,
      @Doc("Ranking metric, e.g. usdt_volume_30d or dollar_volume_monthly") String metric,
      @Doc("Pool size") int topK,
      @Doc("Refresh interval, e.g. 24h or monthly") String updateInterval,
      @Nullable @Doc("Months between the reference month and now (monthly pools)") Integer lag,
      @Nullable @Doc("Days of history a symbol needs to enter") Integer minHistoryDays,
      @Doc("Members of the latest selection (0 before the first)") int currentSize,
      @Nullable @Doc("Kernel time of the latest selection") Instant lastUpdated,
      @Doc("Strategies configured on the pool") List<String> usedByStrategies) {}

  /** Response of {@code /api/v1/asset-pool/{pool_name}/symbols}. */
  record PoolSymbols(
      @Doc("Pool name") String poolName,
      List<Member> symbols,
      @Doc("Number of members") int totalSymbols,
      @Doc("Ranking metric") String metric,
      @Nullable @Doc("Month ranked (monthly pools), e.g. 2026-02") String referenceMonth,
      @Doc("Kernel time of the selection") Instant lastUpdated) {}

  /** One member. */
  record Member(
      @Doc("Symbol") String symbol,
      @Doc("1 = highest metric") int rank,
      @Decimals(Decimals.MONEY) @Doc("The metric's value (USDT volume)") double metricValue,
      @Doc("Whole days of bars at the selection") int historyDays) {}
}
