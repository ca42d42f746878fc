package io.perpetua.store.redis;

import io.perpetua.core.testing.Services;
import io.perpetua.store.contract.PlatformStateContract;
import io.perpetua.trading.port.StateCache;
import org.junit.jupiter.api.BeforeAll;

/** The platform state contract over the Redis state cache. */
class RedisPlatformStateIT extends PlatformStateContract {
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
  }
}
