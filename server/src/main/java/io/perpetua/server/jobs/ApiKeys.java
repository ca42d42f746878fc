package io.perpetua.server.jobs;

import io.perpetua.auth.apikey.ApiKey;
import io.perpetua.auth.apikey.ApiKeyStore;
import io.perpetua.core.time.Clock;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Issues, lists and revokes job-API keys. A key is a random public id ({@code pk_} + 24 hex
 * digits); its secret is derived ({@link ApiKeySecrets}) and returned once, by {@link #create};
 * only the secret's SHA-256 is stored. Thread-safe.
 */
public final class ApiKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ApiKeyStore store;
  private final ApiKeySecrets secrets;
  private final Clock clock;

  /**
   * A newly issued key with its secret, which exists nowhere else: show it once, never log it.
   * {@link #toString()} omits the secret.
   *
   * @param key the stored key
   * @param secret the signing secret
   */
  public record Issued(ApiKey key, String secret) {
    @Override
    public String toString() {
      return "Issued[key=" + key.keyId() + ", owner=" + key.owner() + ", secret=redacted]";
    }
  }

  /** Keys in {@code store}, secrets from {@code secrets}, dates from {@code clock}. */
  public ApiKeys(ApiKeyStore store, ApiKeySecrets secrets, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Issues a key for {@code owner}.
   *
   * @throws IllegalArgumentException if the owner name is not acceptable
   */
  public Issued create(String owner) {
    if (!ApiKey.isValidOwner(owner)) {
      throw new IllegalArgumentException(
          "owner must be 1..128 characters of letters, digits, _ . @ -: '" + owner + "'");
    }
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    String keyId = "pk_" + HexFormat.of().formatHex(random);
    String secret = secrets.secretFor(keyId);
    ApiKey key =
        new ApiKey(
            keyId,
            owner,
            ApiKeySecrets.sha256Hex(secret),
            Instant.ofEpochMilli(clock.nowMillis()),
            null);
    store.insert(key);
    return new Issued(key, secret);
  }

  /** Every key, oldest first. */
  public List<ApiKey> list() {
    return store.list();
  }

  /**
   * Revokes a key; its requests are refused from now on.
   *
   * @return false if there is no such active key
   */
  public boolean revoke(String keyId) {
    return store.revoke(keyId, Instant.ofEpochMilli(clock.nowMillis()));
  }
}
