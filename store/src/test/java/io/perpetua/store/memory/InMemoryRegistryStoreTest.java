package io.perpetua.store.memory;

import io.perpetua.store.contract.RegistryStoreContract;
import io.perpetua.trading.registry.InMemoryRegistryStore;
import io.perpetua.trading.registry.RegistryStore;

/** The strategy registry store contract in memory (a restart keeps the same instance). */
class InMemoryRegistryStoreTest extends RegistryStoreContract {
  private RegistryStore store;

  @Override
  protected RegistryStore freshStore() {
    store = new InMemoryRegistryStore();
    return store;
  }

  @Override
  protected RegistryStore reopen() {
    return store;
  }
}
