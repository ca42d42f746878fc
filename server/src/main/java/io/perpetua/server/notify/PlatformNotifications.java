package io.perpetua.server.notify;

import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.event.SignalPublished;
import io.perpetua.core.time.Times;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.risk.Alert;
import io.perpetua.trading.risk.ObservedRiskStore;
import io.perpetua.trading.risk.RiskEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what the kernel and the risk engine do into {@link Notification}s for a {@link
 * WebhookDispatcher}: each published signal ({@code signal}), each risk event ({@code risk_event};
 * a tripped breaker is {@code breaker}, critical), each alert raised ({@code alert}), promotions
 * ({@link #promotion}) and, when the kernel's day (UTC, event time) rolls over, the previous day's
 * report ({@code daily_report}: equity at start and end, change, fills, rejections). As a {@link
 * KernelListener} it runs on the kernel thread and only queues work.
 */
public final class PlatformNotifications implements KernelListener, ObservedRiskStore.Observer {
  private final WebhookDispatcher dispatcher;
  private long day = Long.MIN_VALUE;
  private double dayOpenEquity = Double.NaN;
  private double lastEquity = Double.NaN;
  private long lastTimeMs;
  private int fills;
  private int rejections;

  /** Notifications sent through {@code dispatcher}. */
  public PlatformNotifications(WebhookDispatcher dispatcher) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  @Override
  public void onEvent(Event event) {
    switch (event) {
      case SignalPublished s -> {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("strategy", s.strategy().value());
        f.put("longs", s.longCount());
        f.put("shorts", s.shortCount());
        f.put("symbols with signal", s.symbolsWithSignal() + " / " + s.symbolsInPool());
        dispatcher.submit(
            new Notification(
                "signal",
                "info",
                "Signal published: " + s.strategy().value(),
                s.longCount() + " longs, " + s.shortCount() + " shorts",
                s.eventTimeMs(),
                f));
      }
      case OrderFilled f -> fills++;
      case OrderRejected r -> rejections++;
      default -> {}
    }
  }

  @Override
  public void onStep(int t, long timeMs, double equity) {
    long today = Math.floorDiv(timeMs, Times.DAY_MS);
    if (day != Long.MIN_VALUE && today != day && !Double.isNaN(dayOpenEquity)) {
      dailyReport(day, lastTimeMs);
      dayOpenEquity = lastEquity;
      fills = 0;
      rejections = 0;
    }
    if (day == Long.MIN_VALUE) {
      dayOpenEquity = equity;
    }
    day = today;
    lastEquity = equity;
    lastTimeMs = timeMs;
  }

  @Override
  public void eventRecorded(RiskEvent e) {
    boolean breaker = e.kind().contains("breaker");
    boolean critical = breaker || e.kind().equals("emergency_stop") || e.kind().equals("halt");
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("event", e.kind());
    if (e.rule() != null) {
      f.put("rule", e.rule());
    }
    if (e.symbol() != null) {
      f.put("symbol", e.symbol());
    }
    dispatcher.submit(
        new Notification(
            breaker ? "breaker" : "risk_event",
            critical ? "critical" : "warning",
            (breaker ? "Breaker tripped: " : "Risk event: ")
                + e.kind()
                + (e.rule() == null ? "" : " (" + e.rule() + ")"),
            e.detail(),
            e.timeMs(),
            f));
  }

  @Override
  public void alertSaved(Alert a) {
    if (a.resolvedAtMs() != null) {
      return;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("rule", a.ruleName());
    if (a.symbol() != null) {
      f.put("symbol", a.symbol());
    }
    f.put("value", a.currentValue());
    f.put("threshold", a.threshold());
    dispatcher.submit(
        new Notification(
            "alert",
            a.severity().name().toLowerCase(Locale.ROOT),
            "Alert: " + a.ruleName(),
            a.message(),
            a.raisedAtMs(),
            f));
  }

  /**
   * A strategy version was promoted.
   *
   * @param strategy the strategy id
   * @param stage the stage it reached, e.g. {@code prod}
   * @param by who promoted it (and who approved)
   * @param timeMs when
   */
  public void promotion(String strategy, String stage, String by, long timeMs) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("strategy", strategy);
    f.put("stage", stage);
    f.put("by", by);
    dispatcher.submit(
        new Notification(
            "promotion",
            "warning",
            "Promotion: " + strategy + " to " + stage,
            strategy + " was promoted to " + stage + " by " + by,
            timeMs,
            f));
  }

  private void dailyReport(long dayIndex, long timeMs) {
    double change = lastEquity - dayOpenEquity;
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("day", Times.isoDate(dayIndex * Times.DAY_MS));
    f.put("equity open", money(dayOpenEquity));
    f.put("equity close", money(lastEquity));
    f.put("change", money(change));
    f.put("fills", fills);
    f.put("rejections", rejections);
    dispatcher.submit(
        new Notification(
            "daily_report",
            "info",
            "Daily report " + f.get("day"),
            "Equity "
                + money(lastEquity)
                + " USDT ("
                + (change >= 0 ? "+" : "")
                + money(change)
                + ")",
            timeMs,
            f));
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
