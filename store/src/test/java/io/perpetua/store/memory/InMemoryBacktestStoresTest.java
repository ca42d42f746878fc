package io.perpetua.store.memory;

import io.perpetua.auth.apikey.ApiKeyStore;
import io.perpetua.auth.apikey.InMemoryApiKeyStore;
import io.perpetua.jobs.InMemoryJobStore;
import io.perpetua.jobs.JobStore;
import io.perpetua.store.contract.ApiKeyStoreContract;
import io.perpetua.store.contract.JobStoreContract;
import org.junit.jupiter.api.Nested;

/** The in-memory job and key stores pass the same contracts as the JDBC ones. */
class InMemoryBacktestStoresTest {
  @Nested
  class Jobs extends JobStoreContract {
    @Override
    protected JobStore openFresh() {
      return new InMemoryJobStore();
    }

    @Override
    protected JobStore reopen() {
      return store; // "restart" keeps the instance: it models a store that survives the process
    }
  }

  @Nested
  class Keys extends ApiKeyStoreContract {
    @Override
    protected ApiKeyStore openFresh() {
      return new InMemoryApiKeyStore();
    }
  }
}
