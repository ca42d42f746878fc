package io.perpetua.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.Services;
import io.perpetua.store.contract.StateCacheContract;
import io.perpetua.trading.port.StateCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The state cache contract against a real Redis, each test under its own key prefix. */
class RedisStateCacheIT extends StateCacheContract {
  @BeforeAll
  static void requireRedis() {
    Services.requireRedis();
  }

  private String prefix;

  @Override
  protected StateCache newCache() {
    RedisConfig config = RedisTestSupport.requireRedis();
    prefix = RedisTestSupport.uniquePrefix();
    return new RedisStateCache(config, prefix);
  }

  @Override
  protected void cleanUp() {
    RedisTestSupport.deleteKeys(prefix);
    assertThat(RedisTestSupport.countKeys(prefix)).isZero();
  }

  @Test
  void values_areStoredAsPlainStrings_underThePrefix() {
    cache.put("quant:signal:latest", "{\"strategy_name\":\"x\"}");

    try (Jedis jedis = new Jedis(RedisTestSupport.HOST, RedisTestSupport.PORT)) {
      assertThat(jedis.get(prefix + "quant:signal:latest")).isEqualTo("{\"strategy_name\":\"x\"}");
    }
  }
}
