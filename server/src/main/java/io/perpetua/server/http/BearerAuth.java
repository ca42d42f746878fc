package io.perpetua.server.http;

import java.util.Optional;

/**
 * Who a presented bearer token belongs to: the one token check shared by the REST dispatcher, the
 * WebSocket streams and {@code /metrics}, so every entry point accepts the same credentials.
 * Implementations compare in constant time and are thread-safe.
 */
@FunctionalInterface
public interface BearerAuth {
  /** Role of the admin token (every route). */
  String ADMIN = "admin";

  /** Role of the read-only viewer token (GET routes only). */
  String VIEWER = "viewer";

  /**
   * The role of {@code token} ({@link #ADMIN}, {@link #VIEWER} or another role name), empty when
   * the token is not valid.
   */
  Optional<String> role(String token);

  /**
   * The token of an {@code Authorization: Bearer <token>} header value; null when the header is
   * absent or not a non-blank bearer credential.
   */
  static String tokenOf(String header) {
    String bearer = "Bearer ";
    if (header == null || !header.regionMatches(true, 0, bearer, 0, bearer.length())) {
      return null;
    }
    String token = header.substring(bearer.length()).strip();
    return token.isEmpty() ? null : token;
  }
}
