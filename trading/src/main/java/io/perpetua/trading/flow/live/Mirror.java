package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.trading.flow.StrategyKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The live counterpart of one paper position: its entry order, what the venue filled of it, the
 * share the paper position still holds, and its exit orders. Guarded by the executor's lock.
 */
final class Mirror {
  final String id;
  final StrategyKey key;
  final FlowDirection direction;
  final Map<FlowLiveLeg, Integer> attempts = new EnumMap<>(FlowLiveLeg.class);
  final List<ClientOrderId> exits = new ArrayList<>();
  ClientOrderId entryId;
  BigDecimal entryFilled = BigDecimal.ZERO;
  BigDecimal exitFilled = BigDecimal.ZERO;
  double entryNotional;
  double exitNotional;
  double fees;

  /** The paper position's remaining share of its quantity (1, ½ after TP1, 0 once closed). */
  double fraction = 1;

  boolean paperClosed;
  double tp1Price = Double.NaN;
  double exitPrice = Double.NaN;
  boolean cancelRequested;

  /** A TP1/exit attempt failed: the next one waits for the next venue probe. */
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
