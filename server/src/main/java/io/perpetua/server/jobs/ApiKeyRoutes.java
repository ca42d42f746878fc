package io.perpetua.server.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.auth.apikey.ApiKey;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The operator's API-key administration, {@code /api/v1/admin/api-keys} (bearer): create, list and
 * revoke the keys of the signed job API on the running platform, so that {@code perpetua apikey}
 * works while the platform holds the embedded database. The secret is in the create answer only; it
 * is never stored (only its SHA-256) nor logged. Every route needs the admin token (the viewer
 * token gets 403, even on the list). 503 until the database is open. Thread-safe.
 */
public final class ApiKeyRoutes implements RouteGroup {
  private static final String TAG = "API keys";
  private static final String BASE = "/api/v1/admin/api-keys";

  static final Param<String> KEY_ID =
      Param.string("key_id", "pk_[0-9a-f]{24}", 27).inPath().description("Key id (pk_...)");

  private static final String KEY_EXAMPLE =
      "{\"key_id\": \"pk_0123456789abcdef01234567\", \"owner\": \"alice\", \"created_at\":"
          + " \"2026-01-01T00:00:00Z\", \"status\": \"active\", \"revoked_at\": null}";
  private static final String CREATED_EXAMPLE =
      "{\"key_id\": \"pk_0123456789abcdef01234567\", \"owner\": \"alice\", \"created_at\":"
          + " \"2026-01-01T00:00:00Z\", \"secret\":"
          + " \"sk_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ\"}";

  private final Supplier<ApiKeys> keys;

  /** Routes over the keys {@code keys} supplies (null while the database is not open). */
  public ApiKeyRoutes(Supplier<ApiKeys> keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post(BASE)
            .tag(TAG)
            .summary("Create an API key")
            .description(
                "Issues a key of the signed job API for owner. The answer holds the secret, shown"
                    + " this once: it is stored only as a hash and never logged.")
            .body(CreateBody.class, "{\"owner\": \"alice\"}")
            .response(Created.class, CREATED_EXAMPLE)
            .handle(this::create),
        Route.get(BASE)
            .tag(TAG)
            .summary("List API keys")
            .description("Every key, oldest first, never a secret. Admin token only.")
            .adminOnly()
            .response(KeyList.class, "{\"keys\": [" + KEY_EXAMPLE + "]}")
            .handle(r -> new KeyList(service().list().stream().map(ApiKeyRoutes::view).toList())),
        Route.post(BASE + "/{key_id}/revoke")
            .tag(TAG)
            .summary("Revoke an API key")
            .description("Its requests are refused from now on. 404 when no active key has the id.")
            .param(KEY_ID)
            .errors(ApiError.NOT_FOUND)
            .response(
                KeyView.class,
                KEY_EXAMPLE
                    .replace("\"active\"", "\"revoked\"")
                    .replace("\"revoked_at\": null", "\"revoked_at\": \"2026-01-02T00:00:00Z\""))
            .handle(this::revoke));
  }

  private ApiKeys service() {
    ApiKeys k = keys.get();
    if (k == null) {
      throw new ServiceUnavailableException("API key store not open yet", null);
    }
    return k;
  }

  private Created create(ApiRequest request) {
    CreateBody body = request.body(CreateBody.class);
    ApiKeys.Issued issued;
    try {
      issued = service().create(body.owner());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("owner", "1..128 letters, digits, _ . @ -", body.owner());
    }
    ApiKey k = issued.key();
    return new Created(k.keyId(), k.owner(), k.createdAt(), issued.secret());
  }

  private KeyView revoke(ApiRequest request) {
    String id = request.value(KEY_ID);
    ApiKeys service = service();
    if (!service.revoke(id)) {
      throw ApiException.notFound("No active API key " + id);
    }
    return service.list().stream()
        .filter(k -> k.keyId().equals(id))
        .findFirst()
        .map(ApiKeyRoutes::view)
        .orElseThrow(() -> ApiException.notFound("No API key " + id));
  }

  private static KeyView view(ApiKey k) {
    return new KeyView(
        k.keyId(), k.owner(), k.createdAt(), k.active() ? "active" : "revoked", k.revokedAt());
  }

  /** Body of the create. */
  record CreateBody(
      @JsonProperty(required = true) @Doc("The user the key acts for (letters, digits, _ . @ -)")
          String owner) {
    /** Validates the owner. */
    CreateBody {
      if (owner == null || owner.isBlank()) {
        throw ApiException.missing("owner");
      }
      if (!ApiKey.isValidOwner(owner)) {
        throw ApiException.invalid("owner", "1..128 letters, digits, _ . @ -", owner);
      }
    }
  }

  /** A created key with its secret. */
  record Created(
      @Doc("Key id, pk_ + 24 hex digits") String keyId,
      @Doc("The user the key acts for") String owner,
      @Doc("When it was created") Instant createdAt,
      @Doc("The signing secret: shown only in this answer") String secret) {}

  /** A key, without its secret. */
  record KeyView(
      @Doc("Key id") String keyId,
      @Doc("The user the key acts for") String owner,
      @Doc("When it was created") Instant createdAt,
      @Doc(
              value = "Whether requests signed with it are accepted",
              allowed = {"active", "revoked"})
          String status,
      @Nullable @Doc("When it was revoked") Instant revokedAt) {}

  /** Every key. */
  record KeyList(@Doc("Oldest first") List<KeyView> keys) {}
}
