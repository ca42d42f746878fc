package io.perpetua.trading.control;

import io.perpetua.core.Instrument;
import io.perpetua.core.order.OrderSide;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Spec 001 delta control: the net delta of an underlying over the given accounts (the sum of their
 * positions, read from the venues), its deviation from the target, and — when the deviation exceeds
 * {@code maxDeviation} — one hedge ({@link HedgeExecutor}) that brings the net delta to the target
 * (to within a step), after which the positions are read again. Success means the final deviation
 * is within {@code tolerancePercent × maxDeviation}.
 */
public final class DeltaController {
  /** The default slippage bound of delta-control legs (spec 001's hedge default). */
  static final BigDecimal DEFAULT_SLIPPAGE = new BigDecimal("0.005");

  private final AccountRegistry registry;
  private final HedgeExecutor hedger;
  private final AlertBook alerts;
  private final LongSupplier clock;
  private final OperationIds ids = new OperationIds();

  /** Spec 001 {@code DeltaControlRequest}, validated. */
  public record Request(
      BigDecimal targetDelta,
      List<String> accounts,
      BigDecimal maxDeviation,
      String symbol,
      BigDecimal tolerancePercent,
      boolean dryRun,
      long timeoutMs) {
    /** Validates; messages name the field, codes are 001's. */
    public Request {
      if (targetDelta == null) {
        throw new ControlException(ControlError.DELTA_DEVIATION, "targetDelta: required");
      }
      if (maxDeviation == null
          || maxDeviation.signum() <= 0
          || maxDeviation.compareTo(BigDecimal.ONE) > 0) {
        throw new ControlException(
            ControlError.DELTA_DEVIATION, "maxDeviation: must be in (0, 1], was " + maxDeviation);
      }
      if (tolerancePercent == null) {
        tolerancePercent = new BigDecimal("0.05");
      }
      if (tolerancePercent.signum() <= 0 || tolerancePercent.compareTo(BigDecimal.ONE) > 0) {
        throw new ControlException(
            ControlError.DELTA_DEVIATION,
            "tolerancePercent: must be in (0, 1], was " + tolerancePercent);
      }
      if (symbol == null || symbol.isBlank()) {
        throw new ControlException(ControlError.MARKET_DATA_UNAVAILABLE, "symbol: required");
      }
      accounts = ControlText.ids(accounts, "accounts");
    }

    /** The band the result must end in: tolerancePercent × maxDeviation. */
    public BigDecimal tolerance() {
      return tolerancePercent.multiply(maxDeviation);
    }
  }

  /** Spec 001 {@code DeltaControlResponse}. */
  public record Result(
      boolean success,
      String operationId,
      long timestamp,
      BigDecimal initialDelta,
      BigDecimal finalDelta,
      BigDecimal deltaDeviation,
      List<String> accountsProcessed,
      int totalAdjustments,
      long executionTime,
      boolean adjustmentNeeded,
      HedgeOutcome hedgeResults,
      String reason,
      String error) {}

  /** The controller over {@code registry}. */
  public DeltaController(
      AccountRegistry registry, HedgeExecutor hedger, AlertBook alerts, LongSupplier clock) {
    this.registry = registry;
    this.hedger = hedger;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Runs one control operation. */
  public Result control(Request r) {
    long start = clock.getAsLong();
    List<AccountRegistry.Entry> entries = registry.entries(r.accounts(), "accounts");
    Instrument first = AccountRegistry.instrument(entries.get(0), r.symbol());
    for (AccountRegistry.Entry e : entries) {
      AccountRegistry.instrument(e, r.symbol()); // 1005 when one does not trade it
    }
    String op = ids.next("delta-ctrl", start);
    BigDecimal initial = registry.netted(r.symbol(), r.accounts()).net();
    BigDecimal deviation = initial.subtract(r.targetDelta()).abs();
    if (deviation.compareTo(r.maxDeviation()) <= 0) {
      return new Result(
          true,
          op,
          start,
          initial,
          initial,
          deviation,
          r.accounts(),
          0,
          clock.getAsLong() - start,
          false,
          null,
          "deviation " + deviation.toPlainString() + " within maxDeviation",
          null);
    }
    BigDecimal need = r.targetDelta().subtract(initial);
    OrderSide side = need.signum() > 0 ? OrderSide.BUY : OrderSide.SELL;
    BigDecimal quantity = HedgePlanner.roundToStep(need.abs(), first);
    HedgeOutcome hedge =
        hedger.execute(
            new HedgeExecutor.Request(
                op,
                entries,
                r.symbol(),
                side,
                quantity,
                DEFAULT_SLIPPAGE,
                r.timeoutMs(),
                r.dryRun()));
    return finish(r, op, start, initial, hedge);
  }

  private Result finish(Request r, String op, long start, BigDecimal initial, HedgeOutcome hedge) {
    BigDecimal finalDelta =
        r.dryRun()
            ? initial.add(hedge.netDeltaChange())
            : registry.netted(r.symbol(), r.accounts()).net();
    BigDecimal finalDeviation = finalDelta.subtract(r.targetDelta()).abs();
    boolean within = finalDeviation.compareTo(r.tolerance()) <= 0;
    String error = null;
    if (!within) {
      error =
          "1002: final deviation "
              + finalDeviation.toPlainString()
              + " above tolerance "
              + r.tolerance().toPlainString()
              + (hedge.error() == null ? "" : "; " + hedge.error());
      alerts.raise(
          RiskAlert.DELTA,
          "CRITICAL",
          r.accounts().get(0),
          "delta of " + r.symbol() + " still " + finalDelta.toPlainString() + " after " + op,
          Map.of("operationId", op, "finalDelta", finalDelta, "target", r.targetDelta()));
    }
    return new Result(
        within,
        op,
        start,
        initial,
        finalDelta,
        finalDeviation,
        r.accounts(),
        hedge.executed().size() + hedge.failed().size(),
        clock.getAsLong() - start,
        true,
        hedge,
        r.dryRun() ? "dry run: plan only, nothing sent" : "deviation above maxDeviation",
        error);
  }
}
