package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batched writes of raw order-flow ticks (spec §1 "batch writes, e.g. 200 rows or 1 s"): ticks are
 * queued and written to the {@link FlowTickStore} by a thread of their own when {@code maxRows} are
 * queued or {@code maxDelayMs} after the oldest queued one, with the meta of the symbols the batch
 * touches in the same transaction, so the stored last agg id (the catch-up point after a restart)
 * never runs ahead of the stored trades. A failed write is logged and retried with the next batch;
 * when more than {@code maxPending} rows wait (the store is down for long), the oldest are dropped
 * and counted ({@link #dropped()}) — they stay available at the venue for the catch-up.
 *
 * <p>Thread-safe.
 */
public final class BatchedTickWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchedTickWriter.class);

  private final FlowTickStore store;
  private final int maxRows;
  private final long maxDelayMs;
  private final int maxPending;
  private final Map<InstrumentId, FlowTickMeta> meta = new HashMap<>();
  private final Map<InstrumentId, FlowTickMeta> dirty = new LinkedHashMap<>();
  private List<FlowTick> pending = new ArrayList<>();
  private long oldestQueuedMs;
  private long written;
  private long batches;
  private long failures;
  private long dropped;
  private int inFlight; // ticks taken by the writer thread and not stored (or put back) yet
  private boolean closed;
  private final Thread thread;

  /**
   * A writer to {@code store}, starting from its stored meta.
   *
   * @param tickSizes the venue's tick size per instrument, recorded in the meta (may miss some)
   */
  public BatchedTickWriter(
      FlowTickStore store, int maxRows, long maxDelayMs, Map<InstrumentId, BigDecimal> tickSizes) {
    if (maxRows < 1 || maxDelayMs < 1) {
      throw new IllegalArgumentException("maxRows and maxDelayMs must be positive");
    }
    this.store = store;
    this.maxRows = maxRows;
    this.maxDelayMs = maxDelayMs;
    this.maxPending = Math.max(100_000, maxRows * 100);
    meta.putAll(store.meta());
    tickSizes.forEach(
        (id, size) -> {
          FlowTickMeta m = meta.getOrDefault(id, FlowTickMeta.empty(id, size)).withTickSize(size);
          meta.put(id, m);
          dirty.put(id, m);
        });
    this.thread = new Thread(this::run, "flow-tick-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** The meta as stored at start, or as it will be once the queued ticks are written. */
  public synchronized Map<InstrumentId, FlowTickMeta> meta() {
    return Map.copyOf(meta);
  }

  /** Queues one tick. */
  public synchronized void add(FlowTick tick) {
    if (closed) {
      throw new IllegalStateException("writer closed");
    }
    if (pending.isEmpty()) {
      oldestQueuedMs = System.currentTimeMillis();
    }
    pending.add(tick);
    InstrumentId id = tick.instrument();
    FlowTickMeta m = meta.getOrDefault(id, FlowTickMeta.empty(id, null)).with(tick);
    meta.put(id, m);
    dirty.put(id, m);
    if (pending.size() > maxPending) {
      int drop = pending.size() - maxPending;
      pending = new ArrayList<>(pending.subList(drop, pending.size()));
      dropped += drop;
    }
    if (pending.size() >= maxRows) {
      notifyAll();
    }
  }

  private void run() {
    while (true) {
      List<FlowTick> batch;
      List<FlowTickMeta> metas;
      synchronized (this) {
        try {
          while (!closed && !due()) {
            long wait =
                pending.isEmpty()
                    ? maxDelayMs
                    : Math.max(1, oldestQueuedMs + maxDelayMs - System.currentTimeMillis());
            wait(wait);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (closed && pending.isEmpty() && dirty.isEmpty()) {
          notifyAll();
          return;
        }
        batch = pending;
        metas = List.copyOf(dirty.values());
        pending = new ArrayList<>();
        dirty.clear();
        inFlight = batch.size() + metas.size();
      }
      write(batch, metas);
    }
  }

  private boolean due() {
    return pending.size() >= maxRows
        || (!pending.isEmpty() && System.currentTimeMillis() - oldestQueuedMs >= maxDelayMs)
        || (pending.isEmpty() && !dirty.isEmpty());
  }

  private void write(List<FlowTick> batch, List<FlowTickMeta> metas) {
    try {
      store.append(batch, metas);
      synchronized (this) {
        written += batch.size();
        batches++;
        inFlight = 0;
        notifyAll();
      }
    } catch (RuntimeException e) {
      LOG.warn("flow ticks: a batch of {} not stored ({}); retried", batch.size(), e.getMessage());
      synchronized (this) {
        failures++;
        inFlight = 0;
        List<FlowTick> back = new ArrayList<>(batch);
        back.addAll(pending);
        pending = back;
        for (FlowTickMeta m : metas) {
          dirty.putIfAbsent(m.instrument(), meta.get(m.instrument()));
        }
        if (!closed) {
          try {
            wait(maxDelayMs); // do not spin on a store that is down
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
          }
        } else {
          dropped += pending.size();
          pending.clear();
          dirty.clear();
        }
      }
    }
  }

  /** Waits up to {@code timeoutMs} until every queued tick is stored; true when it is. */
  public synchronized boolean flush(long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    oldestQueuedMs = Long.MIN_VALUE / 2; // due now
    notifyAll();
    while (!pending.isEmpty() || !dirty.isEmpty() || inFlight > 0) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** Ticks stored so far. */
  public synchronized long written() {
    return written;
  }

  /** Batches stored so far. */
  public synchronized long batches() {
    return batches;
  }

  /** Failed batch writes so far. */
  public synchronized long failures() {
    return failures;
  }

  /** Ticks dropped unstored (queue over its limit, or the store down at close). */
  public synchronized long dropped() {
    return dropped;
  }

  /** Writes what is queued (one last attempt) and stops. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
