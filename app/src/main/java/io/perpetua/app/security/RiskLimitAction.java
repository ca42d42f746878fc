package io.perpetua.app.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalAction;
import io.perpetua.core.InstrumentId;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.v1.RiskLimitRoutes.LimitBody;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.SymbolLimit;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Four-eyes action {@code risk.limits.set}: sets (or, with {@code "remove": true}, removes) one
 * symbol's limits (the {@code symbol_limit} rule), carried out as "approver (requested by
 * requester)". Payload {@code {"symbol": ..., "max_leverage": "2.5"|null, "max_pos_value":
 * "10000"|null, "reason": ..., ["remove": true,] "requester": ...}} (exact decimal text). The
 * request records the limit before; the result records before and after. Admin role. Thread-safe.
 */
final class RiskLimitAction implements ApprovalAction {
  static final String NAME = "risk.limits.set";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<RiskEngine> risk;
  private final LongSupplier wallClock;

  RiskLimitAction(Supplier<RiskEngine> risk, LongSupplier wallClock) {
    this.risk = Objects.requireNonNull(risk, "risk");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
  }

  static String payload(LimitBody change, String requester) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("symbol", change.symbol());
    p.put("max_leverage", plain(change.maxLeverage()));
    p.put("max_pos_value", plain(change.maxPosValue()));
    p.put("reason", change.reason());
    if (change.removes()) {
      p.put("remove", true);
    }
    p.put("requester", requester);
    return ActionPayloads.json(p);
  }

  private static String plain(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Role role() {
    return Role.ADMIN;
  }

  @Override
  public String check(String payload) {
    LimitBody body = read(payload);
    ActionPayloads.field(payload, "requester", 500);
    return ActionPayloads.json(state(current(symbol(body))));
  }

  @Override
  public String execute(String payload, String approver) {
    LimitBody body = read(payload);
    String requester = ActionPayloads.field(payload, "requester", 500);
    InstrumentId symbol = symbol(body);
    String operator = approver + " (requested by " + requester + ")";
    SymbolLimit after = body.limit(symbol, operator, wallClock.getAsLong());
    SymbolLimit before = engine().setSymbolLimit(symbol, after, operator);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("before", state(before));
    result.put("after", state(after));
    return ActionPayloads.json(result);
  }

  private SymbolLimit current(InstrumentId symbol) {
    return engine().symbolLimits().stream()
        .filter(l -> l.symbol().equals(symbol))
        .findFirst()
        .orElse(null);
  }

  private static InstrumentId symbol(LimitBody body) {
    try {
      return InstrumentId.parse(body.symbol());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid field 'payload.symbol': " + e.getMessage());
    }
  }

  private RiskEngine engine() {
    RiskEngine r = risk.get();
    if (r == null) {
      throw new ServiceUnavailableException("risk engine not started yet", null);
    }
    return r;
  }

  private static LimitBody read(String payload) {
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid field 'payload': a JSON object");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("Invalid field 'payload': a JSON object");
    }
    try {
      return new LimitBody(
          text(node, "symbol"),
          decimal(node, "max_leverage"),
          decimal(node, "max_pos_value"),
          text(node, "reason"),
          node.path("remove").asBoolean(false) ? Boolean.TRUE : null);
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.getMessage().replace("parameter '", "field 'payload."));
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    try {
      return new BigDecimal(v.asText());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid field 'payload." + field + "': a decimal number");
    }
  }

  private static Map<String, Object> state(SymbolLimit l) {
    Map<String, Object> s = new LinkedHashMap<>();
    if (l == null) {
      s.put("limit", null);
      return s;
    }
    s.put("symbol", l.symbol().apiSymbol());
    s.put(
        "max_leverage",
        l.maxLeverage() == null
            ? null
            : l.maxLeverage().toBigDecimal().stripTrailingZeros().toPlainString());
    s.put("max_pos_value", l.maxPositionValue() == null ? null : l.maxPositionValue().toString());
    s.put("reason", l.reason());
    s.put("operator", l.operator());
    return s;
  }
}
