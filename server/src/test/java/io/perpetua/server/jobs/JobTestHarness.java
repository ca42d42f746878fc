package io.perpetua.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.apikey.InMemoryApiKeyStore;
import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.JobServiceConfig;
import io.perpetua.backtest.job.JobValidator;
import io.perpetua.backtest.job.StrategyCatalog;
import io.perpetua.backtest.job.StrategyTemplate;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.ManualClock;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.InMemoryJobStore;
import io.perpetua.jobs.JobStatus;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An {@link ApiServer} with the job service (in-memory stores, a {@link ControlledRunner}, one
 * worker), the signed job API and any other route groups, plus clients: signed (per API key) and
 * bearer. Every signed request moves the manual clock one second on, so two identical requests
 * never share a timestamp (which the replay check would refuse).
 */
public final class JobTestHarness implements AutoCloseable {
  /** The bearer token. */
  public static final String TOKEN = "harness-token-0123456789abcdef";

  /** The master key. */
  public static final String MASTER_KEY = "harness-master-key-0123456789abcdef";

  /** The timeframes the harness's market data holds: hourly bars only, as the shared data. */
  public static final List<Timeframe> STORED_TIMEFRAMES = List.of(Timeframe.H1);

  /** The start of the manual clock. */
  public static final Instant T0 = Instant.parse("2026-04-29T10:15:00Z");

  public final ManualClock clock = new ManualClock(T0.toEpochMilli());
  public final InMemoryJobStore store = new InMemoryJobStore();
  public final InMemoryApiKeyStore keyStore = new InMemoryApiKeyStore();
  public final ApiKeySecrets secrets = ApiKeySecrets.of(MASTER_KEY);
  public final ApiKeys keys = new ApiKeys(keyStore, secrets, clock);
  public final ControlledRunner runner = new ControlledRunner();
  public final JobService jobs;
  public final AtomicReference<JobService> published = new AtomicReference<>();
  public final ApiServer server;
  public final int port;
  private final Map<String, BacktestJob> ended = new ConcurrentHashMap<>();
  private final Object endedMonitor = new Object();
  private final HttpClient http = HttpClient.newHttpClient();

  /** Starts; {@code groups} builds extra route groups from the published job service. */
  public JobTestHarness(Function<JobTestHarness, List<RouteGroup>> groups) {
    StrategyCatalog catalog =
        StrategyCatalog.of(
            List.of(
                StrategyTemplate.of("baseline_rev", "long_n", "short_n"),
                new StrategyTemplate(
                    "tpl_grid",
                    Set.of("grid_levels", "upper_price", "lower_price"),
                    p -> {
                      if (p.containsKey("grid_levels")
                          && !(p.get("grid_levels") instanceof Integer n && n > 1)) {
                        throw new IllegalArgumentException(
                            "parameter grid_levels must be an integer > 1");
                      }
                    })));
    jobs =
        new JobService(
            store,
            runner,
            new JobValidator(catalog, Set.of("BTCUSDT", "ETHUSDT")::contains, STORED_TIMEFRAMES),
            clock,
            new JobServiceConfig(
                1,
                5,
                Duration.ofDays(90),
                Duration.ofHours(1),
                Duration.ofMillis(500),
                0.01,
                Duration.ofMillis(50),
                Duration.ofSeconds(5)));
    jobs.addListener(
        j -> {
          synchronized (endedMonitor) {
            ended.put(j.id(), j);
            endedMonitor.notifyAll();
          }
        });
    jobs.start();
    published.set(jobs);
    server =
        new ApiServer(
            new InMemoryPlatformState(),
            ApiToken.of(TOKEN),
            clock,
            ServerConfig.defaults().withBindHost("127.0.0.1"));
    groups.apply(this).forEach(server::addRoutes);
    port = server.start(0);
  }

  /** The standard signed job routes over the published service. */
  public SignatureVerifier verifier() {
    return new SignatureVerifier(
        () -> keyStore, secrets, clock, SignatureVerifier.DEFAULT_WINDOW, 1000);
  }

  /** Waits (10 s) until a worker has finished with job {@code id}, and returns it. */
  public BacktestJob awaitEnded(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    synchronized (endedMonitor) {
      while (!ended.containsKey(id)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("job " + id + " did not end within 10 s");
        }
        endedMonitor.wait(Math.max(1, left / 1_000_000));
      }
    }
    return store.find(id).orElseThrow();
  }

  /** The status of job {@code id} in the store. */
  public JobStatus status(String id) {
    return store.find(id).orElseThrow().status();
  }

  /** Sends a signed request with {@code key}'s credentials. */
  public Response signed(ApiKeys.Issued key, String method, String target, String body) {
    clock.set(clock.nowMillis() + 1000);
    String ts = String.valueOf(clock.nowMillis() / 1000);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>();
    headers.put(SignatureVerifier.KEY_HEADER, key.key().keyId());
    headers.put(SignatureVerifier.TIMESTAMP_HEADER, ts);
    headers.put(
        SignatureVerifier.SIGNATURE_HEADER,
        RequestSigning.sign(key.secret(), ts, method, target, bytes));
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return send(method, target, headers, body);
  }

  /** Sends a request with the bearer token. */
  public Response bearer(String method, String target, String body) {
    Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + TOKEN));
    if (body != null) {
      headers.put("Content-Type", "application/json");
    }
    return send(method, target, headers, body);
  }

  /** Sends any request. */
  public Response send(String method, String target, Map<String, String> headers, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(b::header);
    try {
      HttpResponse<String> r =
          http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
    jobs.close();
  }

  /** A response. */
  public record Response(int status, HttpHeaders headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    /** A header. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** {@code error.code} of a bare error. */
    public String errorCode() {
      return json().at("/error/code").asText();
    }

    /** {@code error.message} of a bare error. */
    public String errorMessage() {
      return json().at("/error/message").asText();
    }
  }
}
