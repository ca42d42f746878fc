package io.perpetua.app.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.Role;
import io.perpetua.auth.approval.ApprovalAction;
import io.perpetua.signals.hotlist.HotCoin;
import io.perpetua.signals.hotlist.HotlistException;
import io.perpetua.signals.hotlist.HotlistService;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Four-eyes action {@code hotlist.approve}: approves a hot-coin candidate (it joins the whitelist
 * and may trade), carried out as "approver (requested by requester)". Payload {@code {"ts": ...,
 * "symbol": ..., "reason": ..., "requester": ...}}. Checked when requested and again when approved
 * (a candidate that expired or was rejected meanwhile fails). Admin role. Thread-safe.
 */
final class HotlistApproveAction implements ApprovalAction {
  static final String NAME = "hotlist.approve";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<HotlistService> service;

  HotlistApproveAction(Supplier<HotlistService> service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  static String payload(long ts, String symbol, String reason, String requester) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("ts", ts);
    p.put("symbol", symbol);
    p.put("reason", reason);
    p.put("requester", requester);
    return write(p);
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
    JsonNode p = read(payload);
    try {
      HotCoin c = hotlist().candidate(p.get("ts").asLong(), p.get("symbol").asText());
      return state(c);
    } catch (HotlistException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  @Override
  public String execute(String payload, String approver) {
    JsonNode p = read(payload);
    HotCoin c =
        hotlist()
            .approve(
                p.get("ts").asLong(),
                p.get("symbol").asText(),
                approver + " (requested by " + p.get("requester").asText() + ")",
                p.get("reason").asText());
    return state(c);
  }

  private HotlistService hotlist() {
    HotlistService s = service.get();
    if (s == null) {
      throw new ServiceUnavailableException("hot-coin list not started yet", null);
    }
    return s;
  }

  private static JsonNode read(String payload) {
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid field 'payload': a JSON object");
    }
    for (String f : new String[] {"ts", "symbol", "reason", "requester"}) {
      if (node == null || node.get(f) == null || node.get(f).isNull()) {
        throw new IllegalArgumentException("Missing field 'payload." + f + "'");
      }
    }
    return node;
  }

  private static String state(HotCoin c) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("ts", c.scanTs());
    s.put("symbol", c.symbol());
    s.put("status", c.status());
    s.put("decided_by", c.decidedBy());
    return write(s);
  }

  private static String write(Map<String, Object> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
