package io.perpetua.server.v1.flow;

import static io.perpetua.server.v1.flow.FlowSupport.STRATEGY_ID_PATH;
import static io.perpetua.server.v1.flow.FlowSupport.TAG;
import static io.perpetua.server.v1.flow.FlowSupport.command;
import static io.perpetua.server.v1.flow.FlowSupport.example;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.HttpMethod;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.StrategyStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The strategy factory (spec §3.4) under {@code /api/v1/flow/strategies}: create, list (deprecated
 * included on request), get, patch (a new version, applied at the next evaluation without a
 * restart), pause, resume, deprecate, restore, add balance and the version history. Every change is
 * stored before it answers; invalid input is 40001 naming every failed field (nothing stored), an
 * impossible transition (e.g. patching a deprecated strategy) 40005 (409). Thread-safe.
 */
public final class FlowStrategyRoutes implements RouteGroup {
  static final Param<Boolean> INCLUDE_DEPRECATED =
      Param.bool("include_deprecated")
          .withDefault(true)
          .description("Include deprecated strategies (default true).");

  private final Supplier<FlowService> service;

  /**
   * The routes.
   *
   * @param service the platform's order-flow service; may supply null while starting (503 then)
   */
  public FlowStrategyRoutes(Supplier<FlowService> service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  private FlowService flow() {
    return FlowSupport.ready(service);
  }

  @Override
  public List<Route> routes() {
    String base = "/api/v1/flow/strategies";
    String one = base + "/{strategy_id}";
    return List.of(
        Route.get(base)
            .tag(TAG)
            .summary("List factory strategies")
            .description("Every factory strategy in creation order, deprecated ones included.")
            .param(INCLUDE_DEPRECATED)
            .response(FlowStrategyList.class, example("flow-strategies.json"))
            .handle(this::list),
        Route.post(base)
            .tag(TAG)
            .summary("Create a factory strategy")
            .description(
                "Creates and starts a strategy (id factory-N, version 1). Omitted parameters take"
                    + " the defaults of spec §3.4 for the symbol. Every parameter is range-checked;"
                    + " all failures are reported at once (40001, field names in the message) and"
                    + " nothing is stored.")
            .body(FlowStrategyBody.class, example("flow-strategy-body.json"))
            .response(FlowStrategyItem.class, example("flow-strategy.json"))
            .handle(this::create),
        Route.get(one)
            .tag(TAG)
            .summary("Get a factory strategy")
            .param(STRATEGY_ID_PATH)
            .errors(ApiError.NOT_FOUND)
            .response(FlowStrategyItem.class, example("flow-strategy.json"))
            .handle(r -> item(FlowSupport.row(flow(), r.value(STRATEGY_ID_PATH)))),
        Route.route(HttpMethod.PATCH, one)
            .tag(TAG)
            .summary("Edit a factory strategy")
            .description(
                "Changes the given parameters (others keep their values); the version increases"
                    + " and the next evaluation uses it, no restart. The symbol cannot change."
                    + " A deprecated strategy must be restored first (40005).")
            .param(STRATEGY_ID_PATH)
            .body(FlowStrategyBody.class, example("flow-strategy-patch-body.json"))
            .errors(ApiError.NOT_FOUND, ApiError.CONFLICT)
            .response(FlowStrategyItem.class, example("flow-strategy.json"))
            .handle(this::patch),
        action(
            one,
            "pause",
            "Pause (no evaluations; open positions keep being managed)",
            FlowService::pause),
        action(one, "resume", "Resume a paused strategy", FlowService::resume),
        action(
            one,
            "deprecate",
            "Deprecate (no evaluations; history and balance kept; never deleted)",
            FlowService::deprecate),
        action(
            one,
            "restore",
            "Restore a deprecated strategy (as paused)",
            FlowService::restoreStrategy),
        Route.post(one + "/add-balance")
            .tag(TAG)
            .summary("Add balance")
            .description(
                "Raises the initial and the current balance; the initial balance stays at most"
                    + " 1,000,000.")
            .param(STRATEGY_ID_PATH)
            .body(FlowBalanceBody.class, "{\"amount\": \"2500\"}")
            .errors(ApiError.NOT_FOUND)
            .response(FlowStrategyItem.class, example("flow-strategy.json"))
            .handle(this::addBalance),
        Route.get(one + "/versions")
            .tag(TAG)
            .summary("Version history")
            .description("Every stored version of the strategy's parameters, oldest first.")
            .param(STRATEGY_ID_PATH)
            .errors(ApiError.NOT_FOUND)
            .response(FlowVersionList.class, example("flow-strategy-versions.json"))
            .handle(this::versions));
  }

  private Route action(String one, String verb, String summary, Action action) {
    return Route.post(one + "/" + verb)
        .tag(TAG)
        .summary(summary)
        .param(STRATEGY_ID_PATH)
        .errors(ApiError.NOT_FOUND, ApiError.CONFLICT)
        .response(FlowStrategyItem.class, example("flow-strategy.json"))
        .handle(
            r -> {
              FlowService s = flow();
              FactoryStrategyRow row = FlowSupport.row(s, r.value(STRATEGY_ID_PATH));
              return item(command(() -> action.apply(s, row.id())));
            });
  }

  /** A lifecycle command. */
  @FunctionalInterface
  private interface Action {
    FactoryStrategyRow apply(FlowService service, StrategyId id);
  }

  private FlowStrategyList list(ApiRequest r) {
    FlowService s = flow();
    boolean deprecated = r.value(INCLUDE_DEPRECATED);
    return new FlowStrategyList(
        s.strategies().stream()
            .filter(row -> deprecated || row.status() != StrategyStatus.DEPRECATED)
            .map(row -> item(s, row))
            .toList());
  }

  private FlowStrategyItem create(ApiRequest r) {
    FlowService s = flow();
    FlowStrategyBody body = r.body(FlowStrategyBody.class);
    if (body.displayName() == null || body.displayName().isBlank()) {
      throw ApiException.missing("display_name");
    }
    String symbol =
        body.symbol() == null
            ? "BTCUSDT"
            : FlowSupport.symbol(s, body.symbol(), "symbol").venueSymbol();
    FactoryStrategyDefinition base = command(() -> FactoryStrategyDefinition.defaults("x", symbol));
    return item(s, command(() -> s.create(command(() -> body.over(base)))));
  }

  private FlowStrategyItem patch(ApiRequest r) {
    FlowService s = flow();
    FactoryStrategyRow row = FlowSupport.row(s, r.value(STRATEGY_ID_PATH));
    FlowStrategyBody body = r.body(FlowStrategyBody.class);
    return item(s, command(() -> s.patch(row.id(), body::over)));
  }

  private FlowStrategyItem addBalance(ApiRequest r) {
    FlowService s = flow();
    FactoryStrategyRow row = FlowSupport.row(s, r.value(STRATEGY_ID_PATH));
    FlowBalanceBody body = r.body(FlowBalanceBody.class);
    Money amount;
    try {
      amount = Money.parse(body.amount());
    } catch (RuntimeException e) {
      throw ApiException.invalid("amount", "a decimal amount", body.amount());
    }
    return item(s, command(() -> s.addBalance(row.id(), amount)));
  }

  private FlowVersionList versions(ApiRequest r) {
    FlowService s = flow();
    FactoryStrategyRow row = FlowSupport.row(s, r.value(STRATEGY_ID_PATH));
    return new FlowVersionList(
        row.id().value(),
        s.journal().versions(row.id()).stream()
            .map(
                v ->
                    new FlowVersionItem(
                        v.version(), Instant.ofEpochMilli(v.updatedMs()), v.definition()))
            .toList());
  }

  private FlowStrategyItem item(FactoryStrategyRow row) {
    return item(flow(), row);
  }

  static FlowStrategyItem item(FlowService s, FactoryStrategyRow row) {
    FactoryStrategyDefinition d = row.definition();
    return new FlowStrategyItem(
        row.id().value(),
        row.version(),
        row.status().code(),
        d.displayName(),
        d.symbol(),
        row.initialBalance().toDouble(),
        s.balance(row.id()).toDouble(),
        Instant.ofEpochMilli(row.createdMs()),
        Instant.ofEpochMilli(row.updatedMs()),
        d);
  }

  /**
   * Body of create and patch: every parameter of spec §3.4, all optional except {@code
   * display_name} on create; omitted ones keep their current (patch) or default (create) value.
   */
  record FlowStrategyBody(
      @Doc("1–50 characters, unique (case-insensitive)") String displayName,
      @Doc("Symbol, BTCUSDT or BTC/USDT:USDT (create only; default BTCUSDT)") String symbol,
      @Doc(
              value = "Direction filter",
              allowed = {"long_only", "short_only", "both"})
          String direction,
      @Doc("1,000–1,000,000") Double initialBalance,
      @Doc(
              value = "Fast CVD window",
              allowed = {"5m", "15m", "30m"})
          String cvdFastWindow,
      @Doc(
              value = "Slow CVD window, longer than the fast one",
              allowed = {"30m", "1h", "4h"})
          String cvdSlowWindow,
      @Doc("10–80; the four weights sum to 100") Double weightDirection,
      @Doc("5–60") Double weightEnv,
      @Doc("0–40") Double weightAux,
      @Doc("0–20") Double weightMomentum,
      @Doc("60–95") Double entryScore,
      @Doc("Volatility floor on/off") Boolean volGateOn,
      @Doc("0.0001–0.02") Double volMin,
      @Doc("Whale gate on/off") Boolean whaleGateOn,
      @Doc("1,000–1,000,000") Double whaleUsd,
      @Doc("0–1") Double whaleFlowPct,
      @Doc("OBI veto on/off") Boolean obiGateOn,
      @Doc("0.1–0.9") Double obiVeto,
      @Doc("Spot–perp veto on/off") Boolean spotPerpGateOn,
      @Doc("0.0005–0.01") Double spotPerpVeto,
      @Doc("0.5–3.0 (1R in ATR)") Double slAtrMultiplier,
      @Doc("0.3–2.0 R") Double tp1Ratio,
      @Doc("0.5–4.0 R, above tp1_ratio") Double tp2Ratio,
      @Doc("30–1440") Integer timeoutMinutes,
      @Doc("60–95, at least entry_score") Double flipThreshold) {

    /**
     * {@code BTC/USDT:USDT} as {@code BTCUSDT}; anything else as sent (the definition checks it).
     */
    private static String venueForm(String symbol) {
      try {
        return symbol == null ? null : InstrumentId.parseAny(symbol).venueSymbol();
      } catch (IllegalArgumentException e) {
        return symbol;
      }
    }

    /** A body without any value. */
    static FlowStrategyBody empty() {
      return new FlowStrategyBody(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null, null, null, null, null);
    }

    /** This body's values over {@code b} (validated by the definition's constructor). */
    FactoryStrategyDefinition over(FactoryStrategyDefinition b) {
      return new FactoryStrategyDefinition(
          or(displayName, b.displayName()),
          or(venueForm(symbol), b.symbol()),
          or(direction, b.direction()),
          or(initialBalance, b.initialBalance()),
          or(cvdFastWindow, b.cvdFastWindow()),
          or(cvdSlowWindow, b.cvdSlowWindow()),
          or(weightDirection, b.weightDirection()),
          or(weightEnv, b.weightEnv()),
          or(weightAux, b.weightAux()),
          or(weightMomentum, b.weightMomentum()),
          or(entryScore, b.entryScore()),
          or(volGateOn, b.volGateOn()),
          or(volMin, b.volMin()),
          or(whaleGateOn, b.whaleGateOn()),
          or(whaleUsd, b.whaleUsd()),
          or(whaleFlowPct, b.whaleFlowPct()),
          or(obiGateOn, b.obiGateOn()),
          or(obiVeto, b.obiVeto()),
          or(spotPerpGateOn, b.spotPerpGateOn()),
          or(spotPerpVeto, b.spotPerpVeto()),
          or(slAtrMultiplier, b.slAtrMultiplier()),
          or(tp1Ratio, b.tp1Ratio()),
          or(tp2Ratio, b.tp2Ratio()),
          or(timeoutMinutes, b.timeoutMinutes()),
          or(flipThreshold, b.flipThreshold()));
    }

    private static <T> T or(T value, T fallback) {
      return value == null ? fallback : value;
    }
  }

  /** Body of add-balance. */
  record FlowBalanceBody(
      @JsonProperty(required = true)
          @Doc(
              "Amount to add, a positive decimal string with at most 2 decimal places (money"
                  + " precision), e.g. \"2500\" or \"12.50\"")
          String amount) {
    /** Money is kept to the cent: more places would be added but never shown. */
    private static final Pattern MONEY = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,2})?");

    /** Validates presence and format. */
    FlowBalanceBody {
      if (amount == null || amount.isBlank()) {
        throw ApiException.missing("amount");
      }
      if (!MONEY.matcher(amount).matches()) {
        throw ApiException.invalid(
            "amount", "a positive decimal string with at most 2 decimal places", amount);
      }
    }
  }

  /** The strategy list. */
  record FlowStrategyList(List<FlowStrategyItem> items) {}

  /** One strategy. */
  record FlowStrategyItem(
      @Doc("Strategy id") String strategyId,
      @Doc("Version, from 1; every edit adds one") int version,
      @Doc(
              value = "Lifecycle status",
              allowed = {"running", "paused", "deprecated"})
          String status,
      @Doc("Display name") String displayName,
      @Doc("Venue symbol") String symbol,
      @Decimals(Decimals.MONEY) @Doc("Initial balance (plus added amounts)") double initialBalance,
      @Decimals(Decimals.MONEY) @Doc("Current paper balance") double balance,
      @Doc("Created") Instant createdAt,
      @Doc("Last change") Instant updatedAt,
      @Doc("Every parameter") FactoryStrategyDefinition parameters) {}

  /** The version history. */
  record FlowVersionList(@Doc("Strategy id") String strategyId, List<FlowVersionItem> items) {}

  /** One version. */
  record FlowVersionItem(
      @Doc("Version") int version,
      @Doc("When it was stored") Instant changedAt,
      @Doc("Its parameters") FactoryStrategyDefinition parameters) {}
}
