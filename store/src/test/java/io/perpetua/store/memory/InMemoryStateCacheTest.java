package io.perpetua.store.memory;

import io.perpetua.store.contract.StateCacheContract;
import io.perpetua.trading.port.StateCache;

class InMemoryStateCacheTest extends StateCacheContract {
  @Override
  protected StateCache newCache() {
    return new InMemoryStateCache();
  }
}
