package io.perpetua.server.notify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something worth telling people about. Immutable.
 *
 * @param kind one of {@link #KINDS}
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param title one line
 * @param text the body, plain text
 * @param timeMs when it happened, epoch ms
 * @param fields extra facts, in order (name to value), shown as fields or lines
 */
public record Notification(
    String kind,
    String severity,
    String title,
    String text,
    long timeMs,
    Map<String, Object> fields) {
  /** The notification kinds a channel can filter on. */
  public static final List<String> KINDS =
      List.of("signal", "risk_event", "breaker", "alert", "promotion", "daily_report");

  /** The severities. */
  public static final List<String> SEVERITIES = List.of("info", "warning", "critical");

  /** Validates; keeps the fields' order. */
  public Notification {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown notification kind '" + kind + "'; " + KINDS);
    }
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException("unknown severity '" + severity + "'; " + SEVERITIES);
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
