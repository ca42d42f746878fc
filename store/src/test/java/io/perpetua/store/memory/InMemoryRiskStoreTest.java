package io.perpetua.store.memory;

import io.perpetua.store.contract.RiskStoreContract;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskStore;

/** The risk store contract in memory (a "restart" keeps the same instance). */
class InMemoryRiskStoreTest extends RiskStoreContract {
  private RiskStore store;

  @Override
  protected RiskStore freshStore() {
    store = new InMemoryRiskStore();
    return store;
  }

  @Override
  protected RiskStore reopen() {
    return store;
  }
}
