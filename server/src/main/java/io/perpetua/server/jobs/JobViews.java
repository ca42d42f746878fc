package io.perpetua.server.jobs;

import io.perpetua.core.time.Times;
import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.EquityCurve;
import io.perpetua.jobs.JobOutput;
import io.perpetua.jobs.Metrics;
import io.perpetua.jobs.TradeRecord;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The response shapes of the job API and their construction from jobs. Decimal values are strings
 * ({@link DecimalText}): money with 2 places, ratios and fractions up to 6, prices and quantities
 * up to 8; non-finite values (e.g. a profit factor without losing trades) are null. Stateless.
 */
final class JobViews {
  private JobViews() {}

  /** A job: {@code GET /v1/backtest/jobs/{id}} and the answers of submit and cancel. */
  record JobView(
      @Doc("Job id, bt_ + 16 hex digits") String id,
      @Doc(
              value = "Where the job is",
              allowed = {"queued", "running", "done", "failed", "cancelled"})
          String status,
      @Doc("The request as accepted, defaults filled in") JobBody config,
      @Doc("When it was accepted") Instant submittedAt,
      @Nullable @Doc("When its (last) run started") Instant startedAt,
      @Nullable @Doc("When it reached done, failed or cancelled") Instant finishedAt,
      @Decimals(Decimals.WEIGHT) @Doc("0 to 1; 1 when done") double progress,
      @Nullable @Doc("Set when done") ResultView result,
      @Nullable @Doc("Why it failed") String error) {}

  /** The result of a done job. */
  record ResultView(
      MetricsView metrics,
      @Nullable
          @Doc(
              "Orders sent, filled and rejected by rule, skipped symbols, and why nothing traded"
                  + " when nothing did (an addition to spec 004; null for jobs done before it was"
                  + " recorded)")
          ActivityView activity,
      @Nullable @Doc("[time, equity] at every bar close; null once purged (after 90 days)")
          List<List<String>> equityCurve,
      @Nullable @Doc("Closed round trips; null once purged (after 90 days)") List<TradeView> trades,
      @Nullable @Doc("When the equity curve and trades were purged") Instant outputPurgedAt) {}

  /** Metrics as decimal strings (kept forever). */
  record MetricsView(
      @Nullable @Doc("Annualised Sharpe ratio") String sharpe,
      @Nullable @Doc("Annualised Sortino ratio") String sortino,
      @Nullable @Doc("CAGR / |max drawdown|") String calmar,
      @Nullable @Doc("Worst peak-to-trough decline, a negative fraction") String maxDrawdown,
      @Nullable @Doc("Share of winning trades") String winRate,
      @Nullable @Doc("Gross profit / gross loss; null without losing trades") String profitFactor,
      @Nullable @Doc("Compound annual growth rate") String cagr,
      @Nullable @Doc("Mean net PnL per trade, quote currency") String expectedValue,
      @Doc("Closed trades") int totalTrades,
      @Nullable @Doc("Mean holding time, seconds") Long avgTradeDurationSeconds) {}

  /** One closed round trip. */
  record TradeView(
      String symbol,
      @Doc(
              value = "Side",
              allowed = {"long", "short"})
          String side,
      Instant entryTime,
      Instant exitTime,
      @Nullable String quantity,
      @Nullable String entryPrice,
      @Nullable String exitPrice,
      @Nullable String grossPnl,
      @Nullable String fees,
      @Nullable String funding,
      @Nullable String netPnl) {}

  /** A page of {@code GET /v1/backtest/jobs}. */
  record JobList(
      List<JobSummary> jobs,
      @Nullable @Doc("Pass as cursor to get the next page; null on the last page")
          String nextCursor) {}

  /** A job in a list: no equity curve or trades. */
  record JobSummary(
      String id,
      @Doc(
              value = "Where the job is",
              allowed = {"queued", "running", "done", "failed", "cancelled"})
          String status,
      JobBody config,
      Instant submittedAt,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt,
      @Decimals(Decimals.WEIGHT) double progress,
      @Nullable @Doc("Set when done") MetricsView metrics,
      @Nullable String error) {}

  static JobView view(BacktestJob job, JobBody config, JobOutput output) {
    ResultView result = null;
    if (job.metrics() != null) {
      result =
          new ResultView(
              metrics(job.metrics()),
              ActivityView.of(job.activity()),
              output == null ? null : curve(output.equity()),
              output == null ? null : trades(output.trades()),
              job.outputPurgedAt());
    }
    return new JobView(
        job.id(),
        job.status().code(),
        config,
        job.submittedAt(),
        job.startedAt(),
        job.finishedAt(),
        job.progress(),
        result,
        job.error());
  }

  static JobSummary summary(BacktestJob job, JobBody config) {
    return new JobSummary(
        job.id(),
        job.status().code(),
        config,
        job.submittedAt(),
        job.startedAt(),
        job.finishedAt(),
        job.progress(),
        job.metrics() == null ? null : metrics(job.metrics()),
        job.error());
  }

  static MetricsView metrics(Metrics m) {
    double duration = m.avgTradeDurationSeconds();
    return new MetricsView(
        DecimalText.plain(m.sharpe(), 6),
        DecimalText.plain(m.sortino(), 6),
        DecimalText.plain(m.calmar(), 6),
        DecimalText.plain(m.maxDrawdown(), 6),
        DecimalText.plain(m.winRate(), 6),
        DecimalText.plain(m.profitFactor(), 6),
        DecimalText.plain(m.cagr(), 6),
        DecimalText.fixed(m.expectedValue(), 2),
        m.totalTrades(),
        Double.isFinite(duration) ? Math.round(duration) : null);
  }

  private static List<List<String>> curve(EquityCurve curve) {
    List<List<String>> points = new ArrayList<>(curve.size());
    for (int i = 0; i < curve.size(); i++) {
      String value = DecimalText.fixed(curve.equity()[i], 2);
      points.add(List.of(Times.iso(curve.timesMs()[i]), value == null ? "NaN" : value));
    }
    return points;
  }

  private static List<TradeView> trades(List<TradeRecord> trades) {
    List<TradeView> out = new ArrayList<>(trades.size());
    for (TradeRecord t : trades) {
      out.add(
          new TradeView(
              t.symbol(),
              t.side(),
              Instant.ofEpochMilli(t.entryTimeMs()),
              Instant.ofEpochMilli(t.exitTimeMs()),
              DecimalText.plain(t.quantity(), 8),
              DecimalText.plain(t.entryPrice(), 8),
              DecimalText.plain(t.exitPrice(), 8),
              DecimalText.fixed(t.grossPnl(), 2),
              DecimalText.fixed(t.fees(), 2),
              DecimalText.fixed(t.funding(), 2),
              DecimalText.fixed(t.netPnl(), 2)));
    }
    return out;
  }
}
