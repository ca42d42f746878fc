package io.perpetua.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.testing.Services;
import io.perpetua.trading.port.BusRecord;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault tests: Redis disappears (a proxy in front of it stops) and comes back on the same address;
 * the adapters fail with {@link ServiceUnavailableException} meanwhile and recover on their own.
 */
class RedisRecoveryIT {
  private TcpProxy proxy;
  private String prefix;
  private String address;
  private RedisConfig config;

  @BeforeAll
  static void requireRedis() {
    Services.requireRedis();
  }

  @BeforeEach
  void startProxy() {
    proxy = new TcpProxy(RedisTestSupport.PORT);
    prefix = RedisTestSupport.uniquePrefix();
    address = "127.0.0.1:" + proxy.port();
    config = RedisConfig.of("127.0.0.1", proxy.port());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
    RedisTestSupport.deleteKeys(prefix);
  }

  @Test
  void stateCache_failsDuringAnOutage_andRecoversAfterwards() throws Exception {
    try (RedisStateCache cache = new RedisStateCache(config, prefix)) {
      cache.put("quant:account:balance", "{\"total_equity\":1}");

      proxy.stop();
      assertThatThrownBy(() -> cache.get("quant:account:balance"))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessage("Redis unavailable at " + address);
      assertThatThrownBy(() -> cache.put("k", "v")).isInstanceOf(ServiceUnavailableException.class);

      proxy.start();
      assertThat(cache.get("quant:account:balance")).contains("{\"total_equity\":1}");
      cache.put("k", "v");
      assertThat(cache.get("k")).contains("v");
    }
  }

  @Test
  void eventBus_failsDuringAnOutage_andRecoversAfterwards() throws Exception {
    try (RedisEventBus bus = new RedisEventBus(config, prefix + "events:")) {
      String first = bus.publish("t", "before");

      proxy.stop();
      assertThatThrownBy(() -> bus.publish("t", "during"))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessage("Redis unavailable at " + address);

      proxy.start();
      String second = bus.publish("t", "after");
      assertThat(bus.range("t", "0", 10))
          .containsExactly(new BusRecord(first, "before"), new BusRecord(second, "after"));
    }
  }

  @Test
  void blockedRead_failsPromptly_whenRedisGoesAway() throws Exception {
    try (RedisEventBus bus = new RedisEventBus(config, prefix + "events:")) {
      bus.createGroup("t", "g");
      CompletableFuture<List<BusRecord>> read =
          CompletableFuture.supplyAsync(() -> bus.read("t", "g", "c", 10, Duration.ofSeconds(30)));
      RedisTestSupport.awaitBlockedXreadgroup();
      long cutAt = System.nanoTime();

      proxy.stop();

      assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ServiceUnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - cutAt)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
