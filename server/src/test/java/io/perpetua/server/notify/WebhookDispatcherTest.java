package io.perpetua.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.SignalPublished;
import io.perpetua.trading.port.DeadLetterStore;
import io.perpetua.trading.risk.RiskEvent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WebhookDispatcher.Retry FAST =
      new WebhookDispatcher.Retry(
          4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2), 100);

  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Letters letters = new Letters();
  private WebhookDispatcher dispatcher;

  record Received(String path, JsonNode body) {}

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/",
        ex -> {
          requests.incrementAndGet();
          byte[] body = ex.getRequestBody().readAllBytes();
          int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
          if (status == 204) {
            received.add(
                new Received(
                    ex.getRequestURI().getPath(),
                    JSON.readTree(new String(body, StandardCharsets.UTF_8))));
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    if (dispatcher != null) {
      dispatcher.close();
    }
    receiver.stop(0);
  }

  @Test
  void payloads_perFormat_andChannelFilters() throws Exception {
    dispatcher =
        dispatcher(
            channel("discord", WebhookChannel.Format.DISCORD, Set.of(), "info", null),
            channel("tg", WebhookChannel.Format.TELEGRAM, Set.of("breaker"), "info", "-100123"),
            channel("ops", WebhookChannel.Format.GENERIC, Set.of(), "critical", null));
    PlatformNotifications notes = new PlatformNotifications(dispatcher);
    notes.onEvent(new SignalPublished(1_000L, StrategyId.of("baseline_rev"), 80, 81, 30, 30));
    notes.eventRecorded(new RiskEvent(2_000L, "breaker_tripped", "daily_loss", null, "lost 10%"));
    await(() -> received.size() == 4);
    // discord got both (no filter), telegram only the breaker, generic only critical (the breaker)
    assertThat(paths()).containsExactlyInAnyOrder("/discord", "/discord", "/tg", "/ops");
    JsonNode discordSignal = bodyOf("/discord", "signal");
    assertThat(discordSignal.get("content").asText()).contains("Signal published: baseline_rev");
    assertThat(discordSignal.at("/embeds/0/fields/1/name").asText()).isEqualTo("longs");
    assertThat(discordSignal.at("/embeds/0/fields/1/value").asText()).isEqualTo("30");
    JsonNode tg =
        received.stream().filter(r -> r.path.equals("/tg")).findFirst().orElseThrow().body;
    assertThat(tg.get("chat_id").asText()).isEqualTo("-100123");
    assertThat(tg.get("text").asText()).contains("Breaker tripped: breaker_tripped (daily_loss)");
    JsonNode ops =
        received.stream().filter(r -> r.path.equals("/ops")).findFirst().orElseThrow().body;
    assertThat(ops.get("kind").asText()).isEqualTo("breaker");
    assertThat(ops.get("severity").asText()).isEqualTo("critical");
    assertThat(ops.get("time").asText()).isEqualTo("1970-01-01T00:00:02Z");
    assertThat(letters.all).isEmpty();
  }

  @Test
  void receiverOutage_shorterThanTheRetries_losesNothing() throws Exception {
    failuresLeft.set(2);
    dispatcher = dispatcher(channel("ops", WebhookChannel.Format.GENERIC, Set.of(), "info", null));
    new PlatformNotifications(dispatcher)
        .eventRecorded(new RiskEvent(2_000L, "emergency_stop", null, null, "operator"));
    await(() -> dispatcher.stats().delivered() == 1);
    assertThat(received).hasSize(1);
    assertThat(requests.get()).isEqualTo(3);
    assertThat(dispatcher.stats().retries()).isEqualTo(2);
    assertThat(dispatcher.stats().delivered()).isEqualTo(1);
    assertThat(letters.all).isEmpty();
  }

  @Test
  void receiverDown_afterEveryRetry_isDeadLetteredWithItsPayload() throws Exception {
    failuresLeft.set(1_000);
    dispatcher = dispatcher(channel("ops", WebhookChannel.Format.GENERIC, Set.of(), "info", null));
    new PlatformNotifications(dispatcher)
        .eventRecorded(new RiskEvent(2_000L, "emergency_stop", null, null, "operator"));
    await(() -> letters.all.size() == 1);
    DeadLetterStore.DeadLetter d = letters.all.get(0);
    assertThat(requests.get()).isEqualTo(FAST.maxAttempts());
    assertThat(d.channel()).isEqualTo("ops");
    assertThat(d.kind()).isEqualTo("risk_event");
    assertThat(d.attempts()).isEqualTo(4);
    assertThat(d.lastError()).isEqualTo("HTTP 503");
    assertThat(JSON.readTree(d.payload()).get("text").asText()).isEqualTo("operator");
    assertThat(d.payload()).doesNotContain("127.0.0.1");
    assertThat(dispatcher.stats().pending()).isZero();
  }

  @Test
  void permanentRefusal_isDeadLetteredAtOnce_andPendingAtCloseToo() throws Exception {
    WebhookDispatcher.Transport refuses = (url, json, timeout) -> 404;
    dispatcher =
        new WebhookDispatcher(
            List.of(channel("ops", WebhookChannel.Format.GENERIC, Set.of(), "info", null)),
            letters,
            FAST,
            () -> 9L,
            refuses);
    dispatcher.submit(note());
    await(() -> letters.all.size() == 1);
    assertThat(letters.all.get(0).attempts()).isEqualTo(1);
    assertThat(letters.all.get(0).lastError()).isEqualTo("HTTP 404");

    WebhookDispatcher slow =
        new WebhookDispatcher(
            List.of(channel("ops", WebhookChannel.Format.GENERIC, Set.of(), "info", null)),
            letters,
            new WebhookDispatcher.Retry(
                3, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(1), 10),
            () -> 9L,
            (url, json, timeout) -> 503);
    slow.submit(note());
    await(() -> slow.stats().retries() == 1);
    slow.close();
    assertThat(letters.all).hasSize(2);
    assertThat(letters.all.get(1).lastError()).isEqualTo("platform stopped before delivery");
  }

  @Test
  void delays_doubleUpToTheCap() {
    dispatcher = dispatcher(channel("ops", WebhookChannel.Format.GENERIC, Set.of(), "info", null));
    assertThat(List.of(dispatcher.delayMs(1), dispatcher.delayMs(2), dispatcher.delayMs(3)))
        .containsExactly(20L, 40L, 80L);
    assertThat(dispatcher.delayMs(4)).isEqualTo(100L);
    assertThat(dispatcher.delayMs(80)).isEqualTo(100L);
  }

  private static Notification note() {
    return new Notification("alert", "warning", "t", "x", 1L, java.util.Map.of());
  }

  private WebhookDispatcher dispatcher(WebhookChannel... channels) {
    return new WebhookDispatcher(
        List.of(channels),
        letters,
        FAST,
        System::currentTimeMillis,
        WebhookDispatcher.Transport.http());
  }

  private WebhookChannel channel(
      String name, WebhookChannel.Format f, Set<String> kinds, String min, String chat) {
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/" + name);
    return new WebhookChannel(name, f, url, kinds, min, chat);
  }

  private List<String> paths() {
    List<String> out = new ArrayList<>();
    received.forEach(r -> out.add(r.path));
    return out;
  }

  private JsonNode bodyOf(String path, String contentWord) {
    return received.stream()
        .filter(r -> r.path.equals(path))
        .filter(r -> r.body.toString().toLowerCase().contains(contentWord))
        .findFirst()
        .orElseThrow()
        .body;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
  }

  private static final class Letters implements DeadLetterStore {
    final List<DeadLetter> all = new CopyOnWriteArrayList<>();

    @Override
    public void add(DeadLetter letter) {
      all.add(letter);
    }

    @Override
    public List<DeadLetter> recent(int limit) {
      return all.subList(Math.max(0, all.size() - limit), all.size());
    }
  }
}
