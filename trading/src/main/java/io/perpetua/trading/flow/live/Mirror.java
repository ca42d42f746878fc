package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.StrategyKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live counterpart of one paper position: its entry order, what the venue filled of it, its
 * exit legs (TP1 and TP2 halves, the timeout exit) and exit orders, and what the paper engine has
 * decided so far. Guarded by the executor's lock.
 */
final class Mirror {
  final String id;
  final StrategyKey key;
  final FlowDirection direction;

  /** Orders used per order name ({@code tp1-mkt}, {@code exit}, ...): retries count here. */
  final Map<String, Integer> attempts = new HashMap<>();

  /** Every exit order (limits and markets), in the order sent. */
  final List<ClientOrderId> exits = new ArrayList<>();

  final RestingLeg tp1 = new RestingLeg(FlowLiveLeg.TP1);
  final RestingLeg tp2 = new RestingLeg(FlowLiveLeg.TP2);
  final RestingLeg timeout = new RestingLeg(FlowLiveLeg.TIMEOUT);

  /** Venue-confirmed fills per exit leg (limit and market orders of the leg together). */
  final Map<FlowLiveLeg, BigDecimal> legFilled = new EnumMap<>(FlowLiveLeg.class);

  ClientOrderId entryId;
  BigDecimal entryFilled = BigDecimal.ZERO;
  BigDecimal exitFilled = BigDecimal.ZERO;
  double entryNotional;
  double exitNotional;
  double fees;

  /** The TP halves were sized from the entry's fills (once the entry order ended). */
  boolean legsPlanned;

  boolean paperClosed;

  /** The paper trade's closing status (null while it is open). */
  FlowTradeStatus closeStatus;

  double tp1Price = Double.NaN;
  double exitPrice = Double.NaN;

  /** The entry was cancelled because the paper trade closed before it ended. */
  boolean cancelRequested;

  /** A market exit attempt failed: the next one waits for the next venue probe. */
  boolean retryBlocked;

  boolean reported;
  String givenUp;

  Mirror(String id, StrategyKey key, FlowDirection direction) {
    this.id = id;
    this.key = key;
    this.direction = direction;
  }

  /** What the venue still holds of this position. */
  BigDecimal open() {
    return entryFilled.subtract(exitFilled);
  }

  /** The TP legs, TP1 first. */
  List<RestingLeg> tps() {
    return List.of(tp1, tp2);
  }

  /** The venue-confirmed fills of {@code leg}'s orders. */
  BigDecimal filled(FlowLiveLeg leg) {
    return legFilled.getOrDefault(leg, BigDecimal.ZERO);
  }

  /** The round trip's net pnl (exits against the average entry, minus every fee). */
  double netPnl() {
    double exited = exitFilled.doubleValue();
    if (exited <= 0 || entryFilled.signum() <= 0) {
      return -fees;
    }
    double entry = entryNotional / entryFilled.doubleValue();
    return direction.sign() * (exitNotional - entry * exited) - fees;
  }
}
