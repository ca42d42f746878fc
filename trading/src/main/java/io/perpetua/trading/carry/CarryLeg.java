package io.perpetua.trading.carry;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.trading.kernel.algo.OrderGateway;
import java.util.Map;

/**
 * One leg of a carry (spot or perp): its instrument, its order path and, for the phase in progress,
 * the quantity to trade, what has filled and the order working. Quantities are raw fixed-point
 * values at the instrument's quantity scale. Not thread-safe (the carry's thread).
 */
final class CarryLeg {
  final String name;
  final Instrument instrument;
  final OrderGateway gateway;

  /** Signed position held on the venue (spot: ≥ 0; perp short: ≤ 0). */
  long position;

  /** Quantity to trade in the phase in progress, and its side. */
  long target;

  OrderSide side;
  long filled;
  int attempt;
  ClientOrderId working;
  long sentAtMs;
  boolean cancelRequested;
  boolean resubmit;
  String phase = "";

  CarryLeg(String name, Instrument instrument, OrderGateway gateway) {
    this.name = name;
    this.instrument = instrument;
    this.gateway = gateway;
  }

  /** Starts a phase: trade {@code quantity} on {@code side}. */
  void begin(String phase, OrderSide side, long quantity) {
    this.phase = phase;
    this.side = side;
    this.target = quantity;
    this.filled = 0;
    this.attempt = 0;
    this.working = null;
    this.cancelRequested = false;
    this.resubmit = false;
  }

  boolean done() {
    return filled >= target;
  }

  long remaining() {
    return Math.max(0, target - filled);
  }

  /** The id head of the orders of {@code phase} of carry {@code id}, cycle {@code cycle}. */
  static String head(String id, int cycle, String phase) {
    return "carry-" + id + "-" + cycle + "-" + phase + "-";
  }

  /** The id prefix of this leg's orders in {@code phase} of carry {@code id}, cycle {@code c}. */
  static String prefix(String id, int cycle, String phase, String leg) {
    return head(id, cycle, phase) + leg + "-";
  }

  /** Names the next attempt for what remains: a deterministic client id under {@code prefix}. */
  void prepare(String prefix, long now) {
    attempt++;
    working = new ClientOrderId(prefix + attempt);
    sentAtMs = now;
    cancelRequested = false;
    resubmit = false;
  }

  /**
   * Sends the prepared attempt as a limit at most {@code slippage} through {@code reference} (buy:
   * above the ask, sell: below the bid).
   */
  void submit(double reference, double slippage, StrategyId strategy, long now) {
    gateway.submit(
        new Order(
            working,
            instrument.id(),
            side,
            OrderType.LIMIT,
            new Quantity(remaining(), instrument.quantityScale()),
            limit(reference, slippage),
            false,
            strategy,
            null,
            now));
  }

  /** The limit price: the reference moved by {@code slippage}, rounded inwards to the tick. */
  Price limit(double reference, double slippage) {
    long tick = instrument.tickSize().raw();
    int scale = instrument.priceScale();
    double ticks = reference * Math.pow(10, scale) / tick;
    long raw =
        side == OrderSide.BUY
            ? (long) Math.floor(ticks * (1 + slippage) + 1e-9) * tick
            : (long) Math.ceil(ticks * (1 - slippage) - 1e-9) * tick;
    return new Price(raw, scale);
  }

  /** {@code |spot + perp| / max(|spot|, |perp|)}: 0 when hedged exactly or flat. */
  static double deviation(long spot, long perp) {
    long base = Math.max(Math.abs(spot), Math.abs(perp));
    return base == 0 ? 0 : Math.abs(spot + perp) / (double) base;
  }

  /**
   * Whether {@code order} is one of this leg's orders under {@code head} ({@code carry-id-c-p-}).
   */
  boolean owns(ClientOrderId order, String head) {
    return order.value().startsWith(head + name + "-");
  }

  /**
   * Takes the venue's position as the truth; in an {@code active} phase the difference counts as
   * filled. An order the venue no longer has open is forgotten.
   */
  void reconcile(long venuePosition, java.util.Set<ClientOrderId> open, boolean active) {
    if (active) {
      filled += Math.abs(venuePosition - position);
    }
    position = venuePosition;
    if (working != null && (!open.contains(working) || done())) {
      working = null;
    }
  }

  /** A fill of {@code quantity} raw units (already matched to this leg). */
  void fill(long quantity) {
    filled += quantity;
    position += side == OrderSide.BUY ? quantity : -quantity;
    if (done()) {
      working = null;
    }
  }

  void export(Map<String, String> out, String key) {
    out.put(key + "position", Long.toString(position));
    out.put(key + "target", Long.toString(target));
    out.put(key + "side", side == null ? "" : side.name());
    out.put(key + "filled", Long.toString(filled));
    out.put(key + "attempt", Integer.toString(attempt));
    out.put(key + "working", working == null ? "" : working.value());
    out.put(key + "phase", phase);
  }

  void restore(Map<String, String> in, String key) {
    position = Long.parseLong(in.getOrDefault(key + "position", "0"));
    target = Long.parseLong(in.getOrDefault(key + "target", "0"));
    String s = in.getOrDefault(key + "side", "");
    side = s.isEmpty() ? null : OrderSide.valueOf(s);
    filled = Long.parseLong(in.getOrDefault(key + "filled", "0"));
    attempt = Integer.parseInt(in.getOrDefault(key + "attempt", "0"));
    String w = in.getOrDefault(key + "working", "");
    working = w.isEmpty() ? null : new ClientOrderId(w);
    phase = in.getOrDefault(key + "phase", "");
  }
}
