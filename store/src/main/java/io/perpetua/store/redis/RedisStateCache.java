package io.perpetua.store.redis;

import io.perpetua.trading.port.StateCache;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A {@link StateCache} on Redis string keys: {@code GET}, {@code SET}, {@code MULTI/EXEC} for
 * {@link #putAll}, {@code DEL}, and {@code SCAN MATCH prefix* } + {@code MGET} for {@link #scan}.
 *
 * <p>Every cache key is stored under {@code keyPrefix + key}; the default prefix is empty, so the
 * platform's {@code quant:*} keys appear as-is (tests use a unique prefix). {@link #scan} collects
 * the matching keys first and reads them with {@code MGET} in batches of {@value #MGET_BATCH}, so a
 * scan of up to that many keys sees each {@link #putAll} entirely or not at all.
 *
 * <p>Thread-safe. Connection failures throw {@link
 * io.perpetua.trading.port.ServiceUnavailableException} naming {@code host:port}; calls succeed
 * again once Redis is back.
 */
public final class RedisStateCache implements StateCache {
  private static final int SCAN_COUNT = 500;
  private static final int MGET_BATCH = 1_000;

  private final RedisConnection redis;
  private final String keyPrefix;

  /** A cache whose keys are stored unprefixed. */
  public RedisStateCache(RedisConfig config) {
    this(config, "");
  }

  /** A cache that stores every key under {@code keyPrefix + key}. */
  public RedisStateCache(RedisConfig config, String keyPrefix) {
    this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    this.redis = new RedisConnection(config);
  }

  @Override
  public Optional<String> get(String key) {
    String redisKey = redisKey(key);
    return Optional.ofNullable(redis.call(jedis -> jedis.get(redisKey)));
  }

  @Override
  public void put(String key, String value) {
    String redisKey = redisKey(key);
    Objects.requireNonNull(value, "value");
    redis.call(jedis -> jedis.set(redisKey, value));
  }

  @Override
  public void putAll(Map<String, String> entries) {
    Map<String, String> byRedisKey = new TreeMap<>();
    entries.forEach(
        (key, value) -> byRedisKey.put(redisKey(key), Objects.requireNonNull(value, "value")));
    if (byRedisKey.isEmpty()) {
      return;
    }
    redis.call(
        jedis -> {
          try (AbstractTransaction tx = jedis.multi()) {
            byRedisKey.forEach(tx::set);
            return tx.exec();
          }
        });
  }

  @Override
  public void delete(String key) {
    String redisKey = redisKey(key);
    redis.call(jedis -> jedis.del(redisKey));
  }

  @Override
  public Map<String, String> scan(String prefix) {
    String pattern = RedisPatterns.escapeGlob(keyPrefix + Objects.requireNonNull(prefix)) + "*";
    List<String> keys = new ArrayList<>(scanKeys(pattern));
    SortedMap<String, String> result = new TreeMap<>();
    for (int from = 0; from < keys.size(); from += MGET_BATCH) {
      String[] batch =
          keys.subList(from, Math.min(keys.size(), from + MGET_BATCH)).toArray(String[]::new);
      List<String> values = redis.call(jedis -> jedis.mget(batch));
      for (int i = 0; i < batch.length; i++) {
        if (values.get(i) != null) {
          result.put(batch[i].substring(keyPrefix.length()), values.get(i));
        }
      }
    }
    return result;
  }

  private Set<String> scanKeys(String pattern) {
    ScanParams params = new ScanParams().match(pattern).count(SCAN_COUNT);
    Set<String> keys = new LinkedHashSet<>(); // SCAN may return a key more than once
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      String current = cursor;
      ScanResult<String> page = redis.call(jedis -> jedis.scan(current, params));
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    return keys;
  }

  private String redisKey(String key) {
    return keyPrefix + Objects.requireNonNull(key, "key");
  }

  @Override
  public void close() {
    redis.close();
  }
}
