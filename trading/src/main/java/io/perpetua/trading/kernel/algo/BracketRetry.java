package io.perpetua.trading.kernel.algo;

import io.perpetua.core.Quantity;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a {@link BracketOrder}'s market exit leg that the risk engine or the venue rejected, so a
 * position is not left without an exit: the leg goes out again at the bracket's next trade under a
 * new leg name ({@code sl}, then {@code sl.2}, {@code sl.3}: each name once, so each retry has its
 * own deterministic client order id), for what is still to close, at most {@link
 * #MAX_EXIT_ATTEMPTS} orders per leg. Then the leg is given up (logged as an error; the bracket
 * keeps its position and still reacts to later steps such as a flatten). The pending retry is part
 * of the bracket's checkpointed state ({@link BracketCodec}); every attempt is a kernel order and
 * so in the journal. Stateless.
 */
final class BracketRetry {
  /** Orders per market exit leg: the first and two retries. */
  static final int MAX_EXIT_ATTEMPTS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(BracketRetry.class);
  private static final Set<String> MARKET_EXITS =
      Set.of("sl", "sl-be", "flatten", "timeout-mkt", "tp1-mkt", "tp2-mkt");

  private BracketRetry() {}

  /** The leg name without its attempt suffix ({@code sl.2} → {@code sl}). */
  static String base(String leg) {
    int dot = leg.lastIndexOf('.');
    return dot < 0 ? leg : leg.substring(0, dot);
  }

  /** The attempt a leg name stands for ({@code sl} → 1, {@code sl.2} → 2). */
  static int attempt(String leg) {
    int dot = leg.lastIndexOf('.');
    return dot < 0 ? 1 : Integer.parseInt(leg.substring(dot + 1));
  }

  /** Leg {@code leg} of {@code o} was rejected: schedules its retry when it is a market exit. */
  static void onExitRejected(BracketOrder o, String leg) {
    String base = base(leg);
    if (!MARKET_EXITS.contains(base) || o.closed()) {
      return;
    }
    int attempt = attempt(leg);
    if (attempt >= MAX_EXIT_ATTEMPTS) {
      o.retryLeg = "";
      LOG.error(
          "bracket {} {}: exit leg {} rejected {} times, given up with {} open",
          o.spec().strategy().value(),
          o.spec().key(),
          base,
          attempt,
          o.open());
      return;
    }
    o.retryLeg = base;
    o.retryAttempt = attempt;
  }

  /** Sends the pending retry (called on a trade, outside the lock). */
  static void resend(BracketOrder o) {
    String base = o.retryLeg;
    int next = o.retryAttempt + 1;
    o.retryLeg = "";
    o.dirty = true;
    Quantity q = o.open();
    if (base.startsWith("tp")) {
      if (o.phase != BracketOrder.Phase.ARMED) {
        return; // a later step (timeout, stop) closes the whole position
      }
      BracketLeg tp = o.legs.get(base.substring(0, 3));
      Quantity rest = tp.rest();
      for (BracketLeg l : o.legs.values()) {
        if (base(l.name).equals(base)) {
          rest = rest.minus(l.filled);
        }
      }
      q = rest.compareTo(q) <= 0 ? rest : q;
    }
    if (q.signum() > 0) {
      OrderSide side = o.spec().side() == OrderSide.BUY ? OrderSide.SELL : OrderSide.BUY;
      o.send(base + "." + next, side, OrderType.MARKET, q, null, true);
    }
  }

  /**
   * A leg name already used by {@code b} was about to be sent again: refused (a second order under
   * the same client order id would be a venue duplicate whose rejection could end the first one).
   * Logged as an error; returns false (nothing sent).
   */
  static boolean refuseReuse(BracketOrder b, String leg) {
    LOG.error(
        "bracket {} {}: leg {} was already sent as {}; not sent again",
        b.spec.strategy(),
        b.spec.key(),
        leg,
        b.idOf(leg));
    return false;
  }
}
