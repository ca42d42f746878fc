package io.perpetua.trading.control;

import io.perpetua.core.InstrumentId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Market-data feeds with failover (spec 001): several feeds of the same books (a venue's stream, a
 * REST polling fallback, another venue), all running hot; only the <em>active</em> feed's updates
 * reach the strategies ({@link Sink}). Each feed reports latency, last update, error count and a
 * status ({@code healthy} when its last update is younger than {@code degradedAfterMs} and no error
 * followed it, {@code failing} when older than {@code failingAfterMs} (a feed that never delivered:
 * that long after the router started), or {@code maxErrors} errors in a row, else {@code
 * degraded}). {@link #check} — run by the caller's scheduler — fails over from a failing active
 * feed to the first healthy (else degraded) feed in priority order and hands the strategies that
 * feed's latest books at once, so they see no gap beyond the detection time. Manual failover by
 * {@link #failover}. Every switch is recorded and raises a {@code failover-alert}. Thread-safe.
 */
public final class FeedRouter {
  /** Thresholds of the health checks. */
  public record Settings(long degradedAfterMs, long failingAfterMs, int maxErrors) {
    /** Validates the thresholds. */
    public Settings {
      if (degradedAfterMs <= 0 || failingAfterMs < degradedAfterMs || maxErrors < 1) {
        throw new IllegalArgumentException(
            "feeds: need 0 < degraded_after_ms <= failing_after_ms and max_errors >= 1");
      }
    }
  }

  /** Receives the active feed's books. */
  @FunctionalInterface
  public interface Sink {
    /** A book of {@code instrument} from the active feed {@code feedId}. */
    void onBook(String feedId, InstrumentId instrument, Book book);
  }

  /** Spec 001 {@code MarketDataFeedStatus}. */
  public record FeedStatus(
      String feedId, String status, long latency, long lastUpdate, int errorCount) {}

  /** One switch of the active feed. */
  public record Switch(String from, String to, String reason, boolean manual, long timeMs) {}

  /** Spec 001 feed status response. */
  public record View(List<FeedStatus> feeds, String activeFeed, long lastFailover) {}

  private static final class Feed {
    final String id;
    long lastUpdate = -1;
    long latency;
    int errors;
    int errorsInARow;
    final Map<InstrumentId, Book> latest = new LinkedHashMap<>();

    Feed(String id) {
      this.id = id;
    }
  }

  private final Map<String, Feed> feeds = new LinkedHashMap<>();
  private final Settings settings;
  private final LongSupplier clock;
  private final AlertBook alerts;
  private final Sink sink;
  private final List<Switch> switches = new ArrayList<>();
  private final Map<InstrumentId, Book> delivered = new HashMap<>();
  private String active;
  private final long startedMs;

  /** A router over {@code feedIds} in priority order; the first is active. */
  public FeedRouter(
      List<String> feedIds, Settings settings, LongSupplier clock, AlertBook alerts, Sink sink) {
    if (feedIds.isEmpty()) {
      throw new IllegalArgumentException("feeds: at least one feed");
    }
    for (String id : feedIds) {
      if (feeds.put(id, new Feed(id)) != null) {
        throw new IllegalArgumentException("feeds: " + id + " given twice");
      }
    }
    this.settings = settings;
    this.clock = clock;
    this.alerts = alerts;
    this.sink = sink;
    this.active = feedIds.get(0);
    this.startedMs = clock.getAsLong();
  }

  /** A book from {@code feedId}, stamped {@code sourceTimeMs} by its source. */
  public void onUpdate(String feedId, InstrumentId instrument, Book book, long sourceTimeMs) {
    boolean forward;
    synchronized (this) {
      Feed f = feed(feedId);
      long now = clock.getAsLong();
      f.lastUpdate = now;
      f.latency = Math.max(0, now - sourceTimeMs);
      f.errorsInARow = 0;
      f.latest.put(instrument, book);
      forward = feedId.equals(active);
      if (forward) {
        delivered.put(instrument, book);
      }
    }
    if (forward) {
      sink.onBook(feedId, instrument, book);
    }
  }

  /** An error of {@code feedId} (a dropped connection, a failed poll). */
  public synchronized void onError(String feedId) {
    Feed f = feed(feedId);
    f.errors++;
    f.errorsInARow++;
  }

  /** Fails over when the active feed is failing; returns the switch, if any. */
  public Optional<Switch> check() {
    String target;
    synchronized (this) {
      long now = clock.getAsLong();
      if (!"failing".equals(status(feeds.get(active), now))) {
        return Optional.empty();
      }
      target = pick(now, "healthy");
      if (target == null) {
        target = pick(now, "degraded");
      }
      if (target == null) {
        alerts.raise(
            RiskAlert.FAILOVER,
            "CRITICAL",
            "system",
            "feed " + active + " failing and no other feed is usable",
            Map.of("feed", active));
        return Optional.empty();
      }
    }
    return Optional.of(switchTo(target, "active feed failing its checks", false));
  }

  private String pick(long now, String wanted) {
    for (Feed f : feeds.values()) {
      if (!f.id.equals(active) && wanted.equals(status(f, now))) {
        return f.id;
      }
    }
    return null;
  }

  /** Manual failover to {@code targetFeed} (1005 when unknown). */
  public Switch failover(String targetFeed, String reason) {
    synchronized (this) {
      if (targetFeed == null || !feeds.containsKey(targetFeed)) {
        throw new ControlException(
            ControlError.MARKET_DATA_UNAVAILABLE,
            "targetFeed: unknown feed "
                + ControlText.echo(targetFeed)
                + "; feeds: "
                + feeds.keySet());
      }
    }
    return switchTo(targetFeed, reason == null || reason.isBlank() ? "manual" : reason, true);
  }

  private Switch switchTo(String target, String reason, boolean manual) {
    Map<InstrumentId, Book> catchUp;
    Switch s;
    synchronized (this) {
      s = new Switch(active, target, reason, manual, clock.getAsLong());
      switches.add(s);
      active = target;
      catchUp = new LinkedHashMap<>(feeds.get(target).latest);
      delivered.putAll(catchUp);
      alerts.raise(
          RiskAlert.FAILOVER,
          manual ? "INFO" : "WARN",
          "system",
          "market data: " + s.from() + " -> " + s.to() + " (" + reason + ")",
          Map.of("from", s.from(), "to", s.to(), "manual", manual));
    }
    catchUp.forEach((instrument, book) -> sink.onBook(target, instrument, book));
    return s;
  }

  /** The latest book of {@code instrument} the strategies were given. */
  public synchronized Optional<Book> book(InstrumentId instrument) {
    return Optional.ofNullable(delivered.get(instrument));
  }

  /** Status of every feed, the active one and the time of the last switch (0: none). */
  public synchronized View view() {
    long now = clock.getAsLong();
    List<FeedStatus> out = new ArrayList<>();
    for (Feed f : feeds.values()) {
      out.add(new FeedStatus(f.id, status(f, now), f.latency, Math.max(0, f.lastUpdate), f.errors));
    }
    long last = switches.isEmpty() ? 0 : switches.get(switches.size() - 1).timeMs();
    return new View(out, active, last);
  }

  /** Every switch, oldest first. */
  public synchronized List<Switch> switches() {
    return List.copyOf(switches);
  }

  private String status(Feed f, long now) {
    // a feed that never delivered is judged from the router's start (a grace period at start-up)
    long age = now - (f.lastUpdate < 0 ? startedMs : f.lastUpdate);
    if (age > settings.failingAfterMs() || f.errorsInARow >= settings.maxErrors()) {
      return "failing";
    }
    return age > settings.degradedAfterMs() || f.errorsInARow > 0 ? "degraded" : "healthy";
  }

  private Feed feed(String id) {
    Feed f = feeds.get(id);
    if (f == null) {
      throw new IllegalArgumentException("unknown feed " + id.toLowerCase(Locale.ROOT));
    }
    return f;
  }
}
