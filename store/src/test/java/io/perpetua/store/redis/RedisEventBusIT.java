package io.perpetua.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.Services;
import io.perpetua.store.contract.EventBusContract;
import io.perpetua.trading.port.EventBus;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The event bus contract against a real Redis, each test under its own key prefix. */
class RedisEventBusIT extends EventBusContract {
  @BeforeAll
  static void requireRedis() {
    Services.requireRedis();
  }

  private RedisConfig config;
  private String prefix;

  @Override
  protected EventBus newBus() {
    config = RedisTestSupport.requireRedis();
    prefix = RedisTestSupport.uniquePrefix() + "events:";
    return new RedisEventBus(config, prefix);
  }

  @Override
  protected EventBus reconnect() {
    return track(new RedisEventBus(config, prefix));
  }

  @Override
  protected void awaitBlocked(Thread reader) {
    RedisTestSupport.awaitBlockedXreadgroup();
  }

  @Override
  protected void cleanUp() {
    RedisTestSupport.deleteKeys(prefix);
  }

  @Test
  void messages_areStoredAsStreamEntries_underThePrefix() {
    String id = bus.publish(TOPIC, "{\"a\":1}");

    try (Jedis jedis = new Jedis(RedisTestSupport.HOST, RedisTestSupport.PORT)) {
      assertThat(jedis.type(prefix + TOPIC)).isEqualTo("stream");
      assertThat(jedis.xrange(prefix + TOPIC, "-", "+"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getID().toString()).isEqualTo(id);
                assertThat(e.getFields()).isEqualTo(Map.of("payload", "{\"a\":1}"));
              });
    }
  }

  @Test
  void defaultPrefix_isQuantEvents() {
    assertThat(RedisEventBus.DEFAULT_PREFIX).isEqualTo("quant:events:");
  }
}
