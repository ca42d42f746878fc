package io.perpetua.auth.token;

import java.time.Instant;

/**
 * What a login or refresh returns: a short-lived access token (a JWT, sent as {@code Authorization:
 * Bearer}) and a one-time refresh token. Holds secrets: never log it.
 *
 * @param accessToken the JWT
 * @param accessExpiresAt when the access token expires
 * @param refreshToken the opaque refresh token
 * @param refreshExpiresAt when the refresh token expires
 */
public record TokenPair(
    String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {
  /** Redacted. */
  @Override
  public String toString() {
    return "TokenPair[redacted, access until " + accessExpiresAt + "]";
  }
}
