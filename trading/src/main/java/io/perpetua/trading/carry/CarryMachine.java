package io.perpetua.trading.carry;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.OrderSide;
import io.perpetua.trading.kernel.algo.OrderGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The funding-carry state machine of spec §7: {@code IDLE → OPENING (start + confirm) → HOLDING →
 * CLOSING (close + confirm) → IDLE}, any state → {@code HALTED} on a hard trigger, {@code HALTED →
 * IDLE} only by hand. Both legs go through an {@link OrderGateway} each (the kernel's order path)
 * as limits at most {@link CarryLimits#maxSlippage} through the quote, with deterministic client
 * ids {@code carry-<id>-<cycle>-<o|c|x>-<spot|perp>-<n>} (open, close, compensation). Triggers,
 * re-orders, compensation, the ledger and restarts ({@link #exportState}, {@link #restoreState},
 * {@link #reconcile}) are described in docs/funding-carry.md. Not thread-safe: one thread drives
 * it.
 */
public final class CarryMachine {
  private final String id;
  private final StrategyId strategy;
  private final CarryLimits limits;
  private final CarryLeg spot;
  private final CarryLeg perp;
  private final Consumer<CarryAlert> alerts;
  private final List<CarryAlert> alertLog = new ArrayList<>();
  private final List<CarryFunding> funding = new ArrayList<>();
  private final List<CarryLedger> ledger = new ArrayList<>();
  private Consumer<Map<String, String>> sink = m -> {};
  private CarryState state = CarryState.IDLE;
  private String pending = "";
  private String phase = "";
  private int cycle;
  private long phaseStartMs;
  private int apiFailures;
  private long clockDriftMs;
  private boolean marginWarned;
  private double lastFundingRate = Double.NaN;
  private CarryQuotes quotes = CarryQuotes.NONE;

  /** A carry {@code id} trading {@code spot} and {@code perp} through their gateways. */
  public CarryMachine(
      String id,
      CarryLimits limits,
      Instrument spotInstrument,
      OrderGateway spotGateway,
      Instrument perpInstrument,
      OrderGateway perpGateway,
      Consumer<CarryAlert> alerts) {
    this.id = Objects.requireNonNull(id, "id");
    this.strategy = new StrategyId("carry-" + id);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.spot = new CarryLeg("spot", spotInstrument, spotGateway);
    this.perp = new CarryLeg("perp", perpInstrument, perpGateway);
    this.alerts = Objects.requireNonNull(alerts, "alerts");
  }

  /**
   * Asks to open a carry of {@code quantity} of the underlying on each leg (at most the spot
   * instrument's quantity scale); takes effect at {@link #confirm}.
   *
   * @throws IllegalStateException when not IDLE, funding is negative or unknown, trading is
   *     blocked, or the notional exceeds the limit
   */
  public void start(Quantity quantity, long now) {
    require(state == CarryState.IDLE && pending.isEmpty(), "start needs IDLE, state is " + state);
    requireTradingAllowed();
    if (!(lastFundingRate >= 0)) {
      throw new IllegalStateException("no entry while funding is negative: " + lastFundingRate);
    }
    Price spotAsk = quotes.spotAsk();
    if (quantity.signum() <= 0
        || !CarryQuotes.positive(spotAsk)
        || !CarryQuotes.positive(quotes.perpBid())) {
      throw new IllegalStateException("start needs a positive quantity and both legs' quotes");
    }
    Quantity q = spot.scaled(quantity);
    perp.scaled(quantity); // both legs must be able to trade it exactly
    Money notional = Money.notional(spotAsk, q);
    if (notional.compareTo(limits.maxNotional()) > 0) {
      throw new IllegalStateException(
          "notional " + notional + " exceeds the hard limit " + limits.maxNotional());
    }
    spot.target = q;
    pending = "start";
  }

  /** Asks to close the carry held; takes effect at {@link #confirm}. */
  public void close(long now) {
    require(state == CarryState.HOLDING && pending.isEmpty(), "close needs HOLDING, is " + state);
    pending = "close";
  }

  /** Confirms the pending start or close: sends both legs. */
  public void confirm(long now) {
    require(!pending.isEmpty(), "nothing to confirm");
    requireTradingAllowed();
    String what = pending;
    pending = "";
    cycle = what.equals("start") ? cycle + 1 : cycle;
    if (what.equals("start")) {
      Quantity q = spot.target;
      begin(CarryState.OPENING, "o", OrderSide.BUY, q, OrderSide.SELL, q, now);
    } else {
      begin(
          CarryState.CLOSING,
          "c",
          OrderSide.SELL,
          spot.position,
          OrderSide.BUY,
          perp.position.negate(),
          now);
    }
  }

  /** HALTED → IDLE, by hand only (the positions stay as the venues hold them). */
  public void resetHalted(long now) {
    require(state == CarryState.HALTED, "reset needs HALTED, state is " + state);
    state = CarryState.IDLE;
    phase = "";
    apiFailures = 0;
    alert("INFO", "reset", "halted carry reset to IDLE by hand", now);
  }

  /** The latest quotes of both legs. */
  public void onQuotes(Price spotBid, Price spotAsk, Price perpBid, Price perpAsk) {
    this.quotes = new CarryQuotes(spotBid, spotAsk, perpBid, perpAsk);
  }

  /** The current (predicted) funding rate of the perp. */
  public void onFundingRate(double rate) {
    this.lastFundingRate = rate;
  }

  /** A settlement: books the perp short's funding while holding. */
  public void onFundingSettled(double rate, Price markPrice, long now) {
    lastFundingRate = rate;
    if (state == CarryState.HOLDING) {
      Money amount = Money.notional(markPrice, perp.position.negate()).times(rate);
      funding.add(new CarryFunding(now, rate, amount));
      ledger.add(CarryLedger.funding(now, amount, spot.position, perp.position));
    }
  }

  /** A fill of either leg (matched by client id; unknown ids are ignored). */
  public void onFill(Fill fill) {
    CarryLeg leg = legOf(fill.clientOrderId());
    if (leg == null) {
      if (lateOpeningFill(fill)) {
        ledger.add(CarryLedger.fill(fill, spot.position, perp.position));
      }
      return;
    }
    leg.fill(fill.quantity());
    ledger.add(CarryLedger.fill(fill, spot.position, perp.position));
    phaseProgress(fill.timeMs());
  }

  /** A leg order rejected (by the risk engine or the venue). */
  public void onRejected(ClientOrderId order, String reason, long now) {
    CarryLeg leg = legOf(order);
    if (leg == null || !order.equals(leg.working)) {
      return;
    }
    leg.working = null;
    if (state == CarryState.OPENING && phase.equals("o")) {
      compensate(leg.name + " leg rejected (" + reason + ")", now);
    } else if (state == CarryState.OPENING || state == CarryState.CLOSING) {
      halt("leg_failed", leg.name + " leg rejected (" + reason + ") while " + phaseName(), now);
    }
  }

  /** A leg order cancelled (a re-order): the remainder is sent again. */
  public void onCancelled(ClientOrderId order, long now) {
    CarryLeg leg = legOf(order);
    if (leg == null || !order.equals(leg.working)) {
      return;
    }
    leg.working = null;
    if (!leg.done() && (state == CarryState.OPENING || state == CarryState.CLOSING)) {
      leg.resubmit = true; // expired at the venue (IOC): sent again at the next timer tick
      if (leg.cancelRequested) {
        resubmit(leg, now); // our re-order: the remainder goes at once
      }
    }
  }

  /** Time passes: re-orders after {@code reorderAfterMs}, halts after {@code haltAfterMs}. */
  public void onTimer(long now) {
    if (state != CarryState.OPENING && state != CarryState.CLOSING) {
      return;
    }
    if (now - phaseStartMs >= limits.haltAfterMs()) {
      halt(
          "leg_timeout", "legs not done " + limits.haltAfterMs() + " ms after " + phaseName(), now);
      return;
    }
    for (CarryLeg leg : List.of(spot, perp)) {
      if (leg.resubmit) {
        resubmit(leg, now);
      } else if (leg.working != null
          && !leg.cancelRequested
          && now - leg.sentAtMs >= limits.reorderAfterMs()) {
        leg.cancelRequested = true;
        leg.gateway.cancel(leg.working);
      }
    }
  }

  /** The outcome of a venue API call; {@code maxApiFailures} failures in a row halt. */
  public void onApiResult(boolean ok, long now) {
    apiFailures = ok ? 0 : apiFailures + 1;
    if (apiFailures >= limits.maxApiFailures() && state != CarryState.HALTED) {
      halt("api_failures", apiFailures + " consecutive venue API failures", now);
    }
  }

  /** The unified maintenance-margin ratio: warn below 1.35, halt (no close) at or below 1.25. */
  public void onMarginRatio(double ratio, long now) {
    if (ratio <= limits.marginDanger()) {
      if (state != CarryState.HALTED) {
        alert("CRITICAL", "margin_danger", "margin ratio " + ratio + " <= danger", now);
        halt(
            "margin_danger",
            "margin ratio " + ratio + " at or below " + limits.marginDanger(),
            now);
      }
    } else if (ratio < limits.marginWarn()) {
      if (!marginWarned) {
        marginWarned = true;
        alert(
            "WARN", "margin_warn", "margin ratio " + ratio + " below " + limits.marginWarn(), now);
      }
    } else {
      marginWarned = false;
    }
  }

  /** The measured local-vs-venue clock drift; above the limit, trading requests are blocked. */
  public void onClockDrift(long driftMs) {
    this.clockDriftMs = Math.abs(driftMs);
  }

  /** Positions as the venues report them while holding: halts above the hedge deviation limit. */
  public void onPositions(Quantity spotPosition, Quantity perpPosition, long now) {
    spot.position = spot.scaled(spotPosition);
    perp.position = perp.scaled(perpPosition);
    if (state == CarryState.HOLDING && hedgeDeviation() > limits.maxHedgeDeviation()) {
      halt("hedge_deviation", "hedge deviation " + hedgeDeviation() + " above the limit", now);
    }
  }

  /** The state to persist (write-ahead: also handed to the state sink before every order). */
  public Map<String, String> exportState() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("carry.state", state.code());
    m.put("carry.pending", pending);
    m.put("carry.phase", phase);
    m.put("carry.cycle", Integer.toString(cycle));
    spot.export(m, "carry.spot.");
    perp.export(m, "carry.perp.");
    return m;
  }

  /** Restores {@link #exportState()} (before {@link #reconcile}). */
  public void restoreState(Map<String, String> saved) {
    state = CarryState.parse(saved.getOrDefault("carry.state", "idle"));
    pending = saved.getOrDefault("carry.pending", "");
    phase = saved.getOrDefault("carry.phase", "");
    cycle = Integer.parseInt(saved.getOrDefault("carry.cycle", "0"));
    spot.restore(saved, "carry.spot.");
    perp.restore(saved, "carry.perp.");
  }

  /**
   * After a restart: takes the venues' positions as the truth (fills missed while down count
   * towards the phase) and their open orders; an order still open is waited for, a leg whose order
   * is gone gets the next attempt for what remains. The phase's timers restart at {@code now}.
   */
  public void reconcile(
      Quantity spotPosition, Quantity perpPosition, Set<ClientOrderId> openOrders, long now) {
    boolean active = state == CarryState.OPENING || state == CarryState.CLOSING;
    spot.reconcile(spotPosition, openOrders, active);
    perp.reconcile(perpPosition, openOrders, active);
    phaseStartMs = now;
    if (state == CarryState.OPENING || state == CarryState.CLOSING) {
      for (CarryLeg leg : List.of(spot, perp)) {
        if (leg.working == null && !leg.done()) {
          resubmit(leg, now);
        }
      }
      phaseProgress(now);
    }
    alert("INFO", "reconciled", "restart reconciled in " + state.code() + " " + positions(), now);
  }

  /** The state. */
  public CarryState state() {
    return state;
  }

  /** Signed spot position. */
  public Quantity spotPosition() {
    return spot.position;
  }

  /** Signed perp position (a short is negative). */
  public Quantity perpPosition() {
    return perp.position;
  }

  /** {@code |spot + perp| / spot}: 0 when perfectly hedged (0 when flat). */
  public double hedgeDeviation() {
    return CarryLeg.deviation(spot.position, perp.position);
  }

  /** The ledger: every fill and funding booked, with the positions after it, oldest first. */
  public List<CarryLedger> ledger() {
    return List.copyOf(ledger);
  }

  /** Every alert raised, oldest first. */
  public List<CarryAlert> alerts() {
    return List.copyOf(alertLog);
  }

  /** Funding booked per settlement while holding. */
  public List<CarryFunding> fundingIncome() {
    return List.copyOf(funding);
  }

  private void begin(
      CarryState next,
      String p,
      OrderSide spotSide,
      Quantity spotQty,
      OrderSide perpSide,
      Quantity perpQty,
      long now) {
    state = next;
    phase = p;
    phaseStartMs = now;
    spot.begin(p, spotSide, spotQty);
    perp.begin(p, perpSide, perpQty);
    for (CarryLeg leg : List.of(perp, spot)) {
      if (!leg.done() && state == next && phase.equals(p)) {
        resubmit(leg, now);
      }
    }
    phaseProgress(now);
  }

  private void resubmit(CarryLeg leg, long now) {
    if (clockDriftMs > limits.maxClockDriftMs() || state == CarryState.HALTED) {
      leg.resubmit = !leg.done() && state != CarryState.HALTED;
      return;
    }
    Price reference = quotes.reference(leg == spot, leg.side);
    if (!CarryQuotes.positive(reference)) {
      leg.resubmit = !leg.done(); // no quote yet: sent at the next timer tick that has one
      return;
    }
    leg.prepare(CarryLeg.prefix(id, cycle, phase, leg.name), now);
    sink.accept(exportState()); // write-ahead: the id is stored before the order leaves
    leg.submit(reference, limits.maxSlippage(), strategy, now);
  }

  private void phaseProgress(long now) {
    boolean active = state == CarryState.OPENING || state == CarryState.CLOSING;
    if (!active || !spot.done() || !perp.done()) {
      return;
    }
    switch (phase) {
      case "o" -> {
        state = CarryState.HOLDING;
        alert("INFO", "opened", "carry opened " + positions(), now);
        if (hedgeDeviation() > limits.maxHedgeDeviation()) {
          halt("hedge_deviation", "hedge deviation " + hedgeDeviation() + " after opening", now);
        }
      }
      case "x" -> {
        state = CarryState.IDLE;
        alert("WARN", "compensated", "opening failed; filled legs unwound " + positions(), now);
      }
      default -> {
        state = CarryState.IDLE;
        alert("INFO", "closed", "carry closed " + positions(), now);
      }
    }
    sink.accept(exportState());
  }

  /**
   * A fill of this cycle's opening order arriving after the opening failed (the order was cancelled
   * too late): the position grew, so it is unwound too; while halted it is only recorded.
   */
  private boolean lateOpeningFill(Fill fill) {
    ClientOrderId order = fill.clientOrderId();
    String head = CarryLeg.head(id, cycle, "o");
    CarryLeg leg = spot.owns(order, head) ? spot : perp.owns(order, head) ? perp : null;
    if (leg == null || phase.equals("o")) {
      return false;
    }
    Quantity q = leg.scaled(fill.quantity());
    leg.position = leg.position.plus(leg == spot ? q : q.negate());
    long now = fill.timeMs();
    alert("WARN", "late_fill", "late opening fill of the " + leg.name + " leg " + positions(), now);
    if (state == CarryState.OPENING && phase.equals("x")) {
      leg.target = leg.target.plus(q);
      if (leg.working == null) {
        resubmit(leg, now);
      }
    } else if (state == CarryState.IDLE && phase.equals("x")) {
      begin(
          CarryState.OPENING,
          "x",
          OrderSide.SELL,
          spot.position,
          OrderSide.BUY,
          perp.position.negate(),
          now);
    }
    return true;
  }

  private void compensate(String reason, long now) {
    spot.cancelWorking();
    perp.cancelWorking();
    alert("WARN", "leg_failed", reason + "; compensating " + positions(), now);
    Quantity spotHeld = spot.position;
    Quantity perpHeld = perp.position.negate();
    begin(CarryState.OPENING, "x", OrderSide.SELL, spotHeld, OrderSide.BUY, perpHeld, now);
  }

  private void halt(String kind, String message, long now) {
    state = CarryState.HALTED;
    for (CarryLeg leg : List.of(spot, perp)) {
      leg.cancelWorking(); // working orders stop; positions are never closed here
      leg.resubmit = false;
    }
    alert("CRITICAL", kind, "HALTED: " + message + " " + positions(), now);
    sink.accept(exportState());
  }

  private void alert(String severity, String kind, String message, long now) {
    CarryAlert a = new CarryAlert(severity, kind, "carry " + id + ": " + message, now);
    alertLog.add(a);
    alerts.accept(a);
  }

  private CarryLeg legOf(ClientOrderId order) {
    String head = CarryLeg.head(id, cycle, phase);
    return spot.owns(order, head) ? spot : perp.owns(order, head) ? perp : null;
  }

  private String phaseName() {
    return switch (phase) {
      case "o" -> "opening";
      case "x" -> "compensating";
      default -> "closing";
    };
  }

  private String positions() {
    return "(spot " + spot.position + ", perp " + perp.position + ")";
  }

  private void requireTradingAllowed() {
    if (clockDriftMs > limits.maxClockDriftMs()) {
      throw new IllegalStateException(
          "clock drift " + clockDriftMs + " ms > " + limits.maxClockDriftMs() + " ms: blocked");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }

  /** Where the state goes on every change and before every order (write-ahead). */
  public void setStateSink(Consumer<Map<String, String>> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }
}
