package io.perpetua.trading.risk;

import io.perpetua.core.time.Times;
import io.perpetua.trading.risk.rules.RiskEvents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The risk engine's alerts and events: raises an alert per (rule, symbol) once while its condition
 * persists (a change of severity replaces it), resolves it when the condition clears, and records
 * risk events, all through the {@link RiskStore}. Not thread-safe: guarded by the engine's monitor.
 */
final class RiskAlerts implements RiskEvents {
  private final RiskStore store;
  private final Map<String, Alert> active = new LinkedHashMap<>();

  /** Alerts over {@code store}, taking back the ones it holds as active. */
  RiskAlerts(RiskStore store) {
    this.store = store;
    for (Alert a : store.activeAlerts()) {
      active.put(key(a.ruleName(), a.symbol()), a);
    }
  }

  @Override
  public void record(long timeMs, String kind, String rule, String symbol, String detail) {
    store.recordEvent(new RiskEvent(timeMs, kind, rule, symbol, detail));
  }

  /** Raises or resolves the alert of a rule's status row. */
  void follow(RuleStatus rule, long now) {
    if (rule.level() == RuleStatus.Level.OK) {
      resolve(rule.ruleName(), null, now);
      return;
    }
    boolean violated = rule.level() == RuleStatus.Level.VIOLATED;
    String message =
        rule.displayName()
            + (violated ? " at limit: " : " near limit: ")
            + String.format(Locale.ROOT, "%.4f", rule.currentValue())
            + " / "
            + String.format(Locale.ROOT, "%.4f", rule.threshold());
    raise(
        now,
        violated ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
        rule.ruleName(),
        null,
        message,
        rule.currentValue(),
        rule.threshold());
  }

  /** Raises an alert unless the same one (rule, symbol, severity) is active. */
  void raise(
      long now,
      AlertSeverity severity,
      String rule,
      String symbol,
      String message,
      double value,
      double threshold) {
    String key = key(rule, symbol);
    Alert existing = active.get(key);
    if (existing != null) {
      if (existing.severity() == severity) {
        return; // de-duplicated while the condition persists
      }
      resolve(rule, symbol, now);
    }
    Alert alert =
        new Alert(
            alertId(now, key, severity),
            severity,
            rule,
            symbol,
            message,
            value,
            threshold,
            now,
            null);
    active.put(key, alert);
    store.saveAlert(alert);
  }

  /** True when an alert of (rule, symbol) is active. */
  boolean isActive(String rule, String symbol) {
    return active.containsKey(key(rule, symbol));
  }

  /** Resolves the alert of (rule, symbol), if active. */
  void resolve(String rule, String symbol, long now) {
    Alert a = active.remove(key(rule, symbol));
    if (a != null) {
      store.saveAlert(a.resolve(now));
    }
  }

  private static String key(String rule, String symbol) {
    return symbol == null ? rule : rule + "|" + symbol;
  }

  /** {@code alt-yyyyMMdd-HHmmss-<6 hex of rule, symbol and severity>}: stable across a replay. */
  static String alertId(long timeMs, String key, AlertSeverity severity) {
    String iso = Times.iso(timeMs);
    String stamp =
        iso.substring(0, 10).replace("-", "") + "-" + iso.substring(11, 19).replace(":", "");
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((key + "|" + severity.code()).getBytes(StandardCharsets.UTF_8));
      return "alt-" + stamp + "-" + HexFormat.of().formatHex(h, 0, 3);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
