package io.perpetua.server.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.SymbolLimit;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Per-symbol risk limits as a controlled change (issue 15 item 6, 003 §11): {@code POST
 * /api/v1/risk/limits} files a four-eyes request that a second admin approves (the limit binds only
 * then), {@code GET /api/v1/risk/limits} lists the limits in force. Without four-eyes ({@code
 * PERPETUA_FOUR_EYES=off}) the change applies at once. Stateless.
 */
public final class RiskLimitRoutes implements RouteGroup {
  private static final String TAG = "Risk";
  private static final String PATH = "/api/v1/risk/limits";
  private static final BigDecimal MAX_LEVERAGE = new BigDecimal("1000");
  private static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");

  /** Files the four-eyes request of a limit change; returns its id. */
  @FunctionalInterface
  public interface LimitApproval {
    /** Files {@code change} as a request of {@code request}'s caller; returns its id. */
    String request(ApiRequest request, LimitBody change);
  }

  private final Supplier<RiskEngine> engine;
  private final Supplier<Set<InstrumentId>> instruments;
  private final LimitApproval approval;

  /**
   * The routes.
   *
   * @param engine the platform's risk engine; may supply null while starting (503 then)
   * @param instruments the tradable instruments (other symbols: 40001)
   * @param approval four-eyes, or null to apply changes at once
   */
  public RiskLimitRoutes(
      Supplier<RiskEngine> engine,
      Supplier<Set<InstrumentId>> instruments,
      LimitApproval approval) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.instruments = Objects.requireNonNull(instruments, "instruments");
    this.approval = approval;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(PATH)
            .tag(TAG)
            .summary("Per-symbol risk limits")
            .description(
                "The per-symbol limits in force (the symbol_limit rule): the largest position as a"
                    + " multiple of equity and in USDT; null = that limit is off.")
            .response(LimitList.class, null)
            .handle(r -> list()),
        Route.post(PATH)
            .tag(TAG)
            .summary("Change or remove a symbol's risk limits (four-eyes)")
            .adminOnly()
            .description(
                "Files a four-eyes request (POST /api/v1/approvals/{id}/approve by a second admin;"
                    + " the requester cannot approve). The limit binds from the next order check"
                    + " after approval, is persisted and audited with before/after. At least one of"
                    + " max_leverage (0 < x <= 1000) and max_pos_value (USDT, 0 < x <= 1e12), at"
                    + " most 8 decimals; reason required. remove: true (without either limit)"
                    + " removes the symbol's limits, also four-eyes; 404 40480 when none is set.")
            .body(
                LimitBody.class,
                "{\"symbol\": \"BTCUSDT\", \"max_leverage\": 2.5, \"max_pos_value\": 50000,"
                    + " \"reason\": \"thin order book\"}")
            .response(LimitChange.class, null)
            .errors(ApiError.RISK_LIMIT_NOT_FOUND)
            .handle(this::change));
  }

  private LimitList list() {
    return new LimitList(engine().symbolLimits().stream().map(LimitItem::of).toList());
  }

  private RiskEngine engine() {
    return Ready.get(engine, "risk engine");
  }

  private LimitChange change(ApiRequest request) {
    LimitBody body = request.body(LimitBody.class);
    InstrumentId symbol =
        Symbols.known("symbol", body.symbol(), instruments.get(), "a symbol the platform trades");
    RiskEngine risk = engine();
    LimitItem current =
        risk.symbolLimits().stream()
            .filter(l -> l.symbol().equals(symbol))
            .findFirst()
            .map(LimitItem::of)
            .orElse(null);
    if (body.removes() && current == null) {
      throw new ApiException(
          ApiError.RISK_LIMIT_NOT_FOUND, "No limit is set on " + symbol.apiSymbol() + " to remove");
    }
    if (approval != null) {
      String id = approval.request(request, body.withSymbol(symbol.apiSymbol()));
      return new LimitChange("pending_approval", id, current, current);
    }
    SymbolLimit limit =
        body.limit(symbol, request.principal().subject(), System.currentTimeMillis());
    risk.setSymbolLimit(symbol, limit, request.principal().subject());
    return new LimitChange("applied", null, current, limit == null ? null : LimitItem.of(limit));
  }

  /** Body of {@code POST /api/v1/risk/limits}. */
  public record LimitBody(
      @JsonProperty(required = true) @Doc("Symbol, BTC/USDT:USDT or BTCUSDT") String symbol,
      @Nullable @Doc("Largest |position| / equity (0 < x <= 1000); null = off")
          BigDecimal maxLeverage,
      @Nullable @Doc("Largest |position| in USDT (0 < x <= 1e12); null = off")
          BigDecimal maxPosValue,
      @JsonProperty(required = true) @Doc("Why") String reason,
      @Nullable @Doc("true: remove the symbol's limits (give neither limit then)") Boolean remove) {
    /** Validates every field (40001/40002 naming it). */
    public LimitBody {
      symbol = RiskRoutes.text(symbol, "symbol", true);
      reason = RiskRoutes.text(reason, "reason", true);
      if (Boolean.TRUE.equals(remove)) {
        if (maxLeverage != null || maxPosValue != null) {
          throw ApiException.invalid(
              "remove",
              "true only without max_leverage and max_pos_value",
              maxLeverage != null ? "max_leverage given" : "max_pos_value given");
        }
      } else if (maxLeverage == null && maxPosValue == null) {
        throw ApiException.missing("max_leverage");
      }
      check("max_leverage", maxLeverage, MAX_LEVERAGE);
      check("max_pos_value", maxPosValue, MAX_VALUE);
    }

    private static void check(String field, BigDecimal value, BigDecimal max) {
      if (value == null) {
        return;
      }
      if (value.signum() <= 0
          || value.compareTo(max) > 0
          || value.stripTrailingZeros().scale() > 8) {
        throw ApiException.invalid(
            field,
            "a number > 0 and <= " + max.toPlainString() + " with at most 8 decimals",
            value.toPlainString());
      }
    }

    /** A change that sets limits (not a removal). */
    public LimitBody(String symbol, BigDecimal maxLeverage, BigDecimal maxPosValue, String reason) {
      this(symbol, maxLeverage, maxPosValue, reason, null);
    }

    /** True when this change removes the symbol's limits. */
    public boolean removes() {
      return Boolean.TRUE.equals(remove);
    }

    /** The same change for {@code apiSymbol} (the symbol's canonical form). */
    public LimitBody withSymbol(String apiSymbol) {
      return new LimitBody(apiSymbol, maxLeverage, maxPosValue, reason, remove);
    }

    /**
     * The limit this body sets on {@code symbol}, carried out by {@code operator} at {@code nowMs};
     * null when it removes the limits.
     */
    public SymbolLimit limit(InstrumentId symbol, String operator, long nowMs) {
      if (removes()) {
        return null;
      }
      return new SymbolLimit(
          symbol,
          maxLeverage == null ? null : Fraction.exact(maxLeverage),
          maxPosValue == null ? null : Money.of(maxPosValue),
          reason,
          operator,
          nowMs);
    }
  }

  /** One symbol's limit. */
  record LimitItem(
      @Doc("Symbol") String symbol,
      @Nullable @Doc("Largest |position| / equity; null = off") BigDecimal maxLeverage,
      @Nullable @Doc("Largest |position| in USDT; null = off") BigDecimal maxPosValue,
      @Doc("Why it was set") String reason,
      @Doc("Who carried it out (approver, with the requester)") String operator,
      @Doc("When it was set") Instant changedAt) {
    static LimitItem of(SymbolLimit l) {
      return new LimitItem(
          l.symbol().apiSymbol(),
          l.maxLeverage() == null ? null : l.maxLeverage().toBigDecimal().stripTrailingZeros(),
          l.maxPositionValue() == null
              ? null
              : l.maxPositionValue().toBigDecimal().stripTrailingZeros(),
          l.reason(),
          l.operator(),
          Instant.ofEpochMilli(l.changedAtMs()));
    }
  }

  /** Response of {@code GET /api/v1/risk/limits}. */
  record LimitList(@Doc("The limits in force, by symbol") List<LimitItem> limits) {}

  /** Response of {@code POST /api/v1/risk/limits}. */
  record LimitChange(
      @Doc(
              value = "pending_approval (four-eyes) or applied",
              allowed = {"pending_approval", "applied"})
          String status,
      @Nullable @Doc("The four-eyes request a second admin must approve") String approvalRequestId,
      @Nullable @Doc("The symbol's limit before the change") LimitItem before,
      @Nullable @Doc("The limit in force now (unchanged while pending; null: none)")
          LimitItem current) {}
}
