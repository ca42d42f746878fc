package io.perpetua.trading.risk;

import io.perpetua.core.InstrumentId;
import io.perpetua.trading.risk.rules.RiskBook;

/**
 * The risk engine's kernel hooks that only raise alerts and record events: holding time, venue
 * outage and reconciliation. Not thread-safe: called under the engine's monitor.
 */
final class RiskHooks {
  private static final long MINUTE_MS = 60_000L;
  private final CircuitBreakers breakers;
  private final RiskAlerts alerts;
  private final RiskBook book;

  RiskHooks(CircuitBreakers breakers, RiskAlerts alerts, RiskBook book) {
    this.breakers = breakers;
    this.alerts = alerts;
    this.book = book;
  }

  /** Warns past the warning time; true past the close time (the position must be closed). */
  boolean holdingTooLong(InstrumentId symbol, long heldMs, long nowMs) {
    String s = symbol.apiSymbol();
    long warn = breakers.holdingWarnMinutes() * MINUTE_MS;
    long close = breakers.holdingCloseMinutes() * MINUTE_MS;
    long minutes = heldMs / MINUTE_MS;
    if (close > 0 && heldMs > close) {
      alerts.raise(
          nowMs,
          AlertSeverity.CRITICAL,
          "holding_time",
          s,
          s + " held " + minutes + " min: force close",
          heldMs / (double) MINUTE_MS,
          breakers.holdingCloseMinutes());
      alerts.record(nowMs, "forced_close", "holding_time", s, minutes + " min");
      return true;
    }
    if (warn > 0 && heldMs > warn) {
      alerts.raise(
          nowMs,
          AlertSeverity.WARNING,
          "holding_time",
          s,
          s + " held " + minutes + " min",
          heldMs / (double) MINUTE_MS,
          breakers.holdingWarnMinutes());
    } else {
      alerts.resolve("holding_time", s, nowMs);
    }
    return false;
  }

  /** The venue answered or not: events and the critical alert of an outage. */
  void venueReachable(boolean reachable, long now) {
    boolean changed = book.venueReachable(reachable, now);
    if (reachable) {
      if (changed) {
        alerts.record(now, "venue_recovered", "venue_unreachable", null, "venue reachable again");
      }
      alerts.resolve("venue_unreachable", null, now);
    } else if (changed) {
      alerts.record(now, "venue_unreachable", "venue_unreachable", null, "venue did not answer");
      alerts.raise(
          now,
          AlertSeverity.CRITICAL,
          "venue_unreachable",
          null,
          "venue unreachable: no new orders after " + breakers.venueUnreachableMs() / 1000 + " s",
          0,
          breakers.venueUnreachableMs() / 1000.0);
    }
  }

  /** A reconciliation's outcome: mismatches raise (adopted: critical), consistency resolves. */
  void reconciled(int mismatches, boolean adopted, String detail, long now) {
    String rule = "venue_reconciliation";
    if (mismatches == 0) {
      if (alerts.isActive(rule, null)) {
        alerts.resolve(rule, null, now);
        alerts.record(now, "reconciliation_ok", rule, null, detail);
      }
      return;
    }
    alerts.record(now, "reconciliation_mismatch", rule, null, detail);
    alerts.raise(
        now,
        adopted ? AlertSeverity.CRITICAL : AlertSeverity.WARNING,
        rule,
        null,
        (adopted ? "venue state adopted: " : "venue differs from the journal: ") + detail,
        mismatches,
        0);
  }
}
