package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowStrategyConfig;
import io.perpetua.signals.flow.FlowTier;

/**
 * An open paper position and its lifecycle (spec §4): SL = entry ∓ 1R, TP1/TP2 at their distances;
 * TP1 closes half and moves the stop to break-even plus fees ({@link #breakEvenStop}); TP2 closes
 * the rest; SL, SL at break-even, timeout and signal flip close what remains. pnl in R counts every
 * partial exit and every fee (taker, or maker where a maker fill happened).
 *
 * <p>Fills follow {@link ExecutionSettings}: immediate paper fills at the levels, or the maker-fill
 * model (TP limits fill when traded through, touched-but-unfilled TPs go to market after the TP
 * timeout, stops are market at the triggering trade, a timeout rests a limit at the last price for
 * the grace period, then goes to market).
 *
 * <p>Mutable, not thread-safe; allocation-free per price update. {@link #snapshot()} and {@link
 * #restore} carry it across restarts.
 */
public final class PaperPosition {
  private final String id;
  private final StrategyId strategyId;
  private final InstrumentId instrument;
  private final FlowDirection direction;
  private final FlowTier tier;
  private final double score;
  private final long entryTimeMs;
  private final double signalPrice;
  private final double entryPrice;
  private final double atr;
  private final double riskDistance;
  private final double quantity;
  private double remaining;
  private double stop;
  private double tp1;
  private double tp2;
  private FlowTradeStatus status;
  private final long deadlineMs;
  private double realizedGross;
  private double fees;
  private double slippageCost;
  private double makerQty;
  private double filledQty;
  private long tpTouchMs;
  private double timeoutLimit;
  private long graceDeadlineMs;
  private final boolean flipped;
  private double lastExitPrice;
  private long lastExitMs;
  private int tpFills;
  private int tpMakerFills;
  private final double entryFees;

  private PaperPosition(PositionSnapshot s) {
    this.id = s.id();
    this.strategyId = s.strategyId();
    this.instrument = s.instrument();
    this.direction = s.direction();
    this.tier = s.tier();
    this.score = s.score();
    this.entryTimeMs = s.entryTimeMs();
    this.signalPrice = s.signalPrice();
    this.entryPrice = s.entryPrice();
    this.atr = s.atr();
    this.riskDistance = s.riskDistance();
    this.quantity = s.quantity();
    this.remaining = s.remaining();
    this.stop = s.stop();
    this.tp1 = s.tp1();
    this.tp2 = s.tp2();
    this.status = s.status();
    this.deadlineMs = s.deadlineMs();
    this.realizedGross = s.realizedGross();
    this.fees = s.fees();
    this.slippageCost = s.slippageCost();
    this.makerQty = s.makerQty();
    this.filledQty = s.filledQty();
    this.tpTouchMs = s.tpTouchMs();
    this.timeoutLimit = s.timeoutLimit();
    this.graceDeadlineMs = s.graceDeadlineMs();
    this.flipped = s.flipped();
    this.lastExitPrice = s.lastExitPrice();
    this.lastExitMs = s.lastExitMs();
    this.tpFills = s.tpFills();
    this.tpMakerFills = s.tpMakerFills();
    this.entryFees = entryFeesOf(s);
  }

  private static double entryFeesOf(PositionSnapshot s) {
    return s.status() == FlowTradeStatus.ACTIVE && s.remaining() == s.quantity()
        ? s.fees()
        : Double.NaN;
  }

  /** The id. */
  public String id() {
    return id;
  }

  /** The strategy. */
  public StrategyId strategyId() {
    return strategyId;
  }

  /** The instrument. */
  public InstrumentId instrument() {
    return instrument;
  }

  /** The side. */
  public FlowDirection direction() {
    return direction;
  }

  /** The status. */
  public FlowTradeStatus status() {
    return status;
  }

  /** The current stop. */
  public double stop() {
    return stop;
  }

  /** The TP1 level. */
  public double tp1() {
    return tp1;
  }

  /** The TP2 level. */
  public double tp2() {
    return tp2;
  }

  /** The open quantity. */
  public double remaining() {
    return remaining;
  }

  /** The entered quantity. */
  public double quantity() {
    return quantity;
  }

  /** The average entry price. */
  public double entryPrice() {
    return entryPrice;
  }

  /** Restores a position from its snapshot. */
  public static PaperPosition restore(PositionSnapshot snapshot) {
    return new PaperPosition(snapshot);
  }

  /**
   * Opens a position from an entry fill.
   *
   * @param id the position id
   * @param config the strategy configuration (levels, timeout)
   * @param evaluation the signal
   * @param fill the entry fill (average price, quantity, fees, maker quantity, slippage)
   * @param timeMs the time the entry completed
   * @param flipped whether a flip opened it
   */
  public static PaperPosition open(
      String id,
      FlowStrategyConfig config,
      FlowEvaluation evaluation,
      EntryFill fill,
      long timeMs,
      boolean flipped) {
    FlowDirection d = evaluation.direction();
    double atr = evaluation.inputs().atr();
    double r = config.slMultiplier() * atr;
    double e = fill.averagePrice();
    int s = d.sign();
    return new PaperPosition(
        new PositionSnapshot(
            id,
            config.id(),
            config.instrument(),
            d,
            evaluation.tier(),
            evaluation.score(),
            timeMs,
            evaluation.inputs().price(),
            e,
            atr,
            r,
            fill.quantity(),
            fill.quantity(),
            e - s * r,
            e + s * config.tp1Distance(atr),
            e + s * config.tp2Distance(atr),
            FlowTradeStatus.ACTIVE,
            timeMs + config.timeoutMs(),
            0,
            fill.fees(),
            fill.slippageCost(),
            fill.makerQuantity(),
            fill.quantity(),
            Long.MIN_VALUE,
            Double.NaN,
            0,
            flipped,
            Double.NaN,
            0,
            0,
            0));
  }

  /** The snapshot of the current state. */
  public PositionSnapshot snapshot() {
    return new PositionSnapshot(
        id,
        strategyId,
        instrument,
        direction,
        tier,
        score,
        entryTimeMs,
        signalPrice,
        entryPrice,
        atr,
        riskDistance,
        quantity,
        remaining,
        stop,
        tp1,
        tp2,
        status,
        deadlineMs,
        realizedGross,
        fees,
        slippageCost,
        makerQty,
        filledQty,
        tpTouchMs,
        timeoutLimit,
        graceDeadlineMs,
        flipped,
        lastExitPrice,
        lastExitMs,
        tpFills,
        tpMakerFills);
  }

  /** What a price update did. */
  public enum Step {
    /** Nothing changed (or only internal timers). */
    NONE,
    /** Half closed at TP1. */
    TP1,
    /** The position closed. */
    CLOSED
  }

  /**
   * Applies a price at {@code timeMs}: a trade when {@code trade} is true, else a clock tick at the
   * last price (which never fills resting maker orders). Order of checks: a pending timeout limit;
   * the stop; the next TP level; the timeout.
   */
  public Step onPrice(
      long timeMs, double price, boolean trade, ExecutionSettings ex, FeeSchedule fee) {
    if (status.closed()) {
      return Step.CLOSED;
    }
    boolean maker = ex.mode() == ExecutionSettings.Mode.MAKER;
    int s = direction.sign();
    if (!Double.isNaN(timeoutLimit)) {
      if (trade && s * (price - timeoutLimit) > 0) {
        return close(timeMs, FlowTradeStatus.TIMEOUT, timeoutLimit, true, timeoutLimit, fee);
      }
      if (timeMs >= graceDeadlineMs) {
        return close(timeMs, FlowTradeStatus.TIMEOUT, price, false, timeoutLimit, fee);
      }
      return Step.NONE;
    }
    if (s * (price - stop) <= 0) {
      FlowTradeStatus st =
          status == FlowTradeStatus.TP1_HIT ? FlowTradeStatus.SL_BE : FlowTradeStatus.SL;
      return close(timeMs, st, maker ? price : stop, false, stop, fee);
    }
    Step step = takeProfits(timeMs, price, trade, ex, fee);
    if (step == Step.CLOSED) {
      return step;
    }
    if (timeMs >= deadlineMs) {
      if (!maker) {
        return close(timeMs, FlowTradeStatus.TIMEOUT, price, false, price, fee);
      }
      timeoutLimit = price;
      graceDeadlineMs = timeMs + ex.timeoutGraceMs();
    }
    return step;
  }

  private Step takeProfits(
      long timeMs, double price, boolean trade, ExecutionSettings ex, FeeSchedule fee) {
    int s = direction.sign();
    Step result = Step.NONE;
    for (int round = 0; round < 2; round++) {
      double level = status == FlowTradeStatus.ACTIVE ? tp1 : tp2;
      double beyond = s * (price - level);
      boolean fill;
      boolean makerFill;
      double fillPrice;
      if (ex.mode() == ExecutionSettings.Mode.IMMEDIATE) {
        fill = beyond >= 0;
        makerFill = false;
        fillPrice = level;
      } else if (trade && beyond > 0) {
        fill = true;
        makerFill = true;
        fillPrice = level;
      } else {
        if (beyond >= 0 && tpTouchMs == Long.MIN_VALUE) {
          tpTouchMs = timeMs;
        }
        fill = tpTouchMs != Long.MIN_VALUE && timeMs >= tpTouchMs + ex.tpTimeoutMs();
        makerFill = false;
        fillPrice = price;
      }
      if (!fill) {
        return result;
      }
      tpTouchMs = Long.MIN_VALUE;
      tpFills++;
      tpMakerFills += makerFill ? 1 : 0;
      if (status == FlowTradeStatus.TP1_HIT) {
        return close(timeMs, FlowTradeStatus.TP, fillPrice, makerFill, level, fee);
      }
      exit(timeMs, quantity / 2, fillPrice, makerFill, level, fee);
      status = FlowTradeStatus.TP1_HIT;
      stop = breakEvenStop(fee);
      result = Step.TP1;
      if (s * (price - stop) <= 0) {
        return result; // the next price decides the stop
      }
    }
    return result;
  }

  /**
   * The stop after TP1: the more protective of (a) the remaining half's own break-even including
   * its share of the entry fee and a taker exit fee and (b) the price at which the whole trade nets
   * zero, nudged by one part in 10^9 so that an exit at the stop is never a net loss.
   */
  double breakEvenStop(FeeSchedule fee) {
    int s = direction.sign();
    double q = remaining;
    double ft = fee.takerRate();
    double entryFeePerUnit = entryFeePerUnit();
    double realizedNet = realizedGross - fees;
    double half;
    double whole;
    if (s > 0) {
      half = (entryPrice + entryFeePerUnit) / (1 - ft);
      whole = (entryPrice * q - realizedNet) / (q * (1 - ft));
      return Math.max(half, whole) * (1 + 1e-9);
    }
    half = (entryPrice - entryFeePerUnit) / (1 + ft);
    whole = (entryPrice * q + realizedNet) / (q * (1 + ft));
    return Math.min(half, whole) * (1 - 1e-9);
  }

  private double entryFeePerUnit() {
    return entryFees / quantity;
  }

  /** Closes the rest at market (flip or shutdown) at {@code price}, taker. */
  public Step closeAtMarket(long timeMs, double price, FlowTradeStatus status, FeeSchedule fee) {
    return close(timeMs, status, price, false, price, fee);
  }

  private Step close(
      long timeMs, FlowTradeStatus st, double fill, boolean maker, double ref, FeeSchedule fee) {
    exit(timeMs, remaining, fill, maker, ref, fee);
    status = st;
    return Step.CLOSED;
  }

  private void exit(
      long timeMs, double qty, double fill, boolean maker, double ref, FeeSchedule fee) {
    int s = direction.sign();
    realizedGross += s * (fill - entryPrice) * qty;
    fees += fee.rate(maker) * fill * qty;
    slippageCost += Math.max(0, s * (ref - fill)) * qty;
    remaining -= qty;
    if (remaining < quantity * 1e-12) {
      remaining = 0;
    }
    filledQty += qty;
    makerQty += maker ? qty : 0;
    lastExitPrice = fill;
    lastExitMs = timeMs;
  }

  /** TP tranches filled so far. */
  public int tpFills() {
    return tpFills;
  }

  /** TP tranches filled as maker so far. */
  public int tpMakerFills() {
    return tpMakerFills;
  }

  /** 1R in money: quantity × risk distance. */
  public double riskMoney() {
    return quantity * riskDistance;
  }

  /** Net pnl in R so far (all partial exits, minus all fees). */
  public double pnlR() {
    return (realizedGross - fees) / riskMoney();
  }

  /** The closed trade (only once closed). */
  public ClosedFlowTrade toClosedTrade() {
    if (!status.closed()) {
      throw new IllegalStateException("position " + id + " is still open");
    }
    double oneR = riskMoney();
    double entryNotional = entryPrice * quantity;
    return new ClosedFlowTrade(
        id,
        strategyId,
        instrument,
        direction,
        tier,
        score,
        entryTimeMs,
        lastExitMs,
        entryPrice,
        lastExitPrice,
        quantity,
        Money.of(oneR),
        status,
        realizedGross / oneR,
        fees / oneR,
        (realizedGross - fees) / oneR,
        Money.of(realizedGross - fees),
        Money.of(fees),
        slippageCost / (entryNotional * 2) * 1e4,
        filledQty > 0 ? makerQty / filledQty : 0,
        flipped || status == FlowTradeStatus.SIGNAL_FLIP,
        lastExitMs - entryTimeMs,
        (fees + slippageCost) / oneR);
  }
}
