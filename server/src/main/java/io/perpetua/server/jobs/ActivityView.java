package io.perpetua.server.jobs;

import io.perpetua.core.time.Times;
import io.perpetua.jobs.RunActivity;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.util.List;

/**
 * What a finished backtest did besides its PnL, as both backtest APIs show it (an addition to the
 * specs): orders sent, filled and rejected by rule, the symbols left out of the run, and why
 * nothing traded when nothing did. Immutable.
 *
 * @param rebalances rebalances performed
 * @param ordersSent orders that passed the pre-trade checks
 * @param fills fills received
 * @param ordersRejected orders rejected, all rules together
 * @param rejections rejected orders by rule, most frequent first
 * @param skippedSymbols symbols left out of the run, and why
 * @param idleReason why the run traded nothing; null when it traded
 * @param halts risk halts that skipped rebalances, with their dates
 * @param skippedRebalances every rebalance a halt skipped
 */
public record ActivityView(
    @Doc("Rebalances performed") int rebalances,
    @Doc("Orders that passed the pre-trade checks and went to the venue") int ordersSent,
    @Doc("Fills received") int fills,
    @Doc("Orders rejected, all rules together") int ordersRejected,
    @Doc("Rejected orders by rule, most frequent first") List<RejectionView> rejections,
    @Doc("Symbols left out of the run (no bars, or no volume for dollar bars)")
        List<SkippedView> skippedSymbols,
    @Nullable @Doc("Why the run traded nothing; null when it traded") String idleReason,
    @Doc("Risk halts that skipped rebalances (the figures are then the halted book's)")
        List<HaltView> halts,
    @Doc("Every rebalance a halt skipped") List<SkippedRebalanceView> skippedRebalances) {

  /** Consecutive rebalances skipped for one reason. */
  public record HaltView(
      @Doc("What halted trading, e.g. max_drawdown_halt") String reason,
      @Doc("First skipped rebalance (ISO 8601)") String from,
      @Doc("Last skipped rebalance (ISO 8601)") String to,
      @Doc("Rebalances skipped") int skippedRebalances) {}

  /** A skipped rebalance. */
  public record SkippedRebalanceView(
      @Doc("When it was due (ISO 8601)") String time, @Doc("What halted trading") String reason) {}

  /** The orders one rule rejected. */
  public record RejectionView(
      @Doc("Risk rule, filter or venue, e.g. max_position_pct") String rule,
      @Doc("Orders it rejected") int count,
      @Doc("The reason given for the first of them") String example) {}

  /** A symbol left out of a run. */
  public record SkippedView(@Doc("Venue symbol") String symbol, @Doc("Why") String reason) {}

  /** The view of {@code a}; null for null (jobs done before activity was recorded). */
  public static ActivityView of(RunActivity a) {
    if (a == null) {
      return null;
    }
    return new ActivityView(
        a.rebalances(),
        a.ordersSent(),
        a.fills(),
        a.ordersRejected(),
        a.rejections().stream()
            .map(r -> new RejectionView(r.rule(), r.count(), r.example()))
            .toList(),
        a.skipped().stream().map(s -> new SkippedView(s.symbol(), s.reason())).toList(),
        a.idleReason().orElse(null),
        a.halts().stream()
            .map(
                h ->
                    new HaltView(
                        h.reason(),
                        Times.iso(h.fromMs()),
                        Times.iso(h.toMs()),
                        h.skippedRebalances()))
            .toList(),
        a.skippedRebalances().stream()
            .map(r -> new SkippedRebalanceView(Times.iso(r.timeMs()), r.reason()))
            .toList());
  }
}
