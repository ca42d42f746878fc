package io.perpetua.store.memory;

import io.perpetua.trading.port.BusRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One topic of the {@link InProcessEventBus}: an append-only list of messages and its consumer
 * groups.
 *
 * <p>Invariants: message ids strictly increase with the list index; a group's {@code next} index
 * only grows; a message index is in a group's pending map from delivery until acknowledged. All
 * state is guarded by one lock; readers waiting for messages wait on its {@code appended}
 * condition, which {@link #append} and {@link #wakeAll} signal.
 */
final class MemoryTopic {
  /** A consumer group: the next undelivered index and the pending index → consumer map. */
  private static final class Group {
    private int next;
    private final TreeMap<Integer, String> pending = new TreeMap<>();
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private final List<StreamId> ids = new ArrayList<>();
  private final List<String> payloads = new ArrayList<>();
  private final Map<String, Group> groups = new HashMap<>();
  private StreamId last = StreamId.ZERO;

  String append(String payload, LongSupplier clockMs) {
    lock.lock();
    try {
      last = last.next(clockMs.getAsLong());
      ids.add(last);
      payloads.add(payload);
      appended.signalAll();
      return last.toString();
    } finally {
      lock.unlock();
    }
  }

  void createGroup(String group) {
    lock.lock();
    try {
      groups.putIfAbsent(group, new Group());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Delivers up to {@code max} new messages to {@code consumer}, waiting up to {@code blockNanos}
   * for one to arrive; returns early (possibly empty) when {@code closed} reports true after a
   * wake-up or the thread is interrupted (its flag stays set).
   */
  List<BusRecord> read(
      String group, String consumer, int max, long blockNanos, BooleanSupplier closed) {
    lock.lock();
    try {
      Group g = group(group);
      long remaining = blockNanos;
      while (g.next >= ids.size() && remaining > 0 && !closed.getAsBoolean()) {
        remaining = appended.awaitNanos(remaining);
      }
      List<BusRecord> out = new ArrayList<>();
      while (g.next < ids.size() && out.size() < max) {
        g.pending.put(g.next, consumer);
        out.add(record(g.next));
        g.next++;
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      lock.unlock();
    }
  }

  List<BusRecord> readPending(String group, String consumer, int max) {
    lock.lock();
    try {
      List<BusRecord> out = new ArrayList<>();
      for (Map.Entry<Integer, String> p : group(group).pending.entrySet()) {
        if (out.size() == max) {
          break;
        }
        if (p.getValue().equals(consumer)) {
          out.add(record(p.getKey()));
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  void ack(String group, StreamId id) {
    lock.lock();
    try {
      Group g = groups.get(group);
      int index = Collections.binarySearch(ids, id);
      if (g != null && index >= 0) {
        g.pending.remove(index);
      }
    } finally {
      lock.unlock();
    }
  }

  List<BusRecord> range(StreamId after, int max) {
    lock.lock();
    try {
      int index = Collections.binarySearch(ids, after);
      int from = index >= 0 ? index + 1 : -index - 1;
      List<BusRecord> out = new ArrayList<>();
      for (int i = from; i < ids.size() && out.size() < max; i++) {
        out.add(record(i));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  long size() {
    lock.lock();
    try {
      return ids.size();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every blocked reader (used on close). */
  void wakeAll() {
    lock.lock();
    try {
      appended.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private Group group(String group) {
    Group g = groups.get(group);
    if (g == null) {
      throw new IllegalStateException("no consumer group '" + group + "'");
    }
    return g;
  }

  private BusRecord record(int index) {
    return new BusRecord(ids.get(index).toString(), payloads.get(index));
  }
}
