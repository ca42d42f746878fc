package io.perpetua.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.Services;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Shared helpers of the Redis integration tests: a unique key prefix per test and clean-up. */
final class RedisTestSupport {
  static final String HOST = "127.0.0.1";
  static final int PORT = 6379;

  private RedisTestSupport() {}

  /** Skips (or, in CI, fails) when Redis is not running. */
  static RedisConfig requireRedis() {
    Services.requireRedis();
    return RedisConfig.of(HOST, PORT);
  }

  /** A key prefix no other test uses. */
  static String uniquePrefix() {
    return "it:" + UUID.randomUUID() + ":";
  }

  /** Deletes every key starting with {@code prefix}. */
  static void deleteKeys(String prefix) {
    try (Jedis jedis = new Jedis(HOST, PORT)) {
      ScanParams params = new ScanParams().match(RedisPatterns.escapeGlob(prefix) + "*").count(500);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, params);
        if (!page.getResult().isEmpty()) {
          jedis.del(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }
  }

  /** Number of keys starting with {@code prefix}. */
  static long countKeys(String prefix) {
    try (Jedis jedis = new Jedis(HOST, PORT)) {
      return jedis.keys(RedisPatterns.escapeGlob(prefix) + "*").size();
    }
  }

  /** Returns once some client is blocked in XREADGROUP (seen in {@code CLIENT LIST}). */
  static void awaitBlockedXreadgroup() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Jedis jedis = new Jedis(HOST, PORT)) {
      while (!jedis.clientList().lines().anyMatch(RedisTestSupport::isBlockedRead)) {
        assertThat(System.nanoTime()).as("reader blocked within 10 s").isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
  }

  private static boolean isBlockedRead(String clientLine) {
    return clientLine.contains("cmd=xreadgroup") && clientLine.matches(".*\\bflags=[A-Za-z]*b.*");
  }
}
