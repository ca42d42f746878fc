package io.perpetua.store.memory;

import io.perpetua.store.contract.LifecycleStoreContract;
import io.perpetua.trading.lifecycle.InMemoryLifecycleStore;
import io.perpetua.trading.lifecycle.LifecycleStore;

/** The lifecycle store contract on the in-memory store (a restart keeps the same instance). */
class InMemoryLifecycleStoreTest extends LifecycleStoreContract {
  private LifecycleStore store;

  @Override
  protected LifecycleStore freshStore() {
    store = new InMemoryLifecycleStore();
    return store;
  }

  @Override
  protected LifecycleStore reopen() {
    return store;
  }
}
