package io.perpetua.venue.binance;

import io.perpetua.market.tick.FlowTick;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The reorder window of the live trades, per symbol: while a hole in the agg ids is open (the
 * stream's gap fill failed), the trades above it are held instead of being passed on, so that the
 * back-fill of the hole and the held trades reach the sink together in agg-id order — the rolling
 * state then sees every trade once, in id order, and the engine's {@code TickValidator} accepts
 * them. A symbol's trades are held at most {@code windowMs}: then they are released in id order
 * anyway (the engine must not stall on an unreachable venue), and the hole's trades the continuity
 * check fetches later are below what the sink already has: they go to the late sink (stored, never
 * reaching the rolling state out of order) and are counted in {@link #late()}.
 *
 * <p>{@link #offer} only buffers; {@link #release} passes on what is no longer blocked, so a caller
 * offers a whole back-filled batch before releasing. Not thread-safe: {@link LiveFlowTicks} calls
 * it under its lock.
 */
final class AggIdReorder {
  private final Consumer<FlowTick> sink;
  private final Consumer<FlowTick> lateSink;
  private final long windowMs;
  private final Map<String, TreeMap<Long, FlowTick>> held = new HashMap<>();
  private final Map<String, Long> heldSinceMs = new HashMap<>();
  private final Map<String, Long> released = new HashMap<>();
  private long late;

  /**
   * A window of {@code windowMs} (positive) in front of {@code sink}; trades that come after the
   * window gave up on them go to {@code lateSink}.
   */
  AggIdReorder(Consumer<FlowTick> sink, Consumer<FlowTick> lateSink, long windowMs) {
    if (windowMs <= 0) {
      throw new IllegalArgumentException("reorder_window_ms must be positive: " + windowMs);
    }
    this.sink = sink;
    this.lateSink = lateSink;
    this.windowMs = windowMs;
  }

  /**
   * A streamed trade: passed on at once when nothing of {@code symbol} is held and no open hole
   * ({@code holes}, may be null) lies below it (the usual case: no buffering), else offered and
   * released.
   */
  void onStreamed(
      String symbol, long id, FlowTick tick, NavigableMap<Long, Long> holes, long nowMs) {
    if ((holes == null || holes.isEmpty()) && !heldSinceMs.containsKey(symbol)) {
      Long last = released.get(symbol);
      if (last == null || id > last) {
        released.put(symbol, id);
        sink.accept(tick);
        return;
      }
    }
    offer(symbol, id, tick, nowMs);
    release(symbol, holes);
  }

  /**
   * Buffers the trade {@code id} of {@code symbol} (deduped by the caller); one at or below the id
   * the sink last got goes to the late sink at once.
   */
  void offer(String symbol, long id, FlowTick tick, long nowMs) {
    Long last = released.get(symbol);
    if (last != null && id <= last) {
      late++;
      lateSink.accept(tick);
      return;
    }
    held.computeIfAbsent(symbol, k -> new TreeMap<>()).put(id, tick);
    heldSinceMs.putIfAbsent(symbol, nowMs);
  }

  /**
   * Passes on, in id order, the held trades of {@code symbol} below the first open hole above what
   * the sink already has ({@code holes}: from → to, may be null).
   */
  void release(String symbol, NavigableMap<Long, Long> holes) {
    TreeMap<Long, FlowTick> h = held.get(symbol);
    if (h == null || h.isEmpty()) {
      return;
    }
    long limit = Long.MAX_VALUE;
    if (holes != null) {
      Long last = released.get(symbol);
      Map.Entry<Long, Long> blocking = last == null ? holes.firstEntry() : holes.higherEntry(last);
      limit = blocking == null ? Long.MAX_VALUE : blocking.getKey();
    }
    while (!h.isEmpty() && h.firstKey() < limit) {
      pass(symbol, h.pollFirstEntry());
    }
    if (h.isEmpty()) {
      heldSinceMs.remove(symbol);
    }
  }

  /**
   * Releases, in id order, everything held longer than the window; returns the symbols released.
   */
  Map<String, Integer> expire(long nowMs) {
    Map<String, Integer> out = new HashMap<>();
    for (var e : Map.copyOf(heldSinceMs).entrySet()) {
      if (nowMs - e.getValue() >= windowMs) {
        TreeMap<Long, FlowTick> h = held.get(e.getKey());
        out.put(e.getKey(), h.size());
        while (!h.isEmpty()) {
          pass(e.getKey(), h.pollFirstEntry());
        }
        heldSinceMs.remove(e.getKey());
      }
    }
    return out;
  }

  private void pass(String symbol, Map.Entry<Long, FlowTick> e) {
    released.put(symbol, e.getKey());
    sink.accept(e.getValue());
  }

  /** True while some trades of {@code symbol} are held. */
  boolean holds(String symbol) {
    return heldSinceMs.containsKey(symbol);
  }

  /** Trades held now (all symbols). */
  int held() {
    int n = 0;
    for (TreeMap<Long, FlowTick> h : held.values()) {
      n += h.size();
    }
    return n;
  }

  /** Trades that arrived after the window had released higher ids (to the late sink). */
  long late() {
    return late;
  }
}
