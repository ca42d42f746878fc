package io.perpetua.server.jobs;

import io.perpetua.auth.apikey.ApiKey;
import io.perpetua.auth.apikey.ApiKeyStore;
import io.perpetua.core.time.Clock;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.Caller;
import io.perpetua.server.http.RawRequest;
import io.perpetua.server.http.RequestAuthenticator;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates job-API requests signed with an API key ({@link RequestSigning}): all three headers
 * present, the timestamp within the window of the server clock, the key known and not revoked, the
 * signature equal (constant-time) to the one computed with the key's derived secret, and the same
 * signature not seen before within the window. Each failure is a 401 with its own code; the checks
 * run in that order, so an unauthenticated request never reaches the database beyond the key
 * lookup. Thread-safe.
 */
public final class SignatureVerifier implements RequestAuthenticator {
  /** The header carrying the key id. */
  public static final String KEY_HEADER = "X-Perpetua-API-Key";

  /** The header carrying the Unix time of the request, in seconds. */
  public static final String TIMESTAMP_HEADER = "X-Perpetua-Timestamp";

  /** The header carrying the hex HMAC-SHA256 signature. */
  public static final String SIGNATURE_HEADER = "X-Perpetua-Signature";

  /** The scheme named in {@code WWW-Authenticate}. */
  public static final String SCHEME = "Perpetua-HMAC-SHA256";

  /** Default freshness window: 30 s either side of the server clock. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

  /** Default bound of the replay cache (unexpired signatures remembered). */
  public static final int DEFAULT_REPLAY_CAPACITY = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(SignatureVerifier.class);
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
  private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");

  private final Supplier<ApiKeyStore> keys;
  private final ApiKeySecrets secrets;
  private final Clock clock;
  private final long windowMs;
  private final ReplayCache replays;

  /**
   * A verifier.
   *
   * @param keys the key store; may supply null while the database is opening (requests then get
   *     503)
   * @param secrets derives each key's secret
   * @param clock the server clock
   * @param window how far a timestamp may be from the clock, either way
   * @param replayCapacity how many unexpired signatures are remembered at most
   */
  public SignatureVerifier(
      Supplier<ApiKeyStore> keys,
      ApiKeySecrets secrets,
      Clock clock,
      Duration window,
      int replayCapacity) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive");
    }
    this.windowMs = window.toMillis();
    this.replays = new ReplayCache(replayCapacity);
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(KEY_HEADER, "API key id (pk_...), issued with `perpetua apikey create`.");
    h.put(TIMESTAMP_HEADER, "Unix time of the request in seconds; within 30 s of server time.");
    h.put(
        SIGNATURE_HEADER,
        "Hex HMAC-SHA256 with the key's secret of: timestamp \\n METHOD \\n path?query \\n"
            + " hex(SHA-256(body)). See docs/api.md.");
    return h;
  }

  @Override
  public Set<ApiError> errors() {
    return Set.of(
        ApiError.MISSING_SIGNATURE,
        ApiError.INVALID_API_KEY,
        ApiError.STALE_TIMESTAMP,
        ApiError.REPLAYED_REQUEST,
        ApiError.INVALID_SIGNATURE,
        ApiError.RATE_LIMITED);
  }

  @Override
  public Caller authenticate(RawRequest request) {
    String keyId = required(request, KEY_HEADER);
    String timestamp = required(request, TIMESTAMP_HEADER);
    String signature = required(request, SIGNATURE_HEADER);
    long timestampMs = checkFresh(timestamp);
    ApiKey key = activeKey(keyId);
    String secret = secrets.secretFor(keyId);
    if (!MessageDigest.isEqual(
        ApiKeySecrets.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII),
        key.secretSha256().getBytes(StandardCharsets.US_ASCII))) {
      LOG.warn("API key {} does not match the master key (was the master key changed?)", keyId);
      throw invalidKey();
    }
    if (!SIGNATURE.matcher(signature).matches()) {
      throw new ApiException(
          ApiError.INVALID_SIGNATURE, SIGNATURE_HEADER + " must be 64 hexadecimal digits");
    }
    byte[] expected =
        RequestSigning.signatureBytes(
            secret,
            RequestSigning.canonical(
                timestamp, request.method(), request.target(), request.body()));
    if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
      throw new ApiException(
          ApiError.INVALID_SIGNATURE,
          "Signature does not match the request; sign timestamp, method, path with query and"
              + " the SHA-256 of the body as described in docs/api.md");
    }
    String replayKey = keyId + ":" + signature.toLowerCase(Locale.ROOT);
    switch (replays.record(replayKey, timestampMs + windowMs, clock.nowMillis())) {
      case REPLAYED ->
          throw new ApiException(
              ApiError.REPLAYED_REQUEST,
              "This request was already received; sign every request anew with a fresh"
                  + " timestamp");
      case FULL ->
          throw new ApiException(
              ApiError.RATE_LIMITED, "Too many signed requests at once; retry in a few seconds");
      default -> {}
    }
    return new Caller(key.owner(), keyId);
  }

  private static String required(RawRequest request, String header) {
    String value = request.header(header);
    if (value == null || value.isBlank()) {
      throw new ApiException(
          ApiError.MISSING_SIGNATURE,
          "Missing header "
              + header
              + "; signed requests carry "
              + KEY_HEADER
              + ", "
              + TIMESTAMP_HEADER
              + " and "
              + SIGNATURE_HEADER);
    }
    return value.strip();
  }

  private long checkFresh(String timestamp) {
    long now = clock.nowMillis();
    if (!TIMESTAMP.matcher(timestamp).matches()) {
      throw new ApiException(
          ApiError.STALE_TIMESTAMP,
          "Stale timestamp: " + TIMESTAMP_HEADER + " must be Unix time in seconds");
    }
    long ms = Long.parseLong(timestamp) * 1000;
    if (Math.abs(now - ms) > windowMs) {
      throw new ApiException(
          ApiError.STALE_TIMESTAMP,
          "Stale timestamp: "
              + TIMESTAMP_HEADER
              + " must be within "
              + windowMs / 1000
              + " s of the server time ("
              + now / 1000
              + ")");
    }
    return ms;
  }

  private ApiKey activeKey(String keyId) {
    if (!ApiKey.isValidKeyId(keyId)) {
      throw invalidKey();
    }
    ApiKeyStore store = keys.get();
    if (store == null) {
      throw new ServiceUnavailableException("API key store not open yet", null);
    }
    return store.find(keyId).filter(ApiKey::active).orElseThrow(SignatureVerifier::invalidKey);
  }

  private static ApiException invalidKey() {
    return new ApiException(ApiError.INVALID_API_KEY, "Unknown or revoked API key");
  }
}
