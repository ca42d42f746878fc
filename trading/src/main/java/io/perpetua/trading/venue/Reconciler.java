package io.perpetua.trading.venue;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.risk.RiskEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 *       booked by the kernel from its own schedule).
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

  /**
   * What one reconciliation found.
   *
   * @param reachable false when the venue could not be queried (nothing else is then known)
   * @param compared false when the comparison was deferred (orders in flight)
   * @param mismatches one line per difference
   * @param adopted the instruments whose venue position was adopted
   */
  public record Report(
      boolean reachable, boolean compared, List<String> mismatches, List<InstrumentId> adopted) {
    /** Copies the lists. */
    public Report {
      mismatches = List.copyOf(mismatches);
      adopted = List.copyOf(adopted);
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
   * Queries the venue and compares; with {@code adopt}, positions that differ are adopted. Kernel
   * thread only.
   */
  public Report check(long now, boolean adopt, boolean withOpenOrders) {
    sinceCheck = 0;
    checks++;
    Map<InstrumentId, BigDecimal> positions;
    List<String> open;
    Money balance;
    try {
      positions = venue.positions();
      open = withOpenOrders ? venue.openOrders() : List.of();
      balance = venue.balance();
    } catch (ServiceUnavailableException e) {
      bridge.setReachable(false);
      risk.venueReachable(false, now);
      return new Report(false, false, List.of(), List.of());
    }
    bridge.setReachable(true);
    risk.venueReachable(true, now);
    if (!bridge.idle()) {
      return new Report(true, false, List.of(), List.of());
    }
    List<String> mismatches = new ArrayList<>();
    List<InstrumentId> toAdopt = new ArrayList<>();
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
        toAdopt.add(inst.id());
      }
    }
    positions.forEach(
        (id, q) -> {
          if (!traded.contains(id) && q.signum() != 0) {
            mismatches.add(id.venueSymbol() + " position " + q.toPlainString() + " not traded");
          }
        });
    open.forEach(id -> mismatches.add("open order " + id + " unknown to the journal"));
    double wallet = account.wallet().toDouble();
    double diff = Math.abs(balance.toDouble() - wallet);
    if (diff > balanceTolerance * Math.max(1.0, Math.abs(wallet))) {
      mismatches.add(
          "wallet journal " + account.wallet() + " venue " + balance + " (beyond tolerance)");
    }
    List<InstrumentId> adopted = new ArrayList<>();
    if (adopt) {
      for (InstrumentId id : toAdopt) {
        kernel.adoptPosition(id, positions.getOrDefault(id, BigDecimal.ZERO));
        adopted.add(id);
      }
    }
    risk.reconciled(mismatches.size(), !adopted.isEmpty(), String.join("; ", mismatches), now);
    return new Report(true, true, mismatches, adopted);
  }
}
