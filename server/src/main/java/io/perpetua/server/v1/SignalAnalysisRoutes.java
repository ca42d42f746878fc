package io.perpetua.server.v1;

import io.perpetua.core.time.Times;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.registry.BookMetrics;
import io.perpetua.trading.registry.NavPoint;
import io.perpetua.trading.registry.SignalCoverage;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.registry.StrategyView;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/signals/coverage} (spec 4.2) from the stored signal snapshots, and {@code GET
 * /api/v1/signals/compare} (spec 5.2) from the strategies' virtual books. Thread-safe.
 */
public final class SignalAnalysisRoutes implements RouteGroup {
  private static final String TAG = "Signals";

  static final Param<String> STRATEGY =
      Param.string("strategy", "[A-Za-z0-9_.\\-]+", 64)
          .description("Only this strategy's snapshots (default: every strategy, summed per day).");
  static final Param<String> STRATEGIES =
      Param.string("strategies", "[A-Za-z0-9_.\\-]+(,[A-Za-z0-9_.\\-]+)*", 1000)
          .description("Comma-separated strategy names (default: every configured strategy).");

  private final Supplier<StrategyRegistry> registry;
  private final LongSupplier clock;

  /** The routes over {@code registry} (null while starting: 503); {@code clock} for defaults. */
  public SignalAnalysisRoutes(Supplier<StrategyRegistry> registry, LongSupplier clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/signals/coverage")
            .tag(TAG)
            .summary("Signal coverage per day")
            .description(
                "Per UTC day, from the stored signal snapshots (each strategy's last decision of"
                    + " the day): pool size, symbols with a signal, their ratio and the pool members"
                    + " without one. Default range: the 30 days before the latest decision.")
            .param(Paging.START_DATE)
            .param(Paging.END_DATE)
            .param(STRATEGY)
            .errors(ApiError.INVALID_PARAMETER, ApiError.STRATEGY_NOT_FOUND)
            .response(CoverageData.class, Examples.load("signals-coverage.json"))
            .handle(this::coverage),
        Route.get("/api/v1/signals/compare")
            .tag(TAG)
            .summary("Compare strategies")
            .description(
                "Each strategy's metrics and daily NAV curve from its virtual book (its own targets"
                    + " filled at the platform's fill prices and costs) from `start_date` (default:"
                    + " 30 days before the latest decision). Only days the platform ran are covered (no backtest fill-in"
                    + " before a strategy ran); metrics are null with fewer than two points.")
            .param(STRATEGIES)
            .param(Paging.START_DATE)
            .param(Paging.END_DATE)
            .errors(ApiError.INVALID_PARAMETER, ApiError.STRATEGY_NOT_FOUND)
            .response(CompareData.class, Examples.load("signals-compare.json"))
            .handle(this::compare));
  }

  /**
   * {@code start_date}, else 30 days before the latest decision of any strategy (a replay's
   * decisions are in the data's past), else before now.
   */
  private long from(ApiRequest request, StrategyRegistry r) {
    long latest = clock.getAsLong();
    long decided = Long.MIN_VALUE;
    for (StrategyView v : r.list()) {
      if (v.lastSignalMs() != null) {
        decided = Math.max(decided, v.lastSignalMs());
      }
    }
    long end = decided == Long.MIN_VALUE ? latest : decided;
    return request
        .param(Paging.START_DATE)
        .map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli())
        .orElse(Math.floorDiv(end, Times.DAY_MS) * Times.DAY_MS - 30 * Times.DAY_MS);
  }

  private static long to(ApiRequest request, long from) {
    long to =
        request
            .param(Paging.END_DATE)
            .map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli())
            .orElse(Long.MAX_VALUE);
    if (to <= from) {
      throw ApiException.invalid("end_date", "a day on or after start_date", "" + to);
    }
    return to;
  }

  private CoverageData coverage(ApiRequest request) {
    StrategyRegistry r = Ready.get(registry, "strategy registry");
    long from = from(request, r);
    long to = to(request, from);
    String only = request.param(STRATEGY).orElse(null);
    if (only != null) {
      StrategyRoutes.guard(() -> r.view(only));
    }
    // per day, each strategy's last snapshot
    Map<LocalDate, Map<String, SignalCoverage>> byDay = new TreeMap<>();
    for (SignalCoverage c : r.coverage(from, to)) {
      if (only == null || only.equals(c.strategy())) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(c.timeMs(), Times.DAY_MS));
        byDay.computeIfAbsent(day, d -> new LinkedHashMap<>()).put(c.strategy(), c);
      }
    }
    List<DayCoverage> days = new ArrayList<>();
    for (var e : byDay.entrySet()) {
      int pool = 0;
      int signals = 0;
      Set<String> missing = new LinkedHashSet<>();
      for (SignalCoverage c : e.getValue().values()) {
        pool += c.poolSize();
        signals += c.signalsGenerated();
        missing.addAll(c.missingSymbols());
      }
      double rate = pool == 0 ? Double.NaN : (double) signals / pool;
      days.add(new DayCoverage(e.getKey(), pool, signals, rate, List.copyOf(missing)));
    }
    return new CoverageData(days, summary(days));
  }

  private static CoverageSummary summary(List<DayCoverage> days) {
    double sum = 0;
    int n = 0;
    DayCoverage worst = null;
    for (DayCoverage d : days) {
      if (!Double.isNaN(d.coverageRate())) {
        sum += d.coverageRate();
        n++;
        if (worst == null || d.coverageRate() < worst.coverageRate()) {
          worst = d;
        }
      }
    }
    return new CoverageSummary(
        n == 0 ? Double.NaN : sum / n,
        worst == null ? Double.NaN : worst.coverageRate(),
        worst == null ? null : worst.date());
  }

  private CompareData compare(ApiRequest request) {
    StrategyRegistry r = Ready.get(registry, "strategy registry");
    long from = from(request, r);
    long to = to(request, from);
    List<String> names =
        request.param(STRATEGIES).map(s -> List.of(s.split(","))).orElse(r.names());
    List<CompareItem> out = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      StrategyView v = StrategyRoutes.guard(() -> r.view(name));
      List<NavPoint> curve = r.navs(name, from).stream().filter(p -> p.dayMs() < to).toList();
      double turnover = v.performance() == null ? Double.NaN : v.performance().dailyTurnover();
      BookMetrics m = BookMetrics.ofCurve(curve, turnover);
      double calmar =
          m.maxDrawdown() < 0 ? m.annualizedReturn() / Math.abs(m.maxDrawdown()) : Double.NaN;
      out.add(
          new CompareItem(
              v.name(),
              v.displayName(),
              v.poolName(),
              v.rebalanceDays(),
              new CompareMetrics(
                  m.totalReturn(),
                  m.annualizedReturn(),
                  m.sharpe(),
                  m.maxDrawdown(),
                  calmar,
                  m.dailyTurnover(),
                  m.winRate()),
              curve.stream()
                  .map(
                      p ->
                          new StrategyNavItem(
                              LocalDate.ofEpochDay(p.dayMs() / Times.DAY_MS), p.nav()))
                  .toList()));
    }
    return new CompareData(out);
  }

  /** {@code /signals/coverage}. */
  record CoverageData(List<DayCoverage> dailyCoverage, CoverageSummary summary) {}

  /** One day. */
  record DayCoverage(
      LocalDate date,
      @Doc("Pool members at the decisions") int poolSize,
      @Doc("Members with a signal") int signalsGenerated,
      @Nullable @Decimals(Decimals.WEIGHT) double coverageRate,
      @Doc("Members without a signal") List<String> missingSymbols) {}

  /** Over the range. */
  record CoverageSummary(
      @Nullable @Decimals(Decimals.WEIGHT) double avgCoverageRate,
      @Nullable @Decimals(Decimals.WEIGHT) double minCoverageRate,
      @Nullable LocalDate minCoverageDate) {}

  /** {@code /signals/compare}. */
  record CompareData(List<CompareItem> strategies) {}

  /** One strategy. */
  record CompareItem(
      String name,
      String displayName,
      String poolName,
      int rebalanceDays,
      CompareMetrics metrics,
      List<StrategyNavItem> navCurve) {}

  /** Virtual-book metrics over the range (null where not measurable). */
  record CompareMetrics(
      @Nullable @Decimals(Decimals.WEIGHT) double totalReturn,
      @Nullable @Decimals(Decimals.WEIGHT) double annualizedReturn,
      @Nullable @Decimals(Decimals.WEIGHT) double sharpe,
      @Nullable @Decimals(Decimals.WEIGHT) double maxDrawdown,
      @Nullable @Decimals(Decimals.WEIGHT) double calmar,
      @Nullable @Decimals(Decimals.WEIGHT) double dailyTurnover,
      @Nullable @Decimals(Decimals.WEIGHT) double winRate) {}

  /** A NAV point. */
  record StrategyNavItem(LocalDate date, @Decimals(Decimals.MONEY) double nav) {}
}
