package io.perpetua.trading.flow.live;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.order.OrderSide;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.trading.flow.FlowTradeStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Map;

/**
 * The exit side of the spec §4.1 execution state machine for the {@link FlowLiveExecutor}: what a
 * mirrored position asks of the venue once its entry has ended. Every step runs on the executor's
 * thread under its lock (the per-position lock of the spec: one thread owns every position's
 * state), and {@link #advance} is idempotent — called again with nothing new, it sends nothing.
 *
 * <p>With maker-first exits (on with maker-first entries):
 *
 * <ol>
 *   <li><b>TP1/TP2</b>: once the entry order has ended, its venue-confirmed fills are split in two
 *       halves (TP1 rounded toward zero to the step, TP2 the rest; a TP1 half below the venue's
 *       step or minimum notional goes whole on TP2, a TP2 below the minimum gets no limit) and each
 *       half rests as a reduce-only post-only limit at its paper level, on the tick that fills no
 *       later than the paper (a sell rounded down, a buy up). No limit is sent when the price is
 *       already at the level (the post-only order would be refused).
 *   <li><b>TP hit</b> (the paper engine closed a half): nothing if the venue filled its limit;
 *       otherwise after {@code tp_timeout_ms} (wall clock) the limit is cancelled and, once the
 *       venue confirms the cancel (and with it the filled part), the rest of the half goes at
 *       market. A half without a resting limit goes at market at once.
 *   <li><b>Stop, break-even stop, flip</b>: the TP limits are cancelled and, as soon as the venue
 *       confirms, everything held closes at market.
 *   <li><b>Timeout</b>: the TP limits are cancelled, then a reduce-only post-only limit at the
 *       price (one tick on the passive side of the last price: the nearest price such an order can
 *       rest at without a book), and after {@code timeout_grace_ms} the rest at market.
 * </ol>
 *
 * <p>Without them, TP1 is a market order when the paper engine hits it and the close a market order
 * for the rest. In both modes every market order is one at a time per position, never more than the
 * venue-confirmed quantity still held and not resting on a limit, reduce-only when it reduces the
 * account's net position, under {@code ClientOrderIds.derive(strategy, position, name)} ({@code
 * tp1}, {@code tp2}, {@code timeout} for the limits, {@code tp1-mkt}, {@code tp2-mkt} for their
 * fallbacks, {@code tp1} for a market TP1, {@code exit}; a retry appends {@code -2}, {@code -3}).
 */
final class ExitMachine {
  /** What the machine needs from the executor; called on its thread, under its lock. */
  interface Port {
    /** The order with this id (null for null or unknown). */
    Tracked order(ClientOrderId id);

    /** Checks and sends an order (a limit when {@code limit} is not null). */
    Tracked send(
        Mirror m,
        FlowLiveLeg leg,
        String name,
        int attempt,
        OrderSide side,
        Quantity qty,
        Price limit,
        boolean reduceOnly,
        double paperPrice);

    /** Records an order that is not sent, with the reason. */
    void skip(Mirror m, FlowLiveLeg leg, OrderSide side, BigDecimal qty, double paper, String why);

    /** Asks the venue to cancel a working order. */
    void cancel(Tracked t);

    /** True when a {@code side} order of {@code qty} reduces the account's net position. */
    boolean reducesNet(InstrumentId symbol, OrderSide side, BigDecimal qty);

    /** The latest price of {@code symbol} (NaN before one). */
    double mark(InstrumentId symbol);

    /** Runs {@code step}, then advances {@code m}, after {@code delayMs} of wall time. */
    void later(Mirror m, Runnable step, long delayMs);

    /** The position is flat after its paper trade closed: report its realised pnl. */
    void realized(Mirror m);

    /** A market leg used its last attempt. */
    void givenUp(Mirror m, String what);
  }

  private final Port port;
  private final Map<InstrumentId, Instrument> instruments;
  private final FlowLiveSettings settings;
  private final boolean makerExits;

  ExitMachine(
      Port port,
      Map<InstrumentId, Instrument> instruments,
      FlowLiveSettings settings,
      boolean makerExits) {
    this.port = port;
    this.instruments = instruments;
    this.settings = settings;
    this.makerExits = makerExits;
  }

  boolean makerExits() {
    return makerExits;
  }

  /** The paper engine closed a TP1 half. */
  void tp1Hit(Mirror m, double paperPrice) {
    m.tp1.hit = true;
    m.tp1Price = paperPrice;
  }

  /** The paper trade closed with {@code status} at {@code price}. */
  void closed(Mirror m, FlowTradeStatus status, double price) {
    m.paperClosed = true;
    m.closeStatus = status;
    m.exitPrice = price;
    if (makerExits && status == FlowTradeStatus.TP) {
      m.tp1.hit = true; // TP2 lies beyond TP1: both halves are due
      m.tp2.hit = true;
    }
  }

  /** Sends what the position's state asks of the venue, if anything. */
  void advance(Mirror m) {
    Tracked entry = port.order(m.entryId);
    if (entry != null && !entry.status.terminal()) {
      if (m.paperClosed && !m.cancelRequested) {
        m.cancelRequested = true; // the exit waits for the entry's end
        port.cancel(entry);
      }
      return;
    }
    if (!m.legsPlanned && !m.paperClosed && m.entryFilled.signum() > 0) {
      plan(m);
    }
    startTimers(m);
    endLimits(m);
    if (waiting(m)) {
      return; // one market order at a time; a cancel→market step waits for the cancel
    }
    BigDecimal open = m.open();
    if (open.signum() <= 0) {
      if (m.paperClosed && m.entryFilled.signum() > 0 && !m.reported) {
        m.reported = true;
        port.realized(m);
      }
      return;
    }
    BigDecimal free = open.subtract(covered(m)); // held, and resting on no limit
    for (RestingLeg leg : m.tps()) {
      if (leg.hit && !working(port.order(leg.limitId))) {
        BigDecimal rest = leg.planned.subtract(m.filled(leg.leg)).min(free);
        if (rest.signum() > 0) {
          String name = makerExits ? leg.leg.code() + "-mkt" : leg.leg.code();
          double paper = leg == m.tp1 && m.tp1Price > 0 ? m.tp1Price : leg.level;
          market(m, leg.leg, name, rest, paper);
          return;
        }
      }
    }
    if (!m.paperClosed || free.signum() <= 0) {
      return;
    }
    if (makerExits
        && m.closeStatus == FlowTradeStatus.TIMEOUT
        && m.timeout.limitId == null
        && m.timeout.note == null
        && timeoutLimit(m, free)) {
      return;
    }
    market(m, FlowLiveLeg.EXIT, FlowLiveLeg.EXIT.code(), free, m.exitPrice);
  }

  /** Sizes the TP halves from the entry's fills and, with maker exits, places their limits. */
  private void plan(Mirror m) {
    m.legsPlanned = true;
    Instrument inst = instruments.get(m.key.instrument());
    BigDecimal filled = m.entryFilled;
    BigDecimal half = inst.quantityToward0(filled.doubleValue() / 2).toBigDecimal();
    m.tp1.planned = half;
    m.tp2.planned = filled.subtract(half);
    if (!makerExits) {
      return;
    }
    OrderSide side = exitSide(m);
    if (!valid(inst, m.tp1.planned, m.tp1.level)) {
      String why =
          belowMinimum(inst, m.tp1.planned, m.tp1.level)
              + ": the whole "
              + filled.toPlainString()
              + " rests on TP2";
      m.tp1.note = why;
      port.skip(m, FlowLiveLeg.TP1, side, m.tp1.planned, m.tp1.level, why);
      m.tp1.planned = BigDecimal.ZERO;
      m.tp2.planned = filled;
    }
    if (!valid(inst, m.tp2.planned, m.tp2.level)) {
      String why =
          belowMinimum(inst, m.tp2.planned, m.tp2.level)
              + ": no TP limit; it closes at market when the paper engine hits TP2";
      m.tp2.note = why;
      port.skip(m, FlowLiveLeg.TP2, side, m.tp2.planned, m.tp2.level, why);
    }
    for (RestingLeg leg : m.tps()) {
      if (leg.planned.signum() > 0 && leg.note == null && !leg.hit) {
        placeTp(m, leg, inst, side);
      }
    }
  }

  private static boolean valid(Instrument inst, BigDecimal qty, double level) {
    return qty.signum() > 0
        && level > 0
        && Money.notional(inst.price(level), Quantity.of(qty, inst.quantityScale()))
                .compareTo(inst.minNotional())
            >= 0;
  }

  private static String belowMinimum(Instrument inst, BigDecimal qty, double level) {
    return "below the venue's minimum: "
        + qty.toPlainString()
        + " at "
        + level
        + " (step "
        + inst.stepSize()
        + ", min notional "
        + inst.minNotional()
        + ")";
  }

  private void placeTp(Mirror m, RestingLeg leg, Instrument inst, OrderSide side) {
    Price price =
        onTick(inst, leg.level, side == OrderSide.SELL ? RoundingMode.FLOOR : RoundingMode.CEILING);
    double mark = port.mark(m.key.instrument());
    double px = price.toDouble();
    if (mark > 0 && (side == OrderSide.SELL ? mark >= px : mark <= px)) {
      leg.note =
          "the price "
              + mark
              + " is already at the level "
              + price
              + ": it closes at market when the paper engine hits it";
      port.skip(m, leg.leg, side, leg.planned, leg.level, leg.note);
      return;
    }
    boolean reduceOnly = port.reducesNet(m.key.instrument(), side, leg.planned);
    Quantity qty = Quantity.of(leg.planned, inst.quantityScale());
    Tracked t = port.send(m, leg.leg, leg.leg.code(), 1, side, qty, price, reduceOnly, leg.level);
    leg.limitId = t.id;
    m.exits.add(t.id);
    if (t.status.terminal()) {
      leg.note = t.reason; // risk-rejected: the half closes at market when it is hit
    }
  }

  /** The timeout exit's limit for {@code qty}; false when none could be sent (then: market). */
  private boolean timeoutLimit(Mirror m, BigDecimal qty) {
    Instrument inst = instruments.get(m.key.instrument());
    OrderSide side = exitSide(m);
    double mark = port.mark(m.key.instrument());
    double ref = mark > 0 ? mark : m.exitPrice;
    if (!(ref > 0)) {
      m.timeout.note = "no price to rest a limit at";
      return false;
    }
    double tick = inst.tickSize().toDouble();
    Price price =
        side == OrderSide.SELL
            ? inst.price(onTick(inst, ref, RoundingMode.FLOOR).toDouble() + tick)
            : inst.price(onTick(inst, ref, RoundingMode.CEILING).toDouble() - tick);
    if (!price.isPositive()) {
      m.timeout.note = "no positive price one tick below " + ref;
      return false;
    }
    m.timeout.hit = true;
    boolean reduceOnly = port.reducesNet(m.key.instrument(), side, qty);
    Quantity q = Quantity.of(qty, inst.quantityScale());
    Tracked t =
        port.send(m, FlowLiveLeg.TIMEOUT, "timeout", 1, side, q, price, reduceOnly, m.exitPrice);
    m.timeout.limitId = t.id;
    m.exits.add(t.id);
    if (t.status.terminal()) {
      m.timeout.note = t.reason;
      return false;
    }
    m.timeout.timerStarted = true;
    port.later(m, () -> m.timeout.expired = true, settings.timeoutGraceMs());
    return true;
  }

  /** {@code value} on the instrument's tick grid, rounded with {@code mode}. */
  private static Price onTick(Instrument inst, double value, RoundingMode mode) {
    BigDecimal tick = inst.tickSize().toBigDecimal();
    BigDecimal ticks = BigDecimal.valueOf(value).divide(tick, 0, mode);
    return Price.of(ticks.multiply(tick), inst.priceScale());
  }

  private void startTimers(Mirror m) {
    for (RestingLeg leg : m.tps()) {
      if (leg.hit && !leg.timerStarted && working(port.order(leg.limitId))) {
        leg.timerStarted = true;
        port.later(m, () -> leg.expired = true, settings.tpTimeoutMs());
      }
    }
  }

  /** Cancels the limits that may no longer rest. */
  private void endLimits(Mirror m) {
    for (RestingLeg leg : m.tps()) {
      Tracked t = port.order(leg.limitId);
      if (!working(t) || t.cancelReason != null) {
        continue;
      }
      if (m.paperClosed && m.closeStatus != FlowTradeStatus.TP) {
        cancel(
            leg,
            t,
            "the paper trade closed ("
                + m.closeStatus.code()
                + "): the TP limit is cancelled, the rest closes at market");
      } else if (leg.expired) {
        cancel(
            leg,
            t,
            "tp_timeout: not filled "
                + settings.tpTimeoutMs()
                + " ms after the paper engine hit "
                + leg.level
                + ": the rest of the half closes at market");
      }
    }
    Tracked t = port.order(m.timeout.limitId);
    if (working(t) && t.cancelReason == null && m.timeout.expired) {
      cancel(
          m.timeout,
          t,
          "timeout_grace: not filled within "
              + settings.timeoutGraceMs()
              + " ms: the rest closes at market");
    }
  }

  private void cancel(RestingLeg leg, Tracked t, String why) {
    leg.cancelRequested = true;
    t.cancelReason = why;
    port.cancel(t);
  }

  /** True while a market exit is working or a limit's cancel is not confirmed yet. */
  private boolean waiting(Mirror m) {
    for (ClientOrderId id : m.exits) {
      Tracked t = port.order(id);
      if (working(t) && (!t.exitLimit() || t.cancelReason != null)) {
        return true;
      }
    }
    return false;
  }

  /** The quantity resting on working exit limits. */
  private BigDecimal covered(Mirror m) {
    BigDecimal sum = BigDecimal.ZERO;
    for (ClientOrderId id : m.exits) {
      Tracked t = port.order(id);
      if (working(t) && t.exitLimit()) {
        sum = sum.add(t.remaining());
      }
    }
    return sum;
  }

  private static boolean working(Tracked t) {
    return t != null && !t.status.terminal();
  }

  private void market(Mirror m, FlowLiveLeg leg, String name, BigDecimal qty, double paper) {
    if (m.retryBlocked || m.givenUp != null) {
      return;
    }
    int attempt = m.attempts.merge(name, 1, Integer::sum);
    if (attempt > settings.maxExitAttempts()) {
      m.givenUp = name + " given up after " + settings.maxExitAttempts() + " attempts";
      port.givenUp(m, m.givenUp);
      return;
    }
    OrderSide side = exitSide(m);
    Instrument inst = instruments.get(m.key.instrument());
    boolean reduceOnly = port.reducesNet(m.key.instrument(), side, qty);
    Quantity q = Quantity.of(qty, inst.quantityScale());
    Tracked t = port.send(m, leg, name, attempt, side, q, null, reduceOnly, paper);
    m.exits.add(t.id);
    if (t.status.terminal()) {
      m.retryBlocked = true; // risk-rejected: retried at the next probe
    }
  }

  private static OrderSide exitSide(Mirror m) {
    return m.direction == FlowDirection.LONG ? OrderSide.SELL : OrderSide.BUY;
  }

  /** The exit limit's leg state of {@code m}, or null. */
  static RestingLeg legOf(Mirror m, FlowLiveLeg leg) {
    return switch (leg) {
      case TP1 -> m.tp1;
      case TP2 -> m.tp2;
      case TIMEOUT -> m.timeout;
      default -> null;
    };
  }

  /** The exits' KPIs over every mirrored position and order. */
  FlowLiveExitKpis kpis(Collection<Mirror> mirrors, Collection<Tracked> orders) {
    long tpLimits = 0;
    long timeoutLimits = 0;
    double tpQty = 0;
    double tpMaker = 0;
    double exitQty = 0;
    double exitMaker = 0;
    double fallbackCost = 0;
    double fallbackPaper = 0;
    for (Tracked t : orders) {
      if (t.leg == FlowLiveLeg.ENTRY) {
        continue;
      }
      double f = t.filled.doubleValue();
      exitQty += f;
      exitMaker += t.makerQuantity;
      boolean tp = t.leg == FlowLiveLeg.TP1 || t.leg == FlowLiveLeg.TP2;
      if (tp) {
        tpQty += f;
        tpMaker += t.makerQuantity;
      }
      if (t.exitLimit() && t.status.sent()) {
        tpLimits += tp ? 1 : 0;
        timeoutLimits += t.leg == FlowLiveLeg.TIMEOUT ? 1 : 0;
      } else if (tp && f > 0 && t.paperPrice > 0) {
        int sign = t.side == OrderSide.BUY ? 1 : -1;
        fallbackCost += sign * (t.notional - t.paperPrice * f);
        fallbackPaper += t.paperPrice * f;
      }
    }
    long[] n = new long[6]; // not placed, tranches, maker tranches, fallbacks, stops, flips
    long timeoutFallbacks = 0;
    for (Mirror m : mirrors) {
      tranches(m, n);
      boolean entered = m.entryFilled.signum() > 0;
      FlowTradeStatus s = m.closeStatus;
      n[4] += entered && (s == FlowTradeStatus.SL || s == FlowTradeStatus.SL_BE) ? 1 : 0;
      n[5] += entered && s == FlowTradeStatus.SIGNAL_FLIP ? 1 : 0;
      if (m.timeout.limitId != null && marketFilled(m, FlowLiveLeg.EXIT).signum() > 0) {
        timeoutFallbacks++;
      }
    }
    return new FlowLiveExitKpis(
        makerExits,
        tpLimits,
        n[0],
        n[1],
        n[2],
        n[3],
        tpQty > 0 ? tpMaker / tpQty : Double.NaN,
        n[1] > 0 ? (double) n[3] / n[1] : Double.NaN,
        fallbackPaper > 0 ? fallbackCost / fallbackPaper * 1e4 : Double.NaN,
        timeoutLimits,
        timeoutFallbacks,
        n[4],
        n[5],
        exitQty > 0 ? exitMaker / exitQty : Double.NaN);
  }

  private void tranches(Mirror m, long[] n) {
    for (RestingLeg leg : m.tps()) {
      n[0] += leg.note != null ? 1 : 0;
      if (leg.hit && leg.planned.signum() > 0 && m.filled(leg.leg).compareTo(leg.planned) >= 0) {
        n[1]++;
        boolean market = marketFilled(m, leg.leg).signum() > 0;
        n[2] += market ? 0 : 1;
        n[3] += market ? 1 : 0;
      }
    }
  }

  private BigDecimal marketFilled(Mirror m, FlowLiveLeg leg) {
    BigDecimal sum = BigDecimal.ZERO;
    for (ClientOrderId id : m.exits) {
      Tracked t = port.order(id);
      if (t != null && t.leg == leg && !t.exitLimit()) {
        sum = sum.add(t.filled);
      }
    }
    return sum;
  }
}
