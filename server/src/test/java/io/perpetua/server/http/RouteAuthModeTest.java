package io.perpetua.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-route authentication mode and response style of {@link Route}. */
class RouteAuthModeTest {
  private static final RequestAuthenticator SIGNED =
      new RequestAuthenticator() {
        @Override
        public String scheme() {
          return "Test-HMAC";
        }

        @Override
        public Map<String, String> headers() {
          return Map.of("X-Test-Signature", "a signature");
        }

        @Override
        public Set<ApiError> errors() {
          return Set.of(ApiError.INVALID_SIGNATURE);
        }

        @Override
        public Caller authenticate(RawRequest request) {
          return new Caller("alice", "k1");
        }
      };

  private static Route.Builder base() {
    return Route.get("/v1/x").tag("T").summary("s").response(String.class, null);
  }

  @Test
  void authenticatedRoutes_skipTheBearerToken_andDeclareTheAuthenticatorsErrors() {
    Route r = base().authenticatedBy(SIGNED).handle(req -> req.caller().owner());
    assertThat(r.authRequired()).isFalse();
    assertThat(r.authenticator()).containsSame(SIGNED);
    assertThat(r.errors())
        .contains(ApiError.INVALID_SIGNATURE)
        .doesNotContain(ApiError.MISSING_TOKEN, ApiError.INVALID_TOKEN);
    assertThat(r.style()).isEqualTo(Route.Style.ENVELOPE);
    assertThat(base().authenticatedBy(SIGNED).publicAccess().handle(x -> 1).authenticator())
        .isEmpty();
  }

  @Test
  void bareRoutes_andTheCallerOfARequest() throws Exception {
    Route r = base().authenticatedBy(SIGNED).bare().handle(req -> req.caller().owner());
    assertThat(r.style()).isEqualTo(Route.Style.BARE);
    ApiRequest signed = new ApiRequest(r, Map.of(), null, new Caller("alice", "k1"));
    assertThat(r.handler().handle(signed)).isEqualTo("alice");
    Route plain = base().handle(req -> 1);
    assertThatThrownBy(() -> new ApiRequest(plain, Map.of(), null).caller())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rawRequest_headersAreCaseInsensitive_andTheBodyIsNeverNull() {
    RawRequest r = RawRequest.of("GET", "/v1/x?a=1", Map.of("X-Test-Signature", "s"), null);
    assertThat(r.header("x-test-signature")).isEqualTo("s");
    assertThat(r.header("X-TEST-SIGNATURE")).isEqualTo("s");
    assertThat(r.header("Other")).isNull();
    assertThat(r.body()).isEmpty();
    assertThat(r.target()).isEqualTo("/v1/x?a=1");
  }

  @Test
  void errorObject_carriesTheErrorName() {
    assertThat(ErrorObject.of(ApiError.RATE_LIMITED, "slow down"))
        .isEqualTo(new ErrorObject(new ErrorObject.Detail("RATE_LIMITED", "slow down")));
  }
}
