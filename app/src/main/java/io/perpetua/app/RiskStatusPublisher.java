package io.perpetua.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.time.Times;
import io.perpetua.trading.port.StateCache;
import io.perpetua.trading.risk.RiskStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the risk engine's status to the state cache: the status under {@code quant:risk:status}
 * and the emergency stop under {@code quant:system:emergency_stop}.
 */
final class RiskStatusPublisher implements Consumer<RiskStatus> {
  private static final Logger LOG = LoggerFactory.getLogger(RiskStatusPublisher.class);

  private final StateCache cache;
  private final ObjectMapper json = new ObjectMapper();

  RiskStatusPublisher(StateCache cache) {
    this.cache = cache;
  }

  @Override
  public void accept(RiskStatus status) {
    try {
      Map<String, Object> stop = new LinkedHashMap<>();
      var e = status.emergencyStop();
      stop.put("emergency_stop", e != null && e.active());
      stop.put("reason", e == null ? null : e.reason());
      stop.put("operator", e == null ? null : e.operator());
      stop.put("changed_at", e == null ? null : Times.iso(e.changedAtMs()));
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("overall_status", status.overall().code());
      doc.put("trading_enabled", status.tradingEnabled());
      doc.put("dry_run", status.dryRun());
      doc.put("halt_reasons", status.haltReasons());
      doc.put("disabled_symbols", status.disabledSymbols());
      doc.put("last_check", status.lastCheckMs() == 0 ? null : Times.iso(status.lastCheckMs()));
      cache.putAll(
          Map.of(
              "quant:risk:status", json.writeValueAsString(doc),
              "quant:system:emergency_stop", json.writeValueAsString(stop)));
    } catch (JsonProcessingException | RuntimeException ex) {
      LOG.warn("risk status not published: {}", ex.getMessage());
    }
  }
}
