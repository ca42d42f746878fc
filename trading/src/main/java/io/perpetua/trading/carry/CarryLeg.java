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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Set;

/**
 * One leg of a carry (spot or perp): its instrument, its order path and, for the phase in progress,
 * the quantity to trade, what has filled and the order working. Quantities are fixed point at the
 * instrument's quantity scale. Not thread-safe (the carry's thread).
 */
final class CarryLeg {
  final String name;
  final Instrument instrument;
  final OrderGateway gateway;

  /** Signed position held on the venue (spot: ≥ 0; perp short: ≤ 0). */
  Quantity position;

  /** Quantity to trade in the phase in progress, and its side. */
  Quantity target;

  OrderSide side;
  Quantity filled;
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
    this.position = zero();
    this.target = zero();
    this.filled = zero();
  }

  /** Zero at this leg's quantity scale. */
  Quantity zero() {
    return Quantity.zero(instrument.quantityScale());
  }

  /** {@code q} at this leg's quantity scale (exact; a finer quantity is refused). */
  Quantity scaled(Quantity q) {
    if (q.scale() == instrument.quantityScale()) {
      return q;
    }
    try {
      return Quantity.of(
          q.toBigDecimal().setScale(instrument.quantityScale(), RoundingMode.UNNECESSARY),
          instrument.quantityScale());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          name + " quantity " + q + " is finer than the instrument's step scale", e);
    }
  }

  /** Starts a phase: trade {@code quantity} on {@code side}. */
  void begin(String phase, OrderSide side, Quantity quantity) {
    this.phase = phase;
    this.side = side;
    this.target = scaled(quantity);
    this.filled = zero();
    this.attempt = 0;
    this.working = null;
    this.cancelRequested = false;
    this.resubmit = false;
  }

  boolean done() {
    return filled.compareTo(target) >= 0;
  }

  Quantity remaining() {
    return done() ? zero() : target.minus(filled);
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
  void submit(Price reference, double slippage, StrategyId strategy, long now) {
    gateway.submit(
        new Order(
            working,
            instrument.id(),
            side,
            OrderType.LIMIT,
            remaining(),
            limit(reference, slippage),
            false,
            strategy,
            null,
            now));
  }

  /**
   * The limit price: the reference moved by {@code slippage}, rounded inwards to the tick (buy:
   * down, sell: up), in exact decimal arithmetic.
   */
  Price limit(Price reference, double slippage) {
    Price tick = instrument.tickSize();
    BigDecimal factor =
        BigDecimal.ONE.add(BigDecimal.valueOf(side == OrderSide.BUY ? slippage : -slippage));
    BigDecimal ticks =
        reference.toBigDecimal().multiply(factor).divide(tick.toBigDecimal(), 0, inwards());
    return Price.of(ticks.multiply(tick.toBigDecimal()), tick.scale());
  }

  private RoundingMode inwards() {
    return side == OrderSide.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING;
  }

  /** {@code |spot + perp| / max(|spot|, |perp|)}: 0 when hedged exactly or flat. */
  static double deviation(Quantity spot, Quantity perp) {
    BigDecimal s = spot.toBigDecimal();
    BigDecimal p = perp.toBigDecimal();
    BigDecimal base = s.abs().max(p.abs());
    return base.signum() == 0 ? 0 : s.add(p).abs().doubleValue() / base.doubleValue();
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
  void reconcile(Quantity venuePosition, Set<ClientOrderId> open, boolean active) {
    Quantity v = scaled(venuePosition);
    if (active) {
      filled = filled.plus(v.minus(position).abs());
    }
    position = v;
    if (working != null && (!open.contains(working) || done())) {
      working = null;
    }
  }

  /** Cancels the working order, if any, and forgets it. */
  void cancelWorking() {
    if (working != null) {
      gateway.cancel(working);
      working = null;
    }
  }

  /** A fill of {@code quantity} (already matched to this leg). */
  void fill(Quantity quantity) {
    Quantity q = scaled(quantity);
    filled = filled.plus(q);
    position = position.plus(side == OrderSide.BUY ? q : q.negate());
    if (done()) {
      working = null;
    }
  }

  void export(Map<String, String> out, String key) {
    out.put(key + "position", position.toString());
    out.put(key + "target", target.toString());
    out.put(key + "side", side == null ? "" : side.name());
    out.put(key + "filled", filled.toString());
    out.put(key + "attempt", Integer.toString(attempt));
    out.put(key + "working", working == null ? "" : working.value());
    out.put(key + "phase", phase);
  }

  void restore(Map<String, String> in, String key) {
    int scale = instrument.quantityScale();
    position = Quantity.parse(in.getOrDefault(key + "position", "0"), scale);
    target = Quantity.parse(in.getOrDefault(key + "target", "0"), scale);
    String s = in.getOrDefault(key + "side", "");
    side = s.isEmpty() ? null : OrderSide.valueOf(s);
    filled = Quantity.parse(in.getOrDefault(key + "filled", "0"), scale);
    attempt = Integer.parseInt(in.getOrDefault(key + "attempt", "0"));
    String w = in.getOrDefault(key + "working", "");
    working = w.isEmpty() ? null : new ClientOrderId(w);
    phase = in.getOrDefault(key + "phase", "");
  }
}
