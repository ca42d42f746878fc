package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.time.Clock;
import io.perpetua.server.v1.VenueRoutes;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.trading.venue.Reconciler;
import java.util.Objects;

/**
 * A live venue behind the kernel (the local fake or Binance itself): the bridge its orders go
 * through, the reconciler that compares the venue's account with the journal, and the account view
 * {@code GET /api/v1/venues} lists. {@link #link} is called once, on the kernel thread, before the
 * venue is published to other threads.
 */
abstract class LiveVenue implements AutoCloseable {
  private final String id;
  private final String role;
  private final VenueAccount account;
  private AsyncVenueBridge bridge;
  private volatile Reconciler reconciler; // the order-flow venue links after it is listed

  /**
   * A venue named {@code id} in the API whose account is {@code account}.
   *
   * @param id the name {@code GET /api/v1/venues} lists it under
   */
  LiveVenue(String id, VenueAccount account) {
    this(id, "kernel", account);
  }

  /**
   * A venue named {@code id} whose account is {@code account}, serving the kernel {@code role}
   * names in the API ({@code kernel}: the platform's, {@code flow}: the order-flow kernel's).
   */
  LiveVenue(String id, String role, VenueAccount account) {
    this.id = Objects.requireNonNull(id, "id");
    this.role = Objects.requireNonNull(role, "role");
    this.account = Objects.requireNonNull(account, "account");
  }

  /**
   * Puts {@code orders} behind the kernel: the bridge (callbacks re-stamped with {@code
   * kernelClock}, {@code feed} given every kernel price) and the reconciler with the {@code venue:}
   * section's settings.
   */
  final void link(
      Venue orders,
      Clock kernelClock,
      AsyncVenueBridge.PriceFeed feed,
      RiskEngine risk,
      PerpetuaConfig.Venue v) {
    bridge = new AsyncVenueBridge(orders, kernelClock, feed, v.settleWaitMs());
    reconciler =
        new Reconciler(account, risk, bridge, v.reconcileEveryBars(), v.balanceTolerance());
  }

  /** The kernel's venue port. */
  final AsyncVenueBridge bridge() {
    return bridge;
  }

  /** Start-up and periodic reconciliation (kernel thread). */
  final Reconciler reconciler() {
    return reconciler;
  }

  /** The venue as the API lists it. */
  final VenueRoutes.Connected connected() {
    return new VenueRoutes.Connected(
        id,
        role,
        "binance-usdm",
        account,
        () -> reconciler == null ? java.util.Optional.empty() : reconciler.last());
  }

  /** A line for the console: where the platform trades. */
  abstract String describe();

  @Override
  public abstract void close();
}
