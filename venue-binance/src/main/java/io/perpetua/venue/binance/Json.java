package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;

/** Field readers for Binance payloads (decimals arrive as strings, flags sometimes as strings). */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private Json() {}

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON from venue: " + e.getOriginalMessage(), e);
    }
  }

  /** Unwraps a combined-stream envelope {@code {"stream":..., "data":{...}}}. */
  static JsonNode unwrap(JsonNode node) {
    JsonNode data = node.get("data");
    return data != null && data.isObject() && node.has("stream") ? data : node;
  }

  static JsonNode require(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v;
  }

  static String text(JsonNode node, String field) {
    return require(node, field).asText();
  }

  static String textOr(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  static BigDecimal decimal(JsonNode node, String field) {
    JsonNode v = require(node, field);
    try {
      return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + field + "' is not a decimal: " + v, e);
    }
  }

  /** A decimal that must not be negative (quantities, prices, volumes). */
  static BigDecimal nonNegative(JsonNode node, String field) {
    BigDecimal v = decimal(node, field);
    if (v.signum() < 0) {
      throw new IllegalArgumentException("field '" + field + "' is negative: " + v);
    }
    return v;
  }

  static BigDecimal decimalOr(JsonNode node, String field, BigDecimal fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? fallback : decimal(node, field);
  }

  static long longValue(JsonNode node, String field) {
    JsonNode v = require(node, field);
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    try {
      return Long.parseLong(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + field + "' is not an integer: " + v, e);
    }
  }

  static long longOr(JsonNode node, String field, long fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? fallback : longValue(node, field);
  }

  static boolean bool(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && (v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText()));
  }
}
