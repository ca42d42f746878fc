package io.perpetua.server.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.analytics.portfolio.DailyPnlReport;
import io.perpetua.analytics.portfolio.DayPnl;
import io.perpetua.analytics.portfolio.DrawdownReport;
import io.perpetua.analytics.portfolio.NavPoint;
import io.perpetua.analytics.portfolio.NavReport;
import io.perpetua.analytics.portfolio.PortfolioAnalytics;
import io.perpetua.analytics.portfolio.PositionDeviationReport;
import io.perpetua.analytics.portfolio.SymbolVolatility;
import io.perpetua.analytics.portfolio.VolatilityReport;
import io.perpetua.core.time.Times;
import io.perpetua.readmodel.AccountBalance;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.PositionView;
import io.perpetua.readmodel.SignalSnapshot;
import io.perpetua.readmodel.TargetPosition;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.TradingHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Spec 000 §3.4, portfolio analytics: {@code GET /api/v1/portfolio/nav}, {@code /pnl}, {@code
 * /drawdown}, {@code /position-deviation} and {@code /volatility}, computed by {@link
 * PortfolioAnalytics} (definitions in docs/metrics.md) from the kernel's hourly and daily portfolio
 * snapshots, the latest signal and positions, and the market's daily closes. Dates are kernel
 * (replay) days; without {@code end_date} the range ends at the latest snapshot. Thread-safe.
 */
public final class AnalyticsRoutes implements RouteGroup {
  private static final String TAG = "Portfolio";
  private static final int PERIODS_PER_YEAR = 365;
  private static final int ROLLING_DAYS = 30;
  private static final int DEFAULT_DAYS = 30;

  static final Param<String> INTERVAL =
      Param.oneOf("interval", "daily", "hourly").withDefault("daily").description("Point spacing.");
  static final Param<String> LEVEL =
      Param.oneOf("level", "portfolio", "symbol")
          .withDefault("portfolio")
          .description("Portfolio metrics or per-symbol volatility.");
  static final Param<String> PERIOD =
      Param.oneOf("period", "7d", "30d", "90d").withDefault("30d").description("Lookback.");

  /** Daily simple returns of symbols from market data. */
  @FunctionalInterface
  public interface SymbolReturns {
    /**
     * {@code [symbol][day]} simple close-to-close returns of the {@code days} UTC days ending on
     * the day of {@code endMs}, aligned across symbols, NaN where a symbol has no price.
     */
    double[][] dailyReturns(List<String> symbols, long endMs, int days);
  }

  private final Supplier<TradingHistory> journal;
  private final PlatformState state;
  private final String accountId;
  private final SymbolReturns market;

  /**
   * The routes.
   *
   * @param journal the journal's reads (snapshots); may supply null while starting (503 then)
   * @param state published signal, positions and balance
   * @param accountId the account whose snapshots to read
   * @param market daily returns of symbols
   */
  public AnalyticsRoutes(
      Supplier<TradingHistory> journal,
      PlatformState state,
      String accountId,
      SymbolReturns market) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.state = Objects.requireNonNull(state, "state");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.market = Objects.requireNonNull(market, "market");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/portfolio/nav")
            .tag(TAG)
            .summary("NAV curve")
            .description(
                "Equity at each UTC midnight (daily) or whole hour (hourly) in [start_date,"
                    + " end_date]; default: the 30 days up to the latest snapshot. initial_nav and"
                    + " current_nav are the first and last NAV of the range at hourly resolution,"
                    + " whatever the interval. 404 (40401) before the first snapshot and for a"
                    + " range without one.")
            .param(Paging.START_DATE)
            .param(Paging.END_DATE)
            .param(INTERVAL)
            .response(NavData.class, Examples.load("portfolio-nav.json"))
            .handle(this::nav),
        Route.get("/api/v1/portfolio/pnl")
            .tag(TAG)
            .summary("Daily PnL")
            .description(
                "PnL of each UTC day (last hourly NAV of the day minus the previous day's) with"
                    + " a summary; win_rate = days with PnL > 0 / all days. A range outside the"
                    + " data gives an empty list (404 only before the first snapshot).")
            .param(Paging.START_DATE)
            .param(Paging.END_DATE)
            .response(PnlData.class, Examples.load("portfolio-pnl.json"))
            .handle(this::pnl),
        Route.get("/api/v1/portfolio/drawdown")
            .tag(TAG)
            .summary("Drawdown curve")
            .description(
                "Drawdown from the running peak of the daily NAV (≤ 0), the maximum with the day"
                    + " of its trough, and the days it took to recover (null while not"
                    + " recovered).")
            .param(Paging.START_DATE)
            .param(Paging.END_DATE)
            .response(DrawdownData.class, Examples.load("portfolio-drawdown.json"))
            .handle(this::drawdown),
        Route.get("/api/v1/portfolio/position-deviation")
            .tag(TAG)
            .summary("Target vs actual positions")
            .description(
                "Per symbol: target weight (latest signal), actual weight (position notional /"
                    + " equity), deviation and status: acceptable (< 10 %), warning (≥ 10 %),"
                    + " missing (target, no position), extra (position, no target).")
            .response(DeviationData.class, Examples.load("portfolio-deviation.json"))
            .handle(r -> deviation()),
        Route.get("/api/v1/portfolio/volatility")
            .tag(TAG)
            .summary("Volatility")
            .description(
                "level=portfolio: daily and annualised (√365) volatility of daily NAV returns,"
                    + " Sharpe, Calmar, Sortino over the period (null with fewer than "
                    + PortfolioAnalytics.MIN_RATIO_RETURNS
                    + " daily returns in it, so always with period=7d), and the rolling 30-day"
                    + " volatility. level=symbol: each held symbol's annualised volatility, its"
                    + " weight and its (Euler) contribution to the portfolio volatility.")
            .param(LEVEL)
            .param(PERIOD)
            .response(VolatilityData.class, Examples.load("portfolio-volatility.json"))
            .handle(this::volatility));
  }

  /**
   * The request's range, the same whatever the interval: it ends at {@code end_date} or the latest
   * snapshot and starts at {@code start_date} or 30 days before its end. Hourly snapshots (the
   * finest; every daily snapshot is also an hourly one) fix both ends. 404 when no snapshot has
   * been taken at all; a range outside the data is empty ({@code hourly} empty).
   *
   * @param fromMs first instant of the range
   * @param toMs last instant of the range
   * @param hourly hourly snapshots from {@code extraDaysBefore} days before {@code fromMs} to
   *     {@code toMs}
   */
  private record Window(long fromMs, long toMs, List<PortfolioSnapshot> hourly) {
    /** Snapshots in {@code [fromMs, toMs]}. */
    List<PortfolioSnapshot> in(List<PortfolioSnapshot> snapshots) {
      return snapshots.stream().filter(s -> s.timeMs() >= fromMs && s.timeMs() <= toMs).toList();
    }
  }

  private Window window(ApiRequest request, int extraDaysBefore) {
    TradingHistory history = Ready.get(journal, "journal");
    long to = Paging.toMs(request);
    List<PortfolioSnapshot> upTo =
        history.snapshots(accountId, PortfolioSnapshot.Interval.HOURLY, 0, to);
    if (upTo.isEmpty()
        && (to == Long.MAX_VALUE
            || history
                .snapshots(accountId, PortfolioSnapshot.Interval.HOURLY, 0, Long.MAX_VALUE)
                .isEmpty())) {
      throw ApiException.notFound("No portfolio snapshot has been taken yet");
    }
    long end = upTo.isEmpty() ? to : upTo.get(upTo.size() - 1).timeMs();
    long from =
        request
            .param(Paging.START_DATE)
            .map(Paging::startOf)
            .orElse(end - DEFAULT_DAYS * Times.DAY_MS);
    long since = from - extraDaysBefore * Times.DAY_MS;
    return new Window(from, end, upTo.stream().filter(s -> s.timeMs() >= since).toList());
  }

  /** The window's snapshots of {@code interval}; 404 when the range holds none. */
  private List<PortfolioSnapshot> snapshots(Window w, PortfolioSnapshot.Interval interval) {
    List<PortfolioSnapshot> s =
        interval == PortfolioSnapshot.Interval.HOURLY
            ? w.in(w.hourly())
            : w.in(
                Ready.get(journal, "journal").snapshots(accountId, interval, w.fromMs(), w.toMs()));
    if (s.isEmpty()) {
      throw ApiException.notFound("No portfolio snapshot in the requested range");
    }
    return s;
  }

  private static List<NavPoint> points(List<PortfolioSnapshot> snapshots) {
    return snapshots.stream().map(s -> new NavPoint(s.timeMs(), s.nav())).toList();
  }

  /**
   * initial_nav and current_nav are the first and last NAV of the range at the finest (hourly)
   * resolution, so they do not depend on {@code interval}; the datapoints are the interval's.
   */
  private NavData nav(ApiRequest request) {
    PortfolioSnapshot.Interval interval = PortfolioSnapshot.Interval.parse(request.value(INTERVAL));
    Window w = window(request, 0);
    NavReport range =
        PortfolioAnalytics.nav(points(snapshots(w, PortfolioSnapshot.Interval.HOURLY)));
    List<PortfolioSnapshot> s = snapshots(w, interval);
    return new NavData(
        range.initialNav(),
        range.currentNav(),
        range.totalReturn(),
        s.stream().map(p -> new NavItem(Instant.ofEpochMilli(p.timeMs()), p.nav())).toList());
  }

  /** An empty list (not a 404) for a range outside the data. */
  private PnlData pnl(ApiRequest request) {
    Window w = window(request, 1);
    // the last NAV before the first day is that day's base
    long firstDay =
        request.param(Paging.START_DATE).isPresent()
            ? w.fromMs()
            : Math.floorDiv(w.toMs(), Times.DAY_MS) * Times.DAY_MS
                - (DEFAULT_DAYS - 1) * Times.DAY_MS;
    double before = Double.NaN;
    List<NavPoint> in = new ArrayList<>();
    for (PortfolioSnapshot p : w.hourly()) {
      if (p.timeMs() < firstDay) {
        before = p.nav();
      } else {
        in.add(new NavPoint(p.timeMs(), p.nav()));
      }
    }
    DailyPnlReport r = PortfolioAnalytics.dailyPnl(in, before);
    List<PnlItem> days =
        r.dailyPnl().stream().map(d -> new PnlItem(d.date(), d.pnl(), d.pnlPct())).toList();
    var sum = r.summary();
    return new PnlData(
        days,
        new PnlSummary(
            sum.totalPnl(),
            sum.avgDailyPnl(),
            day(sum.bestDay()),
            day(sum.worstDay()),
            sum.winRate()));
  }

  private static DayItem day(DayPnl d) {
    return d == null ? null : new DayItem(d.date(), d.pnl());
  }

  private DrawdownData drawdown(ApiRequest request) {
    List<PortfolioSnapshot> s = snapshots(window(request, 0), PortfolioSnapshot.Interval.DAILY);
    DrawdownReport r = PortfolioAnalytics.drawdown(points(s));
    return new DrawdownData(
        r.currentDrawdown(),
        r.maxDrawdown(),
        r.maxDrawdownDate(),
        r.drawdownCurve().stream()
            .map(p -> new DrawdownItem(Instant.ofEpochMilli(p.timeMs()), p.drawdown()))
            .toList(),
        r.recoveryDays());
  }

  private DeviationData deviation() {
    SignalSnapshot signal =
        state
            .latestSignal()
            .orElseThrow(() -> ApiException.notFound("No signal has been computed yet"));
    Map<String, Double> target = new LinkedHashMap<>();
    for (TargetPosition t : signal.targets()) {
      target.put(t.symbol(), t.targetWeight());
    }
    Map<String, Double> actual = actualWeights();
    long checked = state.positions().map(p -> p.updatedAtMs()).orElse(signal.signalTimeMs());
    PositionDeviationReport r = PortfolioAnalytics.positionDeviation(target, actual, checked);
    var s = r.summary();
    return new DeviationData(
        r.deviations().stream()
            .map(
                d ->
                    new DeviationItem(
                        d.symbol(),
                        d.targetWeight(),
                        d.actualWeight(),
                        d.deviation(),
                        d.deviationPct(),
                        d.status().code()))
            .toList(),
        new DeviationSummaryItem(
            s.totalSymbols(),
            s.matched(),
            s.warning(),
            s.missing(),
            s.extra(),
            s.avgDeviationPct(),
            s.maxDeviationPct()),
        Instant.ofEpochMilli(r.checkedAtMs()));
  }

  /** Signed position notional / equity per symbol. */
  private Map<String, Double> actualWeights() {
    double equity = state.balance().map(AccountBalance::totalEquity).orElse(Double.NaN);
    Map<String, Double> out = new LinkedHashMap<>();
    if (!(equity > 0)) {
      return out;
    }
    for (PositionView p : state.positions().map(ps -> ps.positions()).orElse(List.of())) {
      double notional = p.contracts() * p.markPrice() * ("short".equals(p.side()) ? -1 : 1);
      out.put(p.symbol(), notional / equity);
    }
    return out;
  }

  private VolatilityData volatility(ApiRequest request) {
    String period = request.value(PERIOD);
    int days = Integer.parseInt(period.substring(0, period.length() - 1));
    if ("symbol".equals(request.value(LEVEL))) {
      Map<String, Double> weights = actualWeights();
      List<String> symbols = List.copyOf(weights.keySet());
      long end = state.positions().map(p -> p.updatedAtMs()).orElse(0L);
      double[] w = symbols.stream().mapToDouble(weights::get).toArray();
      List<SymbolVolatility> vols =
          symbols.isEmpty()
              ? List.of()
              : PortfolioAnalytics.symbolVolatility(
                  symbols, market.dailyReturns(symbols, end, days), w, PERIODS_PER_YEAR);
      return new VolatilityData(
          "symbol",
          period,
          null,
          null,
          vols.stream()
              .map(
                  v ->
                      new SymbolItem(
                          v.symbol(),
                          v.annualizedVolatility(),
                          v.contributionToPortfolioVol(),
                          v.weight()))
              .toList());
    }
    List<PortfolioSnapshot> all =
        Ready.get(journal, "journal")
            .snapshots(accountId, PortfolioSnapshot.Interval.HOURLY, 0, Long.MAX_VALUE);
    if (all.isEmpty()) {
      throw ApiException.notFound("No portfolio snapshot has been taken yet");
    }
    long since = all.get(all.size() - 1).timeMs() - (days + ROLLING_DAYS + 1) * Times.DAY_MS;
    List<NavPoint> nav = points(all.stream().filter(s -> s.timeMs() >= since).toList());
    VolatilityReport r =
        PortfolioAnalytics.portfolioVolatility(
            nav, days, PERIODS_PER_YEAR, ROLLING_DAYS, PortfolioAnalytics.MIN_RATIO_RETURNS);
    return new VolatilityData(
        "portfolio",
        period,
        new PortfolioVol(
            r.annualizedVolatility(), r.dailyVolatility(), r.sharpe(), r.calmar(), r.sortino()),
        r.rolling().stream().map(v -> new RollingItem(v.date(), v.volatility())).toList(),
        null);
  }

  /** Response of {@code /portfolio/nav}. */
  record NavData(
      @Decimals(Decimals.MONEY) @Doc("NAV at the first point") double initialNav,
      @Decimals(Decimals.MONEY) @Doc("NAV at the last point") double currentNav,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("current / initial − 1") double totalReturn,
      List<NavItem> datapoints) {}

  /** One NAV point. */
  record NavItem(Instant timestamp, @Decimals(Decimals.MONEY) double nav) {}

  /** Response of {@code /portfolio/pnl}. */
  record PnlData(List<PnlItem> dailyPnl, PnlSummary summary) {}

  /** One day. */
  record PnlItem(
      LocalDate date,
      @Nullable @Decimals(Decimals.MONEY) double pnl,
      @Nullable @Decimals(Decimals.WEIGHT) double pnlPct) {}

  /** PnL summary. */
  record PnlSummary(
      @Nullable @Decimals(Decimals.MONEY) double totalPnl,
      @Nullable @Decimals(Decimals.MONEY) double avgDailyPnl,
      @Nullable DayItem bestDay,
      @Nullable DayItem worstDay,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Days with PnL > 0 / all days") double winRate) {}

  /** A day and its PnL. */
  record DayItem(LocalDate date, @Decimals(Decimals.MONEY) double pnl) {}

  /** Response of {@code /portfolio/drawdown}. */
  record DrawdownData(
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Now, ≤ 0") double currentDrawdown,
      @Nullable @Decimals(Decimals.WEIGHT) @Doc("Deepest, ≤ 0") double maxDrawdown,
      @Nullable @Doc("Day of the deepest trough") LocalDate maxDrawdownDate,
      List<DrawdownItem> drawdownCurve,
      @Nullable @Doc("Days from the trough back to the peak; null while not recovered")
          Long recoveryDays) {}

  /** One drawdown point. */
  record DrawdownItem(Instant timestamp, @Decimals(Decimals.WEIGHT) double drawdown) {}

  /** Response of {@code /portfolio/position-deviation}. */
  record DeviationData(
      List<DeviationItem> deviations, DeviationSummaryItem summary, Instant checkedAt) {}

  /** One symbol's deviation. */
  record DeviationItem(
      String symbol,
      @Decimals(Decimals.WEIGHT) double targetWeight,
      @Decimals(Decimals.WEIGHT) double actualWeight,
      @Decimals(Decimals.WEIGHT) double deviation,
      @Nullable @Decimals(Decimals.MONEY) @Doc("deviation / |target| × 100") double deviationPct,
      @Doc(
              value = "Status",
              allowed = {"acceptable", "warning", "missing", "extra"})
          String status) {}

  /** Deviation summary. */
  record DeviationSummaryItem(
      @Doc("matched + warning + missing + extra") int totalSymbols,
      @Doc("Symbols with a target and a position within 10 % of it (status acceptable)")
          int matched,
      @Doc("Symbols with a target and a position ≥ 10 % off it (status warning)") int warning,
      int missing,
      int extra,
      @Nullable @Decimals(Decimals.MONEY) double avgDeviationPct,
      @Nullable @Decimals(Decimals.MONEY) double maxDeviationPct) {}

  /** Response of {@code /portfolio/volatility}. */
  record VolatilityData(
      @Doc(
              value = "Level",
              allowed = {"portfolio", "symbol"})
          String level,
      String period,
      @Nullable @Doc("level=portfolio only") PortfolioVol metrics,
      @Nullable @Doc("level=portfolio only") List<RollingItem> volatilityTimeseries,
      @Nullable @Doc("level=symbol only") List<SymbolItem> symbols) {}

  /** Portfolio-level metrics. */
  record PortfolioVol(
      @Nullable @Decimals(Decimals.WEIGHT) double annualizedVolatility,
      @Nullable @Decimals(Decimals.WEIGHT) double dailyVolatility,
      @Nullable @Decimals(Decimals.WEIGHT) double sharpeRatio,
      @Nullable @Decimals(Decimals.WEIGHT) double calmarRatio,
      @Nullable @Decimals(Decimals.WEIGHT) double sortinoRatio) {}

  /** One rolling value. */
  record RollingItem(
      LocalDate date,
      @JsonProperty("rolling_vol_30d") @Nullable @Decimals(Decimals.WEIGHT) double rollingVol30d) {}

  /** One symbol. */
  record SymbolItem(
      String symbol,
      @Nullable @Decimals(Decimals.WEIGHT) double annualizedVolatility,
      @Nullable @Decimals(Decimals.WEIGHT) double contributionToPortfolioVol,
      @Decimals(Decimals.WEIGHT) double weight) {}
}
