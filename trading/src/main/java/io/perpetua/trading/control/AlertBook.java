package io.perpetua.trading.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/** The control plane's alerts, newest first, the last {@code capacity} kept. Thread-safe. */
public final class AlertBook {
  /** The severities of spec 001. */
  public static final Set<String> SEVERITIES = Set.of("INFO", "WARN", "CRITICAL");

  private final Deque<RiskAlert> alerts = new ArrayDeque<>();
  private final int capacity;
  private final LongSupplier clock;
  private long sequence;

  /** A book keeping the last {@code capacity} alerts. */
  public AlertBook(int capacity, LongSupplier clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /** Raises an alert; returns it. */
  public synchronized RiskAlert raise(
      String type, String severity, String accountId, String message, Map<String, Object> data) {
    if (!SEVERITIES.contains(severity)) {
      throw new IllegalArgumentException("severity: " + severity);
    }
    long now = clock.getAsLong();
    RiskAlert a =
        new RiskAlert(
            "alert-" + now + "-" + (++sequence), type, severity, accountId, message, now, data);
    alerts.addFirst(a);
    while (alerts.size() > capacity) {
      alerts.removeLast();
    }
    return a;
  }

  /** Alerts newest first, filtered by account and severity (null: any). */
  public synchronized List<RiskAlert> list(String accountId, String severity) {
    List<RiskAlert> out = new ArrayList<>();
    for (RiskAlert a : alerts) {
      if ((accountId == null || accountId.equals(a.accountId()))
          && (severity == null || severity.equals(a.severity()))) {
        out.add(a);
      }
    }
    return out;
  }
}
