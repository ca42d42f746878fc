package io.perpetua.store.resilience;

import io.perpetua.store.memory.InMemoryStateCache;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.StateCache;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateCache} in front of a remote one (Redis) that never fails a write: every write lands
 * in a local mirror first and is then written through; while the remote is unreachable writes only
 * mark their keys pending, reads fall back to the mirror, and a background task retries every
 * {@code retryEvery}. When the remote answers again it gets the whole mirror (so a cache that came
 * back empty holds the current state again), and once a retry period the task checks that a key it
 * wrote is still there, republishing everything when the remote lost it without an error being seen
 * (a restart between two writes).
 *
 * <p>The mirror holds what this process wrote; keys other processes write are read from the remote
 * only while it is reachable. Writes to the remote keep their order per key and {@link #putAll}
 * stays atomic there. While the remote is unreachable no caller waits for it: only the background
 * task tries. Thread-safe.
 */
public final class WriteBehindStateCache implements StateCache {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBehindStateCache.class);

  private final StateCache remote;
  private final String name;
  private final LongSupplier clock;
  private final InMemoryStateCache mirror = new InMemoryStateCache();
  private final Set<String> pending = new LinkedHashSet<>(); // guarded by pending
  private final Object flushLock = new Object();
  private final RetryTask retry;
  private volatile long outageSinceMs;
  private volatile String lastError = "";
  private volatile long republished;

  /**
   * A cache writing behind {@code remote} (closed with this one), named {@code name} in logs,
   * retrying every {@code retryEvery} on the wall clock {@code clock}.
   */
  public WriteBehindStateCache(
      StateCache remote, String name, Duration retryEvery, LongSupplier clock) {
    this.remote = Objects.requireNonNull(remote, "remote");
    this.name = Objects.requireNonNull(name, "name");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = new RetryTask("state-cache-retry", retryEvery, this::maintain);
  }

  /**
   * Reads one remote key, letting its {@link ServiceUnavailableException} through: a start-up check
   * that the remote is reachable at all.
   */
  public void requireReachable(String probeKey) {
    remote.get(probeKey);
  }

  /** True while the remote answers. */
  public boolean reachable() {
    return outageSinceMs == 0;
  }

  /** Wall time the current outage began, 0 when the remote answers. */
  public long outageSinceMs() {
    return outageSinceMs;
  }

  /** Keys written locally and not yet on the remote. */
  public int pendingWrites() {
    synchronized (pending) {
      return pending.size();
    }
  }

  /** The last remote failure's message (empty before any). */
  public String lastError() {
    return lastError;
  }

  /** How often the whole mirror was republished (after an outage or a loss). */
  public long republished() {
    return republished;
  }

  @Override
  public Optional<String> get(String key) {
    return read(cache -> cache.get(key));
  }

  @Override
  public Map<String, String> scan(String prefix) {
    return read(cache -> cache.scan(prefix));
  }

  /** From the remote while it answers, else (degraded) from the mirror. */
  private <T> T read(Function<StateCache, T> query) {
    if (reachable()) {
      try {
        return query.apply(remote);
      } catch (ServiceUnavailableException e) {
        down(e);
      }
    }
    return query.apply(mirror);
  }

  @Override
  public void put(String key, String value) {
    mirror.put(key, value);
    written(Set.of(key));
  }

  @Override
  public void putAll(Map<String, String> entries) {
    mirror.putAll(entries);
    written(entries.keySet());
  }

  @Override
  public void delete(String key) {
    mirror.delete(key);
    written(Set.of(key));
  }

  private void written(Set<String> keys) {
    synchronized (pending) {
      pending.addAll(keys);
    }
    if (reachable()) {
      flushPending();
    }
  }

  /** Writes the pending keys' current mirror values to the remote, in one transaction. */
  private void flushPending() {
    synchronized (flushLock) {
      Set<String> keys;
      synchronized (pending) {
        keys = new LinkedHashSet<>(pending);
        pending.clear();
      }
      try {
        write(keys);
      } catch (ServiceUnavailableException e) {
        synchronized (pending) {
          pending.addAll(keys);
        }
        down(e);
      }
    }
  }

  private void write(Set<String> keys) {
    Map<String, String> puts = new LinkedHashMap<>();
    for (String key : keys) {
      Optional<String> value = mirror.get(key);
      if (value.isPresent()) {
        puts.put(key, value.get());
      } else {
        remote.delete(key);
      }
    }
    remote.putAll(puts);
  }

  /** The background task: after an outage, or when a written key vanished, republish all. */
  private void maintain() {
    try {
      if (!reachable()) {
        republish("back after " + (clock.getAsLong() - outageSinceMs) + " ms");
        return;
      }
      Map<String, String> all = mirror.scan("");
      String probe = null;
      synchronized (pending) {
        for (String key : all.keySet()) {
          if (!pending.contains(key)) {
            probe = key;
            break;
          }
        }
      }
      if (probe != null && remote.get(probe).isEmpty() && mirror.get(probe).isPresent()) {
        republish("lost " + probe + " (restarted empty?)");
      } else if (pendingWrites() > 0) {
        flushPending();
      }
    } catch (ServiceUnavailableException e) {
      down(e);
    } catch (RuntimeException e) {
      LOG.warn("{}: retry failed: {}", name, e.getMessage());
    }
  }

  private void republish(String why) {
    synchronized (flushLock) {
      Set<String> keys;
      synchronized (pending) {
        keys = new LinkedHashSet<>(pending);
        pending.clear();
      }
      keys.addAll(mirror.scan("").keySet());
      try {
        write(keys);
      } catch (ServiceUnavailableException e) {
        synchronized (pending) {
          pending.addAll(keys);
        }
        throw e;
      }
      republished++;
      outageSinceMs = 0;
      LOG.info("{}: {}; republished {} keys", name, why, keys.size());
    }
  }

  private void down(ServiceUnavailableException e) {
    lastError = e.getMessage();
    if (outageSinceMs == 0) {
      outageSinceMs = Math.max(1, clock.getAsLong());
      LOG.warn(
          "{} unavailable ({}): state kept locally, republished when it returns",
          name,
          e.getMessage());
    }
  }

  @Override
  public void close() {
    retry.close();
    remote.close();
    mirror.close();
  }
}
