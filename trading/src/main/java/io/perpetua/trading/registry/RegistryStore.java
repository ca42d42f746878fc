package io.perpetua.trading.registry;

import java.util.List;
import java.util.Optional;

/**
 * Where the strategy registry keeps what must survive a restart: configuration change requests,
 * status changes, signal coverage snapshots and the virtual books' daily NAV (a port: in memory for
 * tests and backtests, JDBC in the platform). Thread-safe.
 */
public interface RegistryStore {
  /** Inserts or replaces the change request with this id. */
  void saveChange(ConfigChange change);

  /** The change request. */
  Optional<ConfigChange> change(String id);

  /** The strategy's change requests, oldest first. */
  List<ConfigChange> changes(String strategy);

  /** Appends a status change. */
  void appendStatus(StatusChange change);

  /** Every status change, oldest first. */
  List<StatusChange> statusChanges();

  /** Appends a signal snapshot's coverage. */
  void appendCoverage(SignalCoverage coverage);

  /** Coverage snapshots with {@code fromMs <= time < toMs}, oldest first. */
  List<SignalCoverage> coverage(long fromMs, long toMs);

  /** Inserts or replaces the strategy's NAV of a day. */
  void saveNav(String strategy, NavPoint point);

  /** The strategy's daily NAV from {@code fromMs} on, oldest first. */
  List<NavPoint> navs(String strategy, long fromMs);
}
