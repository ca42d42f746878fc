package io.perpetua.store.redis;

import io.perpetua.trading.port.ServiceUnavailableException;
import java.util.function.Function;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A pooled Redis client that turns every connection problem into a {@link
 * ServiceUnavailableException} naming {@code host:port}.
 *
 * <p>Connections are created lazily and checked with a PING when borrowed, so after an outage the
 * first call once Redis is back succeeds without any reconnect logic in callers. Errors the server
 * reports about a command ({@link JedisDataException}, e.g. a missing consumer group) are passed
 * through unchanged. Thread-safe.
 */
final class RedisConnection implements AutoCloseable {
  private static final int MAX_CONNECTIONS = 16;

  private final JedisPooled jedis;
  private final String address;

  RedisConnection(RedisConfig config) {
    this.address = config.address();
    int timeoutMs = Math.toIntExact(config.timeout().toMillis());
    DefaultJedisClientConfig client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMs)
            .socketTimeoutMillis(timeoutMs)
            // Blocking reads (XREADGROUP BLOCK) wait at most RedisEventBus.MAX_BLOCK on the server.
            .blockingSocketTimeoutMillis(
                Math.toIntExact(RedisEventBus.MAX_BLOCK.toMillis()) + timeoutMs)
            .password(config.password())
            .database(config.database())
            .clientName("perpetua")
            .build();
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setMaxIdle(MAX_CONNECTIONS);
    pool.setTestOnBorrow(true);
    pool.setMaxWait(config.timeout());
    this.jedis = new JedisPooled(new HostAndPort(config.host(), config.port()), client, pool);
  }

  /** {@code host:port}. */
  String address() {
    return address;
  }

  /** Runs {@code command}, translating connection failures. */
  <T> T call(Function<UnifiedJedis, T> command) {
    try {
      return command.apply(jedis);
    } catch (JedisAccessControlException e) {
      throw unavailable(e);
    } catch (JedisDataException e) {
      throw e;
    } catch (JedisException e) {
      throw unavailable(e);
    }
  }

  private ServiceUnavailableException unavailable(Exception cause) {
    return new ServiceUnavailableException("Redis unavailable at " + address, cause);
  }

  @Override
  public void close() {
    jedis.close();
  }
}
