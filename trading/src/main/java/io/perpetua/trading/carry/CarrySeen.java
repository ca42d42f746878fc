package io.perpetua.trading.carry;

import java.util.List;

/**
 * How much of a machine's ledger, funding and alerts has gone to the store, and the latest snapshot
 * key: what is new since the last flush. The carry's thread only.
 */
final class CarrySeen {
  private int ledger;
  private int funding;
  private int alerts;
  private String snapshot = "";

  List<CarryLedger> newLedger(List<CarryLedger> all) {
    List<CarryLedger> fresh = all.subList(Math.min(ledger, all.size()), all.size());
    ledger = all.size();
    return fresh;
  }

  List<CarryFunding> newFunding(List<CarryFunding> all) {
    List<CarryFunding> fresh = all.subList(Math.min(funding, all.size()), all.size());
    funding = all.size();
    return fresh;
  }

  List<CarryAlert> newAlerts(List<CarryAlert> all) {
    List<CarryAlert> fresh = all.subList(Math.min(alerts, all.size()), all.size());
    alerts = all.size();
    return fresh;
  }

  boolean snapshotChanged(String key) {
    boolean changed = !key.equals(snapshot);
    snapshot = key;
    return changed;
  }

  /** A new machine: nothing of it stored yet. */
  void reset() {
    ledger = 0;
    funding = 0;
    alerts = 0;
  }
}
