package io.perpetua.server.obs;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  private static final String TOKEN = "metrics-test-token-0123456789abcdef";
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
            .addRequestObserver(new HttpMetrics(metrics.registry()))
            .addExtension(new MetricsEndpoint(metrics));
    port = server.start(0);
  }

  @AfterEach
  void stop() {
    server.stop();
    metrics.close();
  }

  @Test
  void scrape_parsesAsPrometheusText_withJvmHttpKernelAndFreshnessSeries() throws Exception {
    get("/api/v1/health", null);
    get("/api/v1/health", null);
    KernelMetrics kernel = new KernelMetrics(metrics.registry());
    kernel.onEvent(new OrderRejected(1L, order(), "max_order_value", "too big"));
    kernel.onEvent(new OrderRejected(2L, order(), "max_order_value", "too big"));
    kernel.onStep(0, 3_600_000L, 10_000.0);
    kernel.onStepLatency(0, 2_000_000L);
    new DataFreshness(metrics.registry(), List.of("BTCUSDT")).record(0, 3_600_000L);

    HttpResponse<String> r = get("/metrics", TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    List<PrometheusTextParser.Sample> samples = PrometheusTextParser.parse(r.body());

    assertThat(samples).anyMatch(s -> s.name().equals("jvm_memory_used_bytes"));
    assertThat(
            value(
                samples, "perpetua_http_server_requests_seconds_count", "route", "/api/v1/health"))
        .isEqualTo(2.0);
    assertThat(samples)
        .anyMatch(
            s ->
                s.name().equals("perpetua_http_server_requests_seconds_bucket")
                    && "/api/v1/health".equals(s.labels().get("route")));
    assertThat(value(samples, "perpetua_orders_rejected_total", "rule", "max_order_value"))
        .isEqualTo(2.0);
    assertThat(value(samples, "perpetua_kernel_step_seconds_count", null, null)).isEqualTo(1.0);
    assertThat(value(samples, "perpetua_kernel_step_seconds_sum", null, null)).isEqualTo(0.002);
    assertThat(value(samples, "perpetua_data_last_bar_timestamp_seconds", "symbol", "BTCUSDT"))
        .isEqualTo(3600.0);
  }

  @Test
  void scrape_withoutOrWithWrongToken_is401Envelope() throws Exception {
    HttpResponse<String> none = get("/metrics", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("\"code\":40101");
    HttpResponse<String> wrong = get("/metrics", "nope");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("\"code\":40102");
  }

  @Test
  void parser_rejectsMalformedExposition() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PrometheusTextParser.parse("# TYPE a counter\na_total{x=\"1} 1\n"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrometheusTextParser.parse("b 1\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double value(
      List<PrometheusTextParser.Sample> samples, String name, String label, String labelValue) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .filter(s -> label == null || labelValue.equals(s.labels().get(label)))
        .mapToDouble(PrometheusTextParser.Sample::value)
        .sum();
  }

  private static Order order() {
    return new Order(
        ClientOrderId.of("c1"),
        InstrumentId.parseAny("BTCUSDT"),
        OrderSide.BUY,
        OrderType.MARKET,
        Quantity.parse("1", 3),
        null,
        false,
        StrategyId.of("s"),
        null,
        1L);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
