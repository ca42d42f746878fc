package io.perpetua.store.redis;

import io.perpetua.trading.port.BusRecord;
import io.perpetua.trading.port.EventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * An {@link EventBus} on Redis Streams: one stream per topic at {@code keyPrefix + topic} (default
 * prefix {@value #DEFAULT_PREFIX}), the payload in field {@value #FIELD}.
 *
 * <p>Commands: {@code XADD} to publish, {@code XGROUP CREATE <key> <group> 0 MKSTREAM} for groups,
 * {@code XREADGROUP ... >} for new messages and {@code XREADGROUP ... 0} for the consumer's pending
 * list, {@code XACK}, {@code XRANGE} with an exclusive start for replay, {@code XLEN}. A blocking
 * {@link #read} waits at most {@link #MAX_BLOCK} per call.
 *
 * <p>Thread-safe (pooled connections). Connection failures throw {@link
 * io.perpetua.trading.port.ServiceUnavailableException} naming {@code host:port}; calls succeed
 * again once Redis is back. Reading with a group that does not exist throws {@link
 * IllegalStateException}.
 */
public final class RedisEventBus implements EventBus {
  /** The default stream key prefix. */
  public static final String DEFAULT_PREFIX = "quant:events:";

  /** The longest a single {@link #read} blocks. */
  public static final Duration MAX_BLOCK = Duration.ofSeconds(60);

  static final String FIELD = "payload";

  private final RedisConnection redis;
  private final String keyPrefix;

  /** A bus with the default key prefix. */
  public RedisEventBus(RedisConfig config) {
    this(config, DEFAULT_PREFIX);
  }

  /** A bus whose streams live at {@code keyPrefix + topic}. */
  public RedisEventBus(RedisConfig config, String keyPrefix) {
    this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    this.redis = new RedisConnection(config);
  }

  @Override
  public String publish(String topic, String payload) {
    String key = key(topic);
    Map<String, String> fields = Map.of(FIELD, Objects.requireNonNull(payload, "payload"));
    return redis.call(jedis -> jedis.xadd(key, XAddParams.xAddParams(), fields)).toString();
  }

  @Override
  public void createGroup(String topic, String group) {
    String key = key(topic);
    Objects.requireNonNull(group, "group");
    try {
      redis.call(jedis -> jedis.xgroupCreate(key, group, new StreamEntryID(0, 0), true));
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
    }
  }

  @Override
  public List<BusRecord> read(
      String topic, String group, String consumer, int max, Duration block) {
    XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(positive(max));
    long blockMs =
        Math.min(Objects.requireNonNull(block, "block").toMillis(), MAX_BLOCK.toMillis());
    if (blockMs > 0) {
      params.block((int) blockMs);
    }
    return readGroup(topic, group, consumer, params, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
  }

  @Override
  public List<BusRecord> readPending(String topic, String group, String consumer, int max) {
    XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(positive(max));
    return readGroup(topic, group, consumer, params, new StreamEntryID(0, 0));
  }

  private List<BusRecord> readGroup(
      String topic, String group, String consumer, XReadGroupParams params, StreamEntryID from) {
    String key = key(topic);
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(consumer, "consumer");
    List<Map.Entry<String, List<StreamEntry>>> streams;
    try {
      streams = redis.call(jedis -> jedis.xreadGroup(group, consumer, params, Map.of(key, from)));
    } catch (JedisDataException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
        throw new IllegalStateException(
            "no consumer group '" + group + "' on topic '" + topic + "'", e);
      }
      throw e;
    }
    List<BusRecord> records = new ArrayList<>();
    if (streams != null) {
      for (Map.Entry<String, List<StreamEntry>> stream : streams) {
        stream.getValue().forEach(entry -> addRecord(records, entry));
      }
    }
    return records;
  }

  @Override
  public void ack(String topic, String group, String id) {
    String key = key(topic);
    Objects.requireNonNull(group, "group");
    StreamEntryID entryId = parseId(id);
    redis.call(jedis -> jedis.xack(key, group, entryId));
  }

  @Override
  public List<BusRecord> range(String topic, String afterId, int max) {
    String key = key(topic);
    int count = positive(max);
    String start = "0".equals(afterId) ? "-" : "(" + parseId(afterId);
    List<StreamEntry> entries = redis.call(jedis -> jedis.xrange(key, start, "+", count));
    List<BusRecord> records = new ArrayList<>(entries.size());
    entries.forEach(entry -> addRecord(records, entry));
    return records;
  }

  @Override
  public long size(String topic) {
    String key = key(topic);
    return redis.call(jedis -> jedis.xlen(key));
  }

  @Override
  public void close() {
    redis.close();
  }

  private static void addRecord(List<BusRecord> records, StreamEntry entry) {
    // An entry trimmed from the stream while pending comes back without fields: nothing to deliver.
    Map<String, String> fields = entry.getFields();
    if (fields != null && fields.get(FIELD) != null) {
      records.add(new BusRecord(entry.getID().toString(), fields.get(FIELD)));
    }
  }

  private String key(String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    return keyPrefix + topic;
  }

  private static StreamEntryID parseId(String id) {
    if (id == null || !id.matches("\\d{1,19}-\\d{1,19}")) {
      throw new IllegalArgumentException("invalid bus id '" + id + "': expected <ms>-<seq>");
    }
    return new StreamEntryID(id);
  }

  private static int positive(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive, was " + max);
    }
    return max;
  }
}
