package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.JobServiceConfig;
import io.perpetua.backtest.job.JobValidator;
import io.perpetua.backtest.job.StrategyCatalog;
import io.perpetua.backtest.job.StrategyTemplate;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.core.time.ManualClock;
import io.perpetua.jobs.BacktestRequest;
import io.perpetua.jobs.InMemoryJobStore;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import io.perpetua.server.obs.JobQueueMetrics;
import io.perpetua.server.obs.MetricsEndpoint;
import io.perpetua.server.obs.PlatformMetrics;
import io.perpetua.server.obs.PrometheusTextParser;
import io.perpetua.server.obs.VenueMetrics;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.venue.binance.MarketDataStream;
import io.perpetua.venue.binance.fake.FakeListing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The venue and job series of {@code /metrics}, scraped over HTTP and parsed as Prometheus text:
 * each changes after its action (a request to the fake Binance through the platform's connection, a
 * dropped market stream, a queued backtest).
 */
class VenueAndJobMetricsTest {
  private static final String TOKEN = "venue-metrics-test-token-0123456789ab";
  private final HttpClient http = HttpClient.newHttpClient();
  private PlatformMetrics metrics;
  private ApiServer server;
  private int port;

  @BeforeEach
  void start() {
    metrics = new PlatformMetrics();
    server =
        new ApiServer(
                new InMemoryPlatformState(),
                ApiToken.of(TOKEN),
                new ManualClock(1_700_000_000_000L),
                ServerConfig.defaults().withBindHost("127.0.0.1"))
            .addExtension(new MetricsEndpoint(metrics));
    port = server.start(0);
  }

  @AfterEach
  void stop() {
    server.stop();
    metrics.close();
  }

  @Test
  void venueRequestLatencyAndWeight_andStreamReconnects_changeAfterTheAction() throws Exception {
    VenueMetrics venue = new VenueMetrics(metrics.registry(), "binance");
    try (FakeVenueConnection c =
        FakeVenueConnection.start(
            List.of(FakeListing.standard("BTCUSDT", null)),
            0,
            BigDecimal.valueOf(10_000),
            MakerFirstSettings.disabled(),
            venue)) {
      List<PrometheusTextParser.Sample> before = scrape();
      double klinesBefore = value(before, "perpetua_venue_request_seconds_count", KLINES);
      c.rest.klines("BTCUSDT", "1m", null, null, 10);
      List<PrometheusTextParser.Sample> after = scrape();
      assertThat(klinesBefore).isZero();
      assertThat(value(after, "perpetua_venue_request_seconds_count", KLINES)).isEqualTo(1.0);
      assertThat(after)
          .anyMatch(
              s ->
                  s.name().equals("perpetua_venue_request_seconds_bucket")
                      && "GET /fapi/v1/klines".equals(s.labels().get("endpoint")));
      assertThat(value(after, "perpetua_venue_request_weight_used", Map.of("venue", "binance")))
          .isEqualTo(c.rest.limiter().used())
          .isPositive();

      Map<String, String> market = Map.of("venue", "binance", "stream", "market");
      try (MarketDataStream s =
          new MarketDataStream(c.rest, List.of("btcusdt@aggTrade"), e -> {})) {
        s.start();
        assertThat(await(() -> c.fake.marketConnections() == 1)).isTrue();
        assertThat(value(scrape(), "perpetua_venue_stream_reconnects_total", market)).isZero();
        c.fake.dropConnections();
        assertThat(await(() -> s.connects() == 2)).isTrue();
        assertThat(
                await(
                    () -> value(scrape(), "perpetua_venue_stream_reconnects_total", market) == 1.0))
            .isTrue();
      }
    }
  }

  @Test
  void jobQueueDepth_countsAQueuedBacktest() throws Exception {
    AtomicReference<JobService> service = new AtomicReference<>();
    JobQueueMetrics.register(metrics.registry(), "backtest", service::get);
    Map<String, String> backtest = Map.of("queue", "backtest");
    assertThat(value(scrape(), "perpetua_jobs_queued", backtest)).isZero();
    JobService jobs =
        new JobService(
            new InMemoryJobStore(),
            (job, progress, cancelled) -> {
              throw new IllegalStateException("not started in this test");
            },
            new JobValidator(
                StrategyCatalog.of(List.of(StrategyTemplate.of("s"))),
                s -> true,
                List.of(Timeframe.H1)),
            Clock.system(),
            JobServiceConfig.defaults());
    service.set(jobs);
    jobs.submit("alice", null, request(), null);
    jobs.submit("alice", null, request(), null);
    List<PrometheusTextParser.Sample> after = scrape();
    assertThat(value(after, "perpetua_jobs_queued", backtest)).isEqualTo(2.0);
    assertThat(value(after, "perpetua_jobs_running", backtest)).isZero();
  }

  private static final Map<String, String> KLINES =
      Map.of("venue", "binance", "endpoint", "GET /fapi/v1/klines", "status", "200");

  private static BacktestRequest request() {
    return new BacktestRequest(
        "s",
        Map.of(),
        List.of("BTCUSDT"),
        "1h",
        "kline",
        Instant.parse("2025-01-01T00:00:00Z"),
        Instant.parse("2025-03-31T00:00:00Z"),
        10_000,
        1,
        5,
        5,
        0,
        0,
        null,
        365);
  }

  private List<PrometheusTextParser.Sample> scrape() {
    HttpResponse<String> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(r.statusCode()).isEqualTo(200);
    return PrometheusTextParser.parse(r.body());
  }

  private static double value(
      List<PrometheusTextParser.Sample> samples, String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(PrometheusTextParser.Sample::value)
        .sum();
  }

  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
