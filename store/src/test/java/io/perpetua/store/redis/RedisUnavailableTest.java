package io.perpetua.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis adapters pointed at a port where nothing listens: every call is a clean 503-style error.
 */
class RedisUnavailableTest {
  private static final String PASSWORD = "hunter2-secret";

  private int port;
  private RedisStateCache cache;
  private RedisEventBus bus;

  @BeforeEach
  void open() {
    port = ClosedPort.find();
    RedisConfig config = RedisConfig.of("127.0.0.1", port).withPassword(PASSWORD);
    cache = new RedisStateCache(config);
    bus = new RedisEventBus(config);
  }

  @AfterEach
  void close() {
    cache.close();
    bus.close();
  }

  private void assertUnavailable(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessage("Redis unavailable at 127.0.0.1:" + port)
        .satisfies(e -> assertThat(messagesOf(e)).doesNotContain(PASSWORD));
  }

  private static String messagesOf(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }

  @Test
  void stateCache_everyOperation_throwsServiceUnavailable() {
    assertUnavailable(() -> cache.get("k"));
    assertUnavailable(() -> cache.put("k", "v"));
    assertUnavailable(() -> cache.putAll(Map.of("a", "1", "b", "2")));
    assertUnavailable(() -> cache.delete("k"));
    assertUnavailable(() -> cache.scan("quant:"));
  }

  @Test
  void eventBus_everyOperation_throwsServiceUnavailable() {
    assertUnavailable(() -> bus.publish("t", "m"));
    assertUnavailable(() -> bus.createGroup("t", "g"));
    assertUnavailable(() -> bus.read("t", "g", "c", 10, Duration.ofMillis(100)));
    assertUnavailable(() -> bus.readPending("t", "g", "c", 10));
    assertUnavailable(() -> bus.ack("t", "g", "1-0"));
    assertUnavailable(() -> bus.range("t", "0", 10));
    assertUnavailable(() -> bus.size("t"));
  }

  @Test
  void config_toString_hidesThePassword() {
    RedisConfig config = RedisConfig.of("redis.internal", 6380).withPassword(PASSWORD);

    assertThat(config.toString()).doesNotContain(PASSWORD).contains("***").contains("6380");
    assertThat(config.address()).isEqualTo("redis.internal:6380");
    assertThat(RedisConfig.of("h", 1).toString()).contains("password=none");
  }

  @Test
  void config_rejectsInvalidSettings() {
    assertThatThrownBy(() -> RedisConfig.of(" ", 6379))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisConfig.of("h", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisConfig.of("h", 1).withDatabase(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void globEscaping_escapesEveryMetacharacter() {
    assertThat(RedisPatterns.escapeGlob("a*b?c[d]e\\f")).isEqualTo("a\\*b\\?c\\[d\\]e\\\\f");
    assertThat(RedisPatterns.escapeGlob("quant:heartbeat:")).isEqualTo("quant:heartbeat:");
  }
}
