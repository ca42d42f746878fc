package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.risk.RiskEngine;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Opens the {@link AccountKernel} of each account the control plane trades: every one on the same
 * trading journal, each with a risk engine of its own that follows the platform engine's operator
 * controls (emergency stop, disabled symbols: {@link RiskEngine#followOperatorControls}).
 * Immutable.
 */
public final class AccountKernels {
  private final TradingJournal journal;
  private final RiskEngine platform;
  private final LongSupplier wallClock;
  private final BiConsumer<String, Order> sent;

  private AccountKernels(
      TradingJournal journal,
      RiskEngine platform,
      LongSupplier wallClock,
      BiConsumer<String, Order> sent) {
    this.journal = journal;
    this.platform = platform;
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    this.sent = Objects.requireNonNull(sent, "sent");
  }

  /** Kernels journaled to {@code journal}, bound by {@code platform}'s operator controls. */
  public static AccountKernels journaled(
      TradingJournal journal, RiskEngine platform, LongSupplier wallClock) {
    return new AccountKernels(
        Objects.requireNonNull(journal, "journal"),
        Objects.requireNonNull(platform, "platform"),
        wallClock,
        (a, o) -> {});
  }

  /** Kernels that journal nothing and follow no platform engine (tests of other parts). */
  public static AccountKernels unjournaled(LongSupplier wallClock) {
    return new AccountKernels(null, null, wallClock, (a, o) -> {});
  }

  /** These kernels, telling {@code sent} of every order sent (account id, order). */
  public AccountKernels observing(BiConsumer<String, Order> sent) {
    return new AccountKernels(journal, platform, wallClock, sent);
  }

  /**
   * Opens (resumes from the journal) the kernel of {@code accountId} over {@code venue}, trading
   * {@code instruments}; outcomes go to {@code outcomes}.
   *
   * @param capital the initial capital when the journal has no state of the account yet
   */
  public AccountKernel open(
      String accountId,
      Money capital,
      Venue venue,
      Collection<Instrument> instruments,
      VenueListener outcomes) {
    RiskEngine risk = RiskEngine.unlimited();
    if (platform != null) {
      risk.followOperatorControls(platform);
    }
    return AccountKernel.open(
        accountId,
        capital,
        venue,
        List.copyOf(instruments),
        journal,
        risk,
        wallClock,
        outcomes,
        sent);
  }
}
