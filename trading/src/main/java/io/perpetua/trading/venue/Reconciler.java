package io.perpetua.trading.venue;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.port.VenueOpenOrder;
import io.perpetua.trading.risk.RiskEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the kernel's journaled account with what the venue says it holds ({@link VenueAccount})
 * and reports differences to the {@link RiskEngine} (event {@code reconciliation_mismatch}, alert
 * {@code venue_reconciliation}).
 *
 * <ul>
 *   <li>{@link #startup} runs after {@link TradingKernel#resume} and before the first step, so
 *       before any decision: positions, open orders and the balance are compared and reported. It
 *       adopts nothing, because the kernel is about to re-derive any decision it had not journaled
 *       (with the same client order ids; the venue answers with the existing orders and their
 *       fills), which may close the gap by itself.
 *   <li>Every {@code everySteps} bars ({@link #onStep}), when no order is in flight, positions and
 *       the balance are compared again; a position that still differs is <b>adopted</b>: the venue
 *       is the truth ({@link TradingKernel#adoptPosition}), and the alert becomes critical. A
 *       balance difference beyond the tolerance is reported, never adopted (funding and fees are
 *       booked by the kernel from its own schedule). Open orders are compared too: an order with
 *       the platform's id format that the kernel is not working, seen at two checks in a row, is an
 *       orphan (its decision was never journaled, or the journal lost track of it) and is
 *       <b>cancelled</b>; orders placed by someone else on the account are reported, never touched.
 *   <li>Every query also probes the venue: when it cannot be reached, the risk engine is told
 *       ({@code venue_unreachable} alert) and the bridge refuses new orders; the probe then runs on
 *       every bar until the venue answers again.
 * </ul>
 *
 * <p>Not thread-safe: called on the kernel thread (it is the kernel's listener through {@link
 * #onStep}).
 */
public final class Reconciler implements KernelListener {
  private final VenueAccount venue;
  private final RiskEngine risk;
  private final AsyncVenueBridge bridge;
  private final int everySteps;
  private final double balanceTolerance;
  private TradingKernel kernel;
  private int sinceCheck;
  private int checks;
  private Set<String> unknownOrdersBefore = Set.of();
  private volatile Timed last;

  /**
   * What one reconciliation found.
   *
   * @param reachable false when the venue could not be queried (nothing else is then known)
   * @param compared false when the comparison was deferred (orders in flight)
   * @param mismatches one line per difference
   * @param adopted the instruments whose venue position was adopted
   * @param cancelled client ids of orphaned platform orders that were cancelled at the venue
   */
  public record Report(
      boolean reachable,
      boolean compared,
      List<String> mismatches,
      List<InstrumentId> adopted,
      List<String> cancelled) {
    /** Copies the lists. */
    public Report {
      mismatches = List.copyOf(mismatches);
      adopted = List.copyOf(adopted);
      cancelled = List.copyOf(cancelled);
    }

    /** True when the venue answered and agreed with the journal. */
    public boolean consistent() {
      return reachable && compared && mismatches.isEmpty();
    }
  }

  /**
   * A reconciler.
   *
   * @param everySteps bars between periodic reconciliations (at least 1)
   * @param balanceTolerance largest accepted |venue − journal| wallet difference, as a fraction of
   *     the journal's wallet
   */
  public Reconciler(
      VenueAccount venue,
      RiskEngine risk,
      AsyncVenueBridge bridge,
      int everySteps,
      double balanceTolerance) {
    if (everySteps < 1) {
      throw new IllegalArgumentException("everySteps must be at least 1");
    }
    this.venue = venue;
    this.risk = risk;
    this.bridge = bridge;
    this.everySteps = everySteps;
    this.balanceTolerance = balanceTolerance;
  }

  /** The kernel whose account is reconciled (set before it runs). */
  public void attach(TradingKernel kernel) {
    this.kernel = kernel;
  }

  /** Start-up reconciliation: reports positions, open orders and balance; adopts nothing. */
  public Report startup() {
    return check(kernel.now(), false, true);
  }

  /** Reconciliations run so far. */
  public int checks() {
    return checks;
  }

  @Override
  public void onStep(int t, long timeMs, double equity) {
    if (kernel == null) {
      return;
    }
    sinceCheck++;
    if (sinceCheck >= everySteps || !bridge.reachable()) {
      check(timeMs, true, false);
    }
  }

  /**
   * Queries the venue and compares; with {@code adopt}, positions that differ are adopted and
   * orphaned platform orders are cancelled. Kernel thread only.
   */
  public Report check(long now, boolean adopt, boolean withOpenOrders) {
    sinceCheck = 0;
    checks++;
    Map<InstrumentId, BigDecimal> positions;
    List<VenueOpenOrder> open;
    Money balance;
    try {
      positions = venue.positions();
      open = withOpenOrders || adopt ? venue.openOrders() : List.of();
      balance = venue.balance();
    } catch (ServiceUnavailableException e) {
      bridge.setReachable(false);
      risk.venueReachable(false, now);
      return remember(new Report(false, false, List.of(), List.of(), List.of()), now);
    }
    bridge.setReachable(true);
    risk.venueReachable(true, now);
    if (!bridge.idle()) {
      return remember(new Report(true, false, List.of(), List.of(), List.of()), now);
    }
    List<String> mismatches = new ArrayList<>();
    List<InstrumentId> toAdopt = comparePositions(positions, mismatches);
    List<VenueOpenOrder> orphans = unknownOrders(open, mismatches);
    double wallet = kernel.account().wallet().toDouble();
    double diff = Math.abs(balance.toDouble() - wallet);
    if (diff > balanceTolerance * Math.max(1.0, Math.abs(wallet))) {
      mismatches.add(
          "wallet journal "
              + kernel.account().wallet()
              + " venue "
              + balance
              + " (beyond tolerance)");
    }
    List<InstrumentId> adopted = new ArrayList<>();
    List<String> cancelled = new ArrayList<>();
    if (adopt) {
      for (InstrumentId id : toAdopt) {
        kernel.adoptPosition(id, positions.getOrDefault(id, BigDecimal.ZERO));
        adopted.add(id);
      }
      cancelled.addAll(cancelOrphans(orphans, mismatches));
    }
    risk.reconciled(
        mismatches.size(),
        !adopted.isEmpty() || !cancelled.isEmpty(),
        String.join("; ", mismatches),
        now);
    return remember(new Report(true, true, mismatches, adopted, cancelled), now);
  }

  /** The last report and when it was made (any thread); empty before the first check. */
  public Optional<Timed> last() {
    return Optional.ofNullable(last);
  }

  /**
   * A report with its time.
   *
   * @param timeMs kernel time of the check
   * @param report what it found
   */
  public record Timed(long timeMs, Report report) {}

  private Report remember(Report report, long now) {
    last = new Timed(now, report);
    return report;
  }

  /** Adds a line per position difference; returns the instruments that differ. */
  private List<InstrumentId> comparePositions(
      Map<InstrumentId, BigDecimal> positions, List<String> mismatches) {
    List<InstrumentId> differ = new ArrayList<>();
    Account account = kernel.account();
    Set<InstrumentId> traded = new HashSet<>();
    for (Instrument inst : kernel.instruments()) {
      traded.add(inst.id());
      var p = account.position(inst.id());
      BigDecimal journal = p == null ? BigDecimal.ZERO : p.quantity().toBigDecimal();
      BigDecimal actual = positions.getOrDefault(inst.id(), BigDecimal.ZERO);
      if (journal.compareTo(actual) != 0) {
        mismatches.add(
            inst.id().venueSymbol()
                + " position journal "
                + journal.toPlainString()
                + " venue "
                + actual.toPlainString());
        differ.add(inst.id());
      }
    }
    positions.forEach(
        (id, q) -> {
          if (!traded.contains(id) && q.signum() != 0) {
            mismatches.add(id.venueSymbol() + " position " + q.toPlainString() + " not traded");
          }
        });
    return differ;
  }

  /**
   * Open venue orders the kernel is not working: a line each; returns the platform's own (id format
   * {@code pp-}) that were already unknown at the previous check — a second sighting, so an order
   * whose acknowledgement is merely late is never taken for an orphan. Orders placed by someone
   * else on the account are reported, never touched.
   */
  private List<VenueOpenOrder> unknownOrders(List<VenueOpenOrder> open, List<String> mismatches) {
    Set<String> working = new HashSet<>();
    kernel.workingOrderIds().forEach(id -> working.add(id.value()));
    Set<String> unknownNow = new HashSet<>();
    List<VenueOpenOrder> orphans = new ArrayList<>();
    for (VenueOpenOrder o : open) {
      if (working.contains(o.clientOrderId())) {
        continue;
      }
      unknownNow.add(o.clientOrderId());
      if (!o.platformId()) {
        mismatches.add(
            "open order " + o.clientOrderId() + " on " + o.venueSymbol() + " not placed by us");
      } else if (unknownOrdersBefore.contains(o.clientOrderId())) {
        orphans.add(o);
      } else {
        mismatches.add("open order " + o.clientOrderId() + " unknown to the journal");
      }
    }
    unknownOrdersBefore = unknownNow;
    return orphans;
  }

  private List<String> cancelOrphans(List<VenueOpenOrder> orphans, List<String> mismatches) {
    List<String> cancelled = new ArrayList<>();
    for (VenueOpenOrder o : orphans) {
      try {
        venue.cancelOrder(o);
        cancelled.add(o.clientOrderId());
        mismatches.add("orphaned order " + o.clientOrderId() + " cancelled");
      } catch (ServiceUnavailableException e) {
        mismatches.add("orphaned order " + o.clientOrderId() + " not cancelled: " + e.getMessage());
      }
    }
    return cancelled;
  }
}
