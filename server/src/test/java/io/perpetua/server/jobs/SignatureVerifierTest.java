package io.perpetua.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.apikey.ApiKeyStore;
import io.perpetua.auth.apikey.InMemoryApiKeyStore;
import io.perpetua.core.time.ManualClock;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.Caller;
import io.perpetua.server.http.RawRequest;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
  private static final long NOW_S = 1_777_457_700L;
  private static final String TARGET = "/v1/backtest/jobs?status=done&limit=5";
  private static final String BODY = "{\"template_id\":\"tpl_grid\"}";

  private final ManualClock clock = new ManualClock(NOW_S * 1000);
  private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
  private final ApiKeySecrets secrets = ApiKeySecrets.of(JobTestHarness.MASTER_KEY);
  private final ApiKeys keys = new ApiKeys(store, secrets, clock);
  private final ApiKeys.Issued alice = keys.create("alice");
  private SignatureVerifier verifier = verifier(() -> store, 1000);

  private SignatureVerifier verifier(Supplier<ApiKeyStore> keyStore, int capacity) {
    return new SignatureVerifier(keyStore, secrets, clock, Duration.ofSeconds(30), capacity);
  }

  /** A request signed by {@code key} at {@code ts}; {@code tamper} edits the headers after. */
  private static RawRequest request(
      ApiKeys.Issued key, String ts, String method, String target, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> h = new HashMap<>();
    h.put("x-perpetua-api-key", key.key().keyId()); // header names are case-insensitive
    h.put(SignatureVerifier.TIMESTAMP_HEADER, ts);
    h.put(
        SignatureVerifier.SIGNATURE_HEADER,
        RequestSigning.sign(key.secret(), ts, method, target, bytes));
    return RawRequest.of(method, target, h, bytes);
  }

  private RawRequest valid() {
    return request(alice, String.valueOf(NOW_S), "POST", TARGET, BODY);
  }

  private static RawRequest withHeader(RawRequest r, String name, String value) {
    Map<String, String> h = new HashMap<>();
    for (String n :
        new String[] {
          SignatureVerifier.KEY_HEADER,
          SignatureVerifier.TIMESTAMP_HEADER,
          SignatureVerifier.SIGNATURE_HEADER
        }) {
      if (r.header(n) != null) {
        h.put(n, r.header(n));
      }
    }
    if (value == null) {
      h.remove(name);
    } else {
      h.put(name, value);
    }
    return RawRequest.of(r.method(), r.target(), h, r.body());
  }

  private static void assertRejected(ThrowingCallable call, ApiError error, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.error()).isEqualTo(error);
              assertThat(e.error().httpStatus()).isIn(401, 429);
            })
        .hasMessageContaining(message);
  }

  @Test
  void signedRequest_isAccepted_asItsKeysOwner() {
    Caller caller = verifier.authenticate(valid());
    assertThat(caller).isEqualTo(new Caller("alice", alice.key().keyId()));
  }

  @Test
  void canonicalStringAndSignature_matchAnIndependentComputation() {
    // Computed with Python's hashlib/hmac from the scheme in docs/api.md.
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    assertThat(RequestSigning.canonical("1777457700", "POST", "/v1/backtest/jobs?x=1&y=%2F", body))
        .isEqualTo(
            "1777457700\nPOST\n/v1/backtest/jobs?x=1&y=%2F\n"
                + "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
    assertThat(
            RequestSigning.sign(
                "sk_test-secret", "1777457700", "POST", "/v1/backtest/jobs?x=1&y=%2F", body))
        .isEqualTo("335be5bcdc6985aed07a7ee1d7de238bc3cd010da032e2718ae53d60b12d4ea6");
    assertThat(RequestSigning.canonical("1", "GET", "/v1/backtest/jobs", new byte[0]))
        .endsWith("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(secrets.secretFor("pk_000000000000000000000001"))
        .isEqualTo("sk_CXtiSLffEAuqUbBZV093PoasfYZu312bRn02VSqWQNs");
  }

  @Test
  void missingHeaders_areRejected_namingTheHeader() {
    for (String header :
        new String[] {
          SignatureVerifier.KEY_HEADER,
          SignatureVerifier.TIMESTAMP_HEADER,
          SignatureVerifier.SIGNATURE_HEADER
        }) {
      assertRejected(
          () -> verifier.authenticate(withHeader(valid(), header, null)),
          ApiError.MISSING_SIGNATURE,
          "Missing header " + header);
      assertRejected(
          () -> verifier.authenticate(withHeader(valid(), header, " ")),
          ApiError.MISSING_SIGNATURE,
          header);
    }
  }

  @Test
  void unknownOrRevokedKeys_areRejected() {
    assertRejected(
        () ->
            verifier.authenticate(
                withHeader(valid(), SignatureVerifier.KEY_HEADER, "pk_" + "f".repeat(24))),
        ApiError.INVALID_API_KEY,
        "Unknown or revoked API key");
    assertRejected(
        () -> verifier.authenticate(withHeader(valid(), SignatureVerifier.KEY_HEADER, "bogus")),
        ApiError.INVALID_API_KEY,
        "Unknown or revoked");
    RawRequest signed = valid();
    assertThat(keys.revoke(alice.key().keyId())).isTrue();
    assertRejected(
        () -> verifier.authenticate(signed), ApiError.INVALID_API_KEY, "Unknown or revoked");
  }

  @Test
  void timestampsOutsideTheWindow_areStale_bothWays() {
    for (long skew : new long[] {-31, 31, -3600}) {
      RawRequest r = request(alice, String.valueOf(NOW_S + skew), "POST", TARGET, BODY);
      assertRejected(() -> verifier.authenticate(r), ApiError.STALE_TIMESTAMP, "Stale timestamp");
    }
    for (long skew : new long[] {-30, 30}) { // the window's edges are inside
      RawRequest r = request(alice, String.valueOf(NOW_S + skew), "POST", TARGET, BODY);
      assertThat(verifier.authenticate(r).owner()).isEqualTo("alice");
    }
    RawRequest millis = request(alice, String.valueOf(NOW_S * 1000), "POST", TARGET, BODY);
    assertRejected(
        () -> verifier.authenticate(millis), ApiError.STALE_TIMESTAMP, "Unix time in seconds");
    RawRequest iso = request(alice, "2026-04-29T10:15:00Z", "POST", TARGET, BODY);
    assertRejected(() -> verifier.authenticate(iso), ApiError.STALE_TIMESTAMP, "Unix time");
  }

  @Test
  void aReplayedRequest_isRejected_untilItsTimestampIsStaleAnyway() {
    RawRequest r = valid();
    verifier.authenticate(r);
    assertRejected(() -> verifier.authenticate(r), ApiError.REPLAYED_REQUEST, "already received");
    clock.set(clock.nowMillis() + 31_000);
    assertRejected(() -> verifier.authenticate(r), ApiError.STALE_TIMESTAMP, "Stale");
  }

  @Test
  void tamperedRequests_failTheSignature() {
    RawRequest r = valid();
    String ts = r.header(SignatureVerifier.TIMESTAMP_HEADER);
    String sig = r.header(SignatureVerifier.SIGNATURE_HEADER);
    Map<String, String> h =
        Map.of(
            SignatureVerifier.KEY_HEADER,
            alice.key().keyId(),
            SignatureVerifier.TIMESTAMP_HEADER,
            ts,
            SignatureVerifier.SIGNATURE_HEADER,
            sig);
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    for (RawRequest tampered :
        new RawRequest[] {
          RawRequest.of("POST", TARGET, h, "{\"template_id\":\"tpl_other\"}".getBytes()),
          RawRequest.of("PUT", TARGET, h, body),
          RawRequest.of("POST", "/v1/backtest/jobs?status=done&limit=50", h, body),
          RawRequest.of("POST", "/v1/backtest/jobs?limit=5&status=done", h, body),
          withHeader(r, SignatureVerifier.TIMESTAMP_HEADER, String.valueOf(NOW_S - 1)),
        }) {
      assertRejected(
          () -> verifier.authenticate(tampered), ApiError.INVALID_SIGNATURE, "does not match");
    }
    ApiKeys.Issued bob = keys.create("bob");
    RawRequest otherKey = withHeader(r, SignatureVerifier.KEY_HEADER, bob.key().keyId());
    assertRejected(
        () -> verifier.authenticate(otherKey), ApiError.INVALID_SIGNATURE, "does not match");
    assertRejected(
        () -> verifier.authenticate(withHeader(r, SignatureVerifier.SIGNATURE_HEADER, "xyz")),
        ApiError.INVALID_SIGNATURE,
        "64 hexadecimal digits");
    // the genuine request still passes afterwards: failures are not recorded as seen
    assertThat(verifier.authenticate(r).owner()).isEqualTo("alice");
  }

  @Test
  void signatureHex_isCaseInsensitive() {
    RawRequest r = valid();
    RawRequest upper =
        withHeader(
            r,
            SignatureVerifier.SIGNATURE_HEADER,
            r.header(SignatureVerifier.SIGNATURE_HEADER).toUpperCase(java.util.Locale.ROOT));
    assertThat(verifier.authenticate(upper).owner()).isEqualTo("alice");
    assertRejected(() -> verifier.authenticate(r), ApiError.REPLAYED_REQUEST, "already");
  }

  @Test
  void aChangedMasterKey_invalidatesExistingKeys() {
    SignatureVerifier otherMaster =
        new SignatureVerifier(
            () -> store,
            ApiKeySecrets.of("another-master-key-0123456789abcdef"),
            clock,
            Duration.ofSeconds(30),
            10);
    assertRejected(() -> otherMaster.authenticate(valid()), ApiError.INVALID_API_KEY, "Unknown");
  }

  @Test
  void aFullReplayCache_refusesNewRequests_ratherThanForgetting() {
    verifier = verifier(() -> store, 2);
    verifier.authenticate(request(alice, String.valueOf(NOW_S), "GET", "/a", ""));
    verifier.authenticate(request(alice, String.valueOf(NOW_S), "GET", "/b", ""));
    RawRequest third = request(alice, String.valueOf(NOW_S), "GET", "/c", "");
    assertRejected(() -> verifier.authenticate(third), ApiError.RATE_LIMITED, "retry");
    clock.set(clock.nowMillis() + 30_001); // the first two expire
    RawRequest later = request(alice, String.valueOf(NOW_S + 30), "GET", "/c", "");
    assertThat(verifier.authenticate(later).owner()).isEqualTo("alice");
  }

  @Test
  void keyStoreNotOpenYet_isUnavailable() {
    SignatureVerifier early = verifier(() -> null, 10);
    assertThatThrownBy(() -> early.authenticate(valid()))
        .isInstanceOf(ServiceUnavailableException.class);
  }
}
