package io.perpetua.server.v1;

import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.carry.CarryAlert;
import io.perpetua.trading.carry.CarryCheck;
import io.perpetua.trading.carry.CarryFunding;
import io.perpetua.trading.carry.CarryLedger;
import io.perpetua.trading.carry.CarryLimits;
import io.perpetua.trading.carry.CarryReport;
import io.perpetua.trading.carry.CarrySpec;
import io.perpetua.trading.carry.CarryStatus;
import io.perpetua.trading.carry.CarryStore;
import java.util.List;

/** The wire views of {@link CarryRoutes}. Stateless. */
final class CarryViews {
  private CarryViews() {}

  static CarryView of(CarryStatus s, List<CarryCheck> checklist) {
    return of(s, checklist, s.pending(), null);
  }

  /** {@code s} with a four-eyes reset request filed: pending {@code reset_approval}. */
  static CarryView resetRequested(CarryStatus s, List<CarryCheck> checklist, String approvalId) {
    return of(s, checklist, "reset_approval", approvalId);
  }

  private static CarryView of(
      CarryStatus s, List<CarryCheck> checklist, String pending, String approvalId) {
    CarrySpec spec = s.spec();
    CarryLimits l = spec.limits();
    return new CarryView(
        spec.id(),
        spec.underlying(),
        spec.spotAccount(),
        spec.perpAccount(),
        s.mode(),
        s.state().code(),
        pending,
        s.cycle(),
        s.spotPosition().toString(),
        s.perpPosition().toString(),
        s.hedgeDeviation(),
        Double.isNaN(s.fundingRate()) ? null : s.fundingRate(),
        s.lastError(),
        s.updatedMs(),
        new LimitsView(
            l.maxNotional().toString(),
            l.maxSlippage(),
            l.maxHedgeDeviation(),
            l.marginWarn(),
            l.marginDanger(),
            l.maxApiFailures(),
            l.reorderAfterMs(),
            l.haltAfterMs(),
            l.maxClockDriftMs()),
        checklist == null
            ? null
            : checklist.stream()
                .map(c -> new ChecklistItemView(c.name(), c.passed(), c.detail()))
                .toList(),
        approvalId);
  }

  static LedgerView ledger(CarryStore.Moded<CarryLedger> m) {
    CarryLedger l = m.value();
    return new LedgerView(
        m.mode(),
        l.kind(),
        l.clientOrderId(),
        l.side(),
        l.quantity().toString(),
        l.price() == null ? null : l.price().toString(),
        l.fee().toString(),
        l.funding().toString(),
        l.spotPosition().toString(),
        l.perpPosition().toString(),
        l.timeMs());
  }

  static FundingView funding(CarryStore.Moded<CarryFunding> m) {
    CarryFunding f = m.value();
    return new FundingView(m.mode(), f.timeMs(), f.rate(), f.amount().toString());
  }

  static ReportView report(String period, String mode, List<CarryReport.Row> rows) {
    return new ReportView(
        period,
        mode,
        rows.stream()
            .map(
                w ->
                    new ReportRow(
                        w.startMs(),
                        w.endMs(),
                        w.fundingIncome().toString(),
                        w.settlements(),
                        w.fees().toString(),
                        w.spotPnl().toString(),
                        w.perpPnl().toString(),
                        w.total().toString(),
                        w.fills(),
                        w.maxHedgeDeviation(),
                        w.events().entrySet().stream()
                            .map(e -> new EventCount(e.getKey(), e.getValue()))
                            .toList()))
            .toList());
  }

  static EventView event(CarryAlert a) {
    return new EventView(a.severity(), a.kind(), a.message(), a.timeMs());
  }

  /** A carry instance. */
  record CarryView(
      @Doc("Instance id") String id,
      @Doc("Underlying, e.g. BTC-USD") String underlying,
      @Doc("Spot leg's account") String spotAccount,
      @Doc("Perp leg's account") String perpAccount,
      @Doc(
              value = "Mode",
              allowed = {"dry_run", "real"})
          String mode,
      @Doc(
              value = "State",
              allowed = {"idle", "opening", "holding", "closing", "halted"})
          String state,
      @Doc(
              value =
                  "Awaiting confirmation: start, close, mode_real, reset_approval (a second"
                      + " admin's, in the answer to a reset with four-eyes), or empty",
              allowed = {"", "start", "close", "mode_real", "reset_approval"})
          String pending,
      @Doc("Carry cycle (in the legs' client ids)") int cycle,
      @Doc("Spot position, decimal") String spotPosition,
      @Doc("Perp position, decimal (a short is negative)") String perpPosition,
      @Doc("|spot + perp| / max(|spot|, |perp|)") double hedgeDeviation,
      @Nullable @Doc("Latest funding rate read (null: unknown)") Double fundingRate,
      @Doc("Latest market read failure, or empty") String lastError,
      @Doc("Latest tick, epoch ms") long updatedMs,
      @Doc("Hard limits (configuration; the API cannot change them)") LimitsView limits,
      @Nullable @Doc("Acceptance checklist for real mode (single-instance answers)")
          List<ChecklistItemView> checklist,
      @Nullable @Doc("The four-eyes reset request filed (only in the answer to POST .../reset)")
          String approvalId) {}

  /** The hard limits of spec §7. */
  record LimitsView(
      @Doc("Largest notional per leg, USDT") String maxNotional,
      @Doc("Leg limits at most this far through the quote") double maxSlippage,
      @Doc("Largest hedge deviation while holding") double maxHedgeDeviation,
      @Doc("Margin ratio below which a warning is raised") double marginWarn,
      @Doc("Margin ratio at or below which the carry halts") double marginDanger,
      @Doc("Consecutive API failures that halt") int maxApiFailures,
      @Doc("A working leg is re-ordered after this, ms") long reorderAfterMs,
      @Doc("Legs not done after this halt, ms") long haltAfterMs,
      @Doc("Clock drift above this blocks trading, ms") long maxClockDriftMs) {}

  /** One checklist item. */
  record ChecklistItemView(
      @Doc("Item code") String name,
      @Doc("Passed now") boolean passed,
      @Doc("Found") String detail) {}

  /** Carry instances. */
  record CarryList(@Doc("Configured instances") List<CarryView> items) {}

  /** A ledger line. */
  record LedgerView(
      @Doc(
              value = "Mode",
              allowed = {"dry_run", "real"})
          String mode,
      @Doc(
              value = "Kind",
              allowed = {"fill", "funding"})
          String kind,
      @Doc("Order (empty for funding)") String clientOrderId,
      @Doc("BUY/SELL (empty for funding)") String side,
      @Doc("Quantity, decimal") String quantity,
      @Nullable @Doc("Fill price (null for funding)") String price,
      @Doc("Fee, USDT") String fee,
      @Doc("Funding received (+) or paid (−), USDT") String funding,
      @Doc("Spot position after it") String spotPosition,
      @Doc("Perp position after it") String perpPosition,
      @Doc("Epoch ms") long timeMs) {}

  /** Ledger lines. */
  record LedgerList(@Doc("Oldest first") List<LedgerView> items) {}

  /** Funding booked at a settlement. */
  record FundingView(
      @Doc(
              value = "Mode",
              allowed = {"dry_run", "real"})
          String mode,
      @Doc("Settlement, epoch ms") long timeMs,
      @Doc("Rate") double rate,
      @Doc("Received (+) or paid (−), USDT") String amount) {}

  /** Funding income. */
  record FundingList(
      @Doc("Oldest first") List<FundingView> items, @Doc("Sum, USDT") String total) {}

  /** A risk event or action. */
  record EventView(
      @Doc(
              value = "Severity",
              allowed = {"INFO", "WARN", "CRITICAL"})
          String severity,
      @Doc("Code, e.g. margin_danger, start_requested") String kind,
      @Doc("What happened (and who acted)") String message,
      @Doc("Epoch ms") long timeMs) {}

  /** Events. */
  record EventList(@Doc("Oldest first") List<EventView> items) {}

  /** A carry's report. */
  record ReportView(
      @Doc(
              value = "Period",
              allowed = {"8h", "day", "week", "month"})
          String period,
      @Doc(
              value = "Mode of the records",
              allowed = {"dry_run", "real"})
          String mode,
      @Doc("Periods with records, oldest first") List<ReportRow> items) {}

  /** One period of a report. */
  record ReportRow(
      @Doc("Period start, epoch ms") long startMs,
      @Doc("Period end (exclusive), epoch ms") long endMs,
      @Doc("Funding booked, USDT") String fundingIncome,
      @Doc("Funding settlements booked") int settlements,
      @Doc("Fees of both legs, USDT") String fees,
      @Doc("Spot leg's PnL (fees in, funding apart), USDT") String spotPnl,
      @Doc("Perp leg's PnL (fees in, funding apart), USDT") String perpPnl,
      @Doc("Funding plus both legs' PnL, USDT") String total,
      @Doc("Fills of both legs") int fills,
      @Doc("Largest hedge deviation of the period's snapshots") double maxHedgeDeviation,
      @Doc("Events by kind, kinds sorted") List<EventCount> events) {}

  /** How many events of a kind. */
  record EventCount(@Doc("Event code") String kind, @Doc("How many") int count) {}
}
