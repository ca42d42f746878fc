package io.perpetua.server.http;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.Principal;
import java.util.Objects;

/**
 * Who a bearer token belongs to: the one question every channel asks (HTTP routes through the
 * {@link RouteDispatcher}, WebSocket streams on connect). Implementations are thread-safe.
 */
@FunctionalInterface
public interface BearerAuthenticator {
  /**
   * The caller of {@code token} (without the {@code Bearer } prefix).
   *
   * @throws AuthException {@link AuthException.Reason#INVALID_TOKEN} for an unknown, malformed,
   *     wrongly signed or revoked token, {@link AuthException.Reason#EXPIRED_TOKEN} for an expired
   *     one
   */
  Principal authenticate(String token);

  /** This authenticator, then {@code next} when this one does not know the token. */
  default BearerAuthenticator orElse(BearerAuthenticator next) {
    Objects.requireNonNull(next, "next");
    return token -> {
      try {
        return authenticate(token);
      } catch (AuthException e) {
        if (e.reason() != AuthException.Reason.INVALID_TOKEN) {
          throw e;
        }
        return next.authenticate(token);
      }
    };
  }
}
