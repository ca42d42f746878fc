package io.perpetua.app.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** The JSON payloads of four-eyes actions: reading a text field, writing a map. Stateless. */
final class ActionPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ActionPayloads() {}

  /**
   * The text field {@code name} of {@code payload}.
   *
   * @throws IllegalArgumentException naming the field when it is missing, blank, not text or longer
   *     than {@code maxLength}, or when the payload is not JSON
   */
  static String field(String payload, String name, int maxLength) {
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid field 'payload': a JSON object");
    }
    JsonNode v = node == null ? null : node.get(name);
    if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > maxLength) {
      throw new IllegalArgumentException(
          "Invalid field 'payload." + name + "': 1.." + maxLength + " characters");
    }
    return v.asText();
  }

  /** {@code value} as JSON text. */
  static String json(Map<String, Object> value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
