package io.perpetua.app;

import io.perpetua.server.v1.VenueRoutes;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.trading.venue.Reconciler;

/**
 * A live venue behind the kernel: the bridge its orders go through, the reconciler that compares
 * the venue with the journal, and the account view {@code GET /api/v1/venues} lists.
 */
interface LiveVenue extends AutoCloseable {
  /** The kernel's venue port. */
  AsyncVenueBridge bridge();

  /** Start-up and periodic reconciliation (kernel thread). */
  Reconciler reconciler();

  /** The venue as the API lists it. */
  VenueRoutes.Connected connected();

  /** A line for the console: where the platform trades. */
  String describe();

  @Override
  void close();
}
