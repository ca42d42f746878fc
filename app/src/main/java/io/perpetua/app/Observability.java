package io.perpetua.app;

import io.perpetua.app.config.ConfigException;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.backtest.job.JobService;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.time.Clock;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.notify.PlatformNotifications;
import io.perpetua.server.notify.WebhookChannel;
import io.perpetua.server.notify.WebhookDispatcher;
import io.perpetua.server.obs.ControlPlaneStatus;
import io.perpetua.server.obs.DataFreshness;
import io.perpetua.server.obs.DependencyCheck;
import io.perpetua.server.obs.DependencyHealth;
import io.perpetua.server.obs.HttpMetrics;
import io.perpetua.server.obs.JobQueueMetrics;
import io.perpetua.server.obs.KernelMetrics;
import io.perpetua.server.obs.MetricsEndpoint;
import io.perpetua.server.obs.OperationsRoutes;
import io.perpetua.server.obs.PlatformMetrics;
import io.perpetua.server.obs.VenueMetrics;
import io.perpetua.server.stream.StreamEndpoints;
import io.perpetua.server.stream.StreamHub;
import io.perpetua.server.stream.StreamPublisher;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcDeadLetterStore;
import io.perpetua.store.jdbc.JdbcStreamEpochs;
import io.perpetua.store.jdbc.JdbcWebhookOutbox;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.KernelListeners;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.port.DeadLetterStore;
import io.perpetua.trading.port.VenueMeter;
import io.perpetua.trading.port.WebhookOutbox;
import io.perpetua.trading.risk.Alert;
import io.perpetua.trading.risk.ObservedRiskStore;
import io.perpetua.trading.risk.RiskEvent;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The platform's observability, wired once: the metric registry and {@code /metrics}, HTTP metrics,
 * the WebSocket stream hub and its endpoints, and the webhooks with their notifications. The kernel
 * and the risk engine feed it through {@link #kernelListener} and {@link #riskObserver}. Built
 * before the API starts; closed after the kernel stopped.
 */
final class Observability implements AutoCloseable {
  private volatile Supplier<ControlPlaneStatus> controlPlaneStatus = () -> null;
  private final PlatformMetrics metrics = new PlatformMetrics();
  private final StreamHub hub = new StreamHub(StreamHub.Limits.defaults());
  private final StreamPublisher streams;
  private final WebhookDispatcher webhooks;
  private final PlatformNotifications notifications;
  private final String strategy;
  private volatile Database database;
  private volatile DataFreshness freshness;
  private final Map<String, VenueMetrics> venues = new ConcurrentHashMap<>();

  Observability(PerpetuaConfig config, Map<String, String> env) {
    this.strategy = config.activeStrategy();
    this.streams = new StreamPublisher(hub, StrategyId.of(strategy));
    List<WebhookChannel> channels = channels(config.observability(), env);
    this.webhooks =
        channels.isEmpty()
            ? null
            : new WebhookDispatcher(
                channels,
                new DatabaseDeadLetters(() -> database),
                new DatabaseOutbox(() -> database),
                WebhookDispatcher.Retry.defaults(),
                System::currentTimeMillis,
                WebhookDispatcher.Transport.http());
    this.notifications = webhooks == null ? null : new PlatformNotifications(webhooks);
    registerCounters();
  }

  /** Where the control plane's spec-001 status comes from (set before or after install). */
  void controlPlane(Supplier<ControlPlaneStatus> s) {
    controlPlaneStatus = s;
  }

  /**
   * Adds {@code /metrics}, HTTP metrics, the streams and the operations routes (dependency health,
   * system status) to {@code server}.
   */
  void install(
      ApiServer server,
      Supplier<Set<InstrumentId>> tradable,
      List<DependencyCheck> checks,
      PlatformState state,
      Path dataDir) {
    DependencyHealth health =
        new DependencyHealth(checks, System::currentTimeMillis, 5_000).register(metrics.registry());
    server.addRoutes(
        new OperationsRoutes(state, health, () -> freshness, dataDir, Clock.system())
            .withControlPlane(() -> controlPlaneStatus.get()));
    server.addRequestObserver(new HttpMetrics(metrics.registry()));
    server.addExtension(new MetricsEndpoint(metrics));
    server.addExtension(
        new StreamEndpoints(
            hub,
            symbol -> tradable.get().stream().anyMatch(i -> i.venueSymbol().equals(symbol)),
            strategy::equals));
  }

  /**
   * The database is open: the streams take this process's epoch there (sequence numbers continue
   * above an earlier run's), dead letters and the webhook outbox go there, and deliveries an
   * earlier run left in the outbox are taken up again.
   */
  void database(Database db) {
    this.database = db;
    hub.epoch(new JdbcStreamEpochs(db).next(System.currentTimeMillis()));
    if (webhooks != null) {
      webhooks.recover();
    }
  }

  /**
   * The kernel's observers over {@code panel}: metrics, data freshness, streams (bars to the market
   * channels) and notifications.
   */
  KernelListener kernelListener(MarketPanel panel) {
    List<String> symbols = panel.instruments().stream().map(InstrumentId::venueSymbol).toList();
    DataFreshness freshness = new DataFreshness(metrics.registry(), symbols);
    this.freshness = freshness;
    List<KernelListener> all = new ArrayList<>();
    all.add(new KernelMetrics(metrics.registry()));
    all.add(streams);
    all.add(
        new KernelListener() {
          @Override
          public void onStep(int t, long timeMs, double equity) {
            for (int i = 0; i < symbols.size(); i++) {
              double close = panel.close(t, i);
              if (close > 0) {
                freshness.record(i, timeMs);
                streams.bar(
                    symbols.get(i), timeMs, close, panel.quoteVolume()[t * symbols.size() + i]);
              }
            }
          }
        });
    if (notifications != null) {
      all.add(notifications);
    }
    return KernelListeners.of(all);
  }

  /** Where venue {@code venue}'s adapter reports request latency, used weight and reconnects. */
  VenueMeter venueMeter(String venue) {
    return venues.computeIfAbsent(venue, v -> new VenueMetrics(metrics.registry(), v));
  }

  /** The queue depth gauges of the backtest and optimizer job services (null until open). */
  void jobQueues(Supplier<JobService> backtests, Supplier<JobService> optimizations) {
    JobQueueMetrics.register(metrics.registry(), "backtest", backtests);
    JobQueueMetrics.register(metrics.registry(), "optimizer", optimizations);
  }

  /** Risk events and alerts to the alerts stream and the webhooks. */
  ObservedRiskStore.Observer riskObserver() {
    return new ObservedRiskStore.Observer() {
      @Override
      public void alertSaved(Alert alert) {
        streams.alert(alert);
        if (notifications != null) {
          notifications.alertSaved(alert);
        }
      }

      @Override
      public void eventRecorded(RiskEvent event) {
        streams.riskEvent(event);
        if (notifications != null) {
          notifications.eventRecorded(event);
        }
      }
    };
  }

  @Override
  public void close() {
    hub.close();
    if (webhooks != null) {
      webhooks.close();
    }
    metrics.close();
  }

  private void registerCounters() {
    metrics.counter(
        "perpetua.stream.connects",
        "WebSocket stream connections opened",
        () -> hub.stats().connects());
    metrics.counter(
        "perpetua.stream.reconnects",
        "WebSocket stream connections that resumed with since",
        () -> hub.stats().resumes());
    metrics.counter(
        "perpetua.stream.slow.drops",
        "WebSocket stream clients dropped for being too slow",
        () -> hub.stats().slowDrops());
    metrics.gauge(
        "perpetua.stream.clients",
        "WebSocket stream clients connected",
        () -> hub.stats().connected());
    if (webhooks != null) {
      metrics.counter(
          "perpetua.webhooks.delivered", "Webhook deliveries", () -> webhooks.stats().delivered());
      metrics.counter(
          "perpetua.webhooks.retries",
          "Webhook retried attempts",
          () -> webhooks.stats().retries());
      metrics.counter(
          "perpetua.webhooks.dead.letters",
          "Webhook deliveries given up (dead letters)",
          () -> webhooks.stats().deadLettered());
      metrics.gauge(
          "perpetua.webhooks.pending",
          "Webhook deliveries queued",
          () -> webhooks.stats().pending());
    }
  }

  /** The configured channels, their URLs read from the environment. */
  static List<WebhookChannel> channels(PerpetuaConfig.Observability o, Map<String, String> env) {
    List<WebhookChannel> out = new ArrayList<>();
    for (int i = 0; i < o.webhooks().size(); i++) {
      PerpetuaConfig.Webhook w = o.webhooks().get(i);
      String key = "observability.webhooks[" + i + "]";
      String url = env.getOrDefault(w.urlEnv(), "").strip();
      if (url.isEmpty()) {
        throw new ConfigException(
            key + ".url_env",
            "environment variable " + w.urlEnv() + " (the webhook URL) is not set");
      }
      try {
        out.add(
            new WebhookChannel(
                w.name(),
                WebhookChannel.Format.parse(String.valueOf(w.format())),
                URI.create(url),
                w.kinds() == null ? Set.of() : new HashSet<>(w.kinds()),
                w.minSeverity() == null ? "info" : w.minSeverity(),
                w.chatId()));
      } catch (IllegalArgumentException e) {
        // never the URL in the message: it holds the secret
        throw new ConfigException(key, e.getMessage().replace(url, "<url>"));
      }
    }
    return out;
  }

  /** The webhook outbox in the journal database once it is open. */
  private record DatabaseOutbox(Supplier<Database> database) implements WebhookOutbox {
    @Override
    public long enqueue(Queued delivery) {
      return store().enqueue(delivery);
    }

    @Override
    public void attempted(long id, int attempts) {
      store().attempted(id, attempts);
    }

    @Override
    public void remove(long id) {
      store().remove(id);
    }

    @Override
    public List<Queued> pending() {
      return store().pending();
    }

    @Override
    public boolean durable() {
      return true;
    }

    private WebhookOutbox store() {
      Database db = database.get();
      if (db == null) {
        throw new IllegalStateException("database not open yet");
      }
      return new JdbcWebhookOutbox(db);
    }
  }

  /** Dead letters in the journal database once it is open. */
  private record DatabaseDeadLetters(Supplier<Database> database) implements DeadLetterStore {
    @Override
    public void add(DeadLetter letter) {
      store().add(letter);
    }

    @Override
    public List<DeadLetter> recent(int limit) {
      return store().recent(limit);
    }

    private DeadLetterStore store() {
      Database db = database.get();
      if (db == null) {
        throw new IllegalStateException("database not open yet");
      }
      return new JdbcDeadLetterStore(db);
    }
  }
}
