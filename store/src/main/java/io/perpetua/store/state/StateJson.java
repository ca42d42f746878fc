package io.perpetua.store.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.perpetua.readmodel.SymbolSignal;
import io.perpetua.readmodel.TargetPosition;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents stored under the {@code quant:*} keys: snake_case fields, ISO-8601 UTC times
 * with millisecond precision, shapes following the platform API spec. Unknown fields are ignored on
 * read so that other writers may add fields. Stateless and thread-safe.
 */
final class StateJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private StateJson() {}

  /** {@code quant:heartbeat:{service}}. */
  record HeartbeatDoc(
      String service,
      String status,
      String lastHeartbeat,
      String startedAt,
      Long uptimeSeconds,
      Map<String, Object> metrics) {}

  /** {@code quant:state:{stage}:status}. */
  record StageDoc(
      String name,
      String displayName,
      String status,
      String lastRun,
      String nextRun,
      Map<String, Object> metrics) {}

  /** {@code quant:account:balance}. */
  record BalanceDoc(
      double totalEquity,
      double availableBalance,
      double usedMargin,
      double unrealizedPnl,
      String currency,
      String updatedAt) {}

  /** One element of {@code quant:account:positions}. */
  record PositionDoc(
      String symbol,
      String side,
      double contracts,
      double entryPrice,
      double markPrice,
      double unrealizedPnl,
      int leverage,
      double margin,
      Double liquidationPrice,
      String updatedAt) {}

  /** {@code quant:account:positions}. */
  record PositionsDoc(
      List<PositionDoc> positions,
      long totalPositions,
      long longCount,
      long shortCount,
      String updatedAt) {}

  /** {@code quant:signal:latest}. */
  record SignalDoc(
      String strategyName,
      String signalTimestamp,
      List<SymbolSignal> signals,
      List<TargetPosition> targets,
      int totalSymbolsWithSignal,
      int totalSymbolsInPool,
      long totalLong,
      long totalShort) {}

  static String write(Object document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + document.getClass(), e);
    }
  }

  static <T> T read(String key, String json, Class<T> type) {
    // The API polls the same documents far more often than the kernel rewrites them: reuse the
    // last value read at a key while its JSON is unchanged (documents are immutable records).
    Parsed last = LAST_READ.get(key);
    if (last != null && last.type() == type && last.json().equals(json)) {
      return type.cast(last.value());
    }
    try {
      T value = MAPPER.readValue(json, type);
      if (LAST_READ.size() >= MAX_REMEMBERED) {
        LAST_READ.clear();
      }
      LAST_READ.put(key, new Parsed(json, type, value));
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("malformed JSON at state key " + key, e);
    }
  }

  private record Parsed(String json, Class<?> type, Object value) {}

  private static final int MAX_REMEMBERED = 1024;
  private static final java.util.Map<String, Parsed> LAST_READ =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** ISO-8601 UTC, or null. */
  static String iso(Long epochMs) {
    return epochMs == null ? null : Instant.ofEpochMilli(epochMs).toString();
  }

  /** Epoch ms of an ISO-8601 instant, or null for null/blank. */
  static Long epochMs(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    String text = iso.strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    return Instant.parse(text).toEpochMilli();
  }

  /** A copy without null values (the records' {@code Map.copyOf} rejects them). */
  static Map<String, Object> metrics(Map<String, Object> metrics) {
    Map<String, Object> out = new HashMap<>();
    if (metrics != null) {
      metrics.forEach(
          (k, v) -> {
            if (v != null) {
              out.put(k, v);
            }
          });
    }
    return out;
  }
}
