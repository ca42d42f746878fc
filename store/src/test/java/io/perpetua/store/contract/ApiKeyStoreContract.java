package io.perpetua.store.contract;

import static io.perpetua.store.contract.JobFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.apikey.ApiKey;
import io.perpetua.auth.apikey.ApiKeyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ApiKeyStore} contract for every implementation. */
public abstract class ApiKeyStoreContract {
  protected ApiKeyStore store;

  /** An empty store for one test. */
  protected abstract ApiKeyStore openFresh() throws Exception;

  /** Releases resources; default nothing. */
  protected void closeStore() throws Exception {}

  @BeforeEach
  void open() throws Exception {
    store = openFresh();
  }

  @AfterEach
  void close() throws Exception {
    closeStore();
  }

  private static ApiKey key(int n, String owner) {
    return new ApiKey(
        String.format("pk_%024x", n), owner, String.format("%064x", n), T0.plusSeconds(n), null);
  }

  @Test
  void keys_insertFindList_oldestFirst() {
    store.insert(key(2, "bob"));
    store.insert(key(1, "alice"));
    assertThat(store.find(key(1, "alice").keyId())).contains(key(1, "alice"));
    assertThat(store.find("pk_" + "f".repeat(24))).isEmpty();
    assertThat(store.list()).containsExactly(key(1, "alice"), key(2, "bob"));
    assertThatThrownBy(() -> store.insert(key(1, "mallory")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void revoke_marksTheKey_once() {
    ApiKey k = key(1, "alice");
    store.insert(k);
    assertThat(store.revoke(k.keyId(), T0.plusSeconds(60))).isTrue();
    assertThat(store.revoke(k.keyId(), T0.plusSeconds(99))).isFalse();
    assertThat(store.revoke("pk_" + "f".repeat(24), T0)).isFalse();
    ApiKey revoked = store.find(k.keyId()).orElseThrow();
    assertThat(revoked.active()).isFalse();
    assertThat(revoked.revokedAt()).isEqualTo(T0.plusSeconds(60));
  }
}
