package io.perpetua.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.TradeId;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import io.perpetua.trading.risk.RiskEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamEndpointsTest {
  private static final String TOKEN = "stream-test-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamHub hub;
  private ApiServer server;
  private int port;

  @BeforeEach
  void start() {
    hub = new StreamHub(new StreamHub.Limits(2_000, 16, 1_000, Duration.ofSeconds(1)));
    server =
        new ApiServer(
                new InMemoryPlatformState(),
                ApiToken.of(TOKEN),
                new ManualClock(1_700_000_000_000L),
                ServerConfig.defaults().withBindHost("127.0.0.1"))
            .addExtension(
                new StreamEndpoints(
                    hub, Set.of("BTCUSDT")::contains, Set.of("baseline_rev")::contains));
    port = server.start(0);
  }

  @AfterEach
  void stop() {
    server.stop();
    hub.close();
  }

  @Test
  void connect_withoutOrWithWrongToken_isRefusedWith401() {
    assertThatThrownBy(() -> connect("/stream/alerts", null, new Collector(true)))
        .satisfies(e -> assertThat(status(e)).isEqualTo(401));
    assertThatThrownBy(() -> connect("/stream/alerts", "wrong-token", new Collector(true)))
        .satisfies(e -> assertThat(status(e)).isEqualTo(401));
  }

  @Test
  void connect_unknownSymbolOrBadSince_isRefusedWith4xx() {
    assertThatThrownBy(() -> connect("/stream/market/NOPEUSDT", TOKEN, new Collector(true)))
        .satisfies(e -> assertThat(status(e)).isEqualTo(404));
    assertThatThrownBy(() -> connect("/stream/alerts?since=-1", TOKEN, new Collector(true)))
        .satisfies(e -> assertThat(status(e)).isEqualTo(400));
  }

  @Test
  void fill_reachesStrategyClient_within100ms() throws Exception {
    Collector client = new Collector(true);
    WebSocket ws = connect("/stream/strategy/baseline_rev", TOKEN, client);
    client.await(1); // stream.subscribed
    StreamPublisher publisher = new StreamPublisher(hub, StrategyId.of("baseline_rev"));
    publisher.onEvent(new OrderFilled(999L, fill("warm-up"))); // first use loads the JSON classes
    client.await(2);
    long[] tookMs = new long[20];
    for (int i = 0; i < tookMs.length; i++) {
      long sent = System.nanoTime();
      publisher.onEvent(new OrderFilled(1_000L + i, fill("t" + i)));
      JsonNode m = client.await(3 + i);
      tookMs[i] = TimeUnit.NANOSECONDS.toMillis(client.receivedAt(2 + i) - sent);
      assertThat(m.get("type").asText()).isEqualTo("order.filled");
      assertThat(m.get("seq").asLong()).isEqualTo(2 + i);
      assertThat(m.at("/data/trade_id").asText()).isEqualTo("t" + i);
      assertThat(m.at("/data/symbol").asText()).isEqualTo("BTCUSDT");
    }
    java.util.Arrays.sort(tookMs);
    // every fill within 100 ms; on a machine shared by many builds (load average > 20 seen) one
    // scheduling hiccup is tolerated, the median must still be far below
    assertThat(tookMs[tookMs.length - 2])
        .as("second-worst fill-to-client latency, ms")
        .isLessThan(100);
    assertThat(tookMs[tookMs.length / 2]).as("median fill-to-client latency, ms").isLessThan(50);
    ws.abort();
  }

  @Test
  void reconnect_withSince_resumesAfterThatSequenceNumber() throws Exception {
    for (int i = 0; i < 5; i++) {
      hub.publish("alerts", "risk.test", i, java.util.Map.of("i", i));
    }
    Collector client = new Collector(true);
    connect("/stream/alerts?since=3", TOKEN, client);
    client.await(3);
    assertThat(client.messages.get(0).get("type").asText()).isEqualTo("stream.subscribed");
    assertThat(client.messages.get(0).at("/data/next_seq").asLong()).isEqualTo(4);
    assertThat(client.messages.get(1).get("seq").asLong()).isEqualTo(4);
    assertThat(client.messages.get(2).get("seq").asLong()).isEqualTo(5);
    assertThat(hub.stats().resumes()).isEqualTo(1);
  }

  @Test
  void alerts_riskEventFromPublisher_isStreamed() throws Exception {
    Collector client = new Collector(true);
    connect("/stream/alerts?access_token=" + TOKEN, null, client);
    client.await(1);
    new StreamPublisher(hub, StrategyId.of("x"))
        .riskEvent(new RiskEvent(5L, "breaker_tripped", "daily_loss", null, "lost 10%"));
    JsonNode m = client.await(2);
    assertThat(m.get("type").asText()).isEqualTo("risk.breaker_tripped");
    assertThat(m.at("/data/rule").asText()).isEqualTo("daily_loss");
  }

  @Test
  void stalledClient_isDropped_andNeverDelaysThePublisher() throws Exception {
    Collector stalled = new Collector(false);
    connect("/stream/strategy/baseline_rev", TOKEN, stalled);
    Collector healthy = new Collector(true);
    connect("/stream/strategy/baseline_rev", TOKEN, healthy);
    healthy.await(1);
    String padding = "x".repeat(2_000);
    long worstNanos = 0;
    int n = 3_000;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      hub.publish("strategy/baseline_rev", "test", i, java.util.Map.of("i", i, "pad", padding));
      worstNanos = Math.max(worstNanos, System.nanoTime() - t0);
      if (i % 100 == 99) {
        healthy.await(i - 50); // keep the healthy client within the lag bound
      }
    }
    healthy.await(1 + n);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (hub.stats().slowDrops() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(hub.stats().slowDrops()).isEqualTo(1);
    assertThat(healthy.messages).hasSize(1 + n);
    // A publish that waited for the stalled client would wait until it is dropped (the 1 s stall
    // time) or forever; under a loaded machine a publish may still be descheduled for a while.
    assertThat(TimeUnit.NANOSECONDS.toMillis(worstNanos))
        .as("slowest publish while a client stalls, ms")
        .isLessThan(500);
  }

  private static Fill fill(String tradeId) {
    return new Fill(
        TradeId.of(tradeId),
        ClientOrderId.of("c-" + tradeId),
        InstrumentId.parseAny("BTCUSDT"),
        OrderSide.BUY,
        Quantity.parse("0.010", 3),
        Price.parse("65000.5", 1),
        Money.of(0.33),
        Liquidity.TAKER,
        1_000L);
  }

  /** The HTTP status of a refused upgrade (the JDK client names it in its exception). */
  private static int status(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      var m =
          java.util.regex.Pattern.compile("status code (\\d{3})")
              .matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return -1;
  }

  private WebSocket connect(String path, String token, Collector listener) {
    var builder = HttpClient.newHttpClient().newWebSocketBuilder();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    try {
      return builder
          .buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener)
          .get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Collects text messages; a stalled one never asks for more after opening. */
  private static final class Collector implements WebSocket.Listener {
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    final List<Long> times = new CopyOnWriteArrayList<>();
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();

    Collector(boolean reading) {
      this.reading = reading;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      if (reading) {
        webSocket.request(1);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        long now = System.nanoTime();
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        times.add(now);
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    long receivedAt(int index) {
      return times.get(index);
    }

    JsonNode await(int count) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (messages.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(messages).as("messages received").hasSizeGreaterThanOrEqualTo(count);
      return messages.get(count - 1);
    }
  }
}
