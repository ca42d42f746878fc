package io.perpetua.server.http;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The static tokens from the environment or the data directory: the admin token acts as an admin
 * API key ({@code admin-token}), the optional viewer token as a viewer ({@code viewer-token}). The
 * checks are constant-time predicates (e.g. {@code ApiToken::matches}). Immutable and thread-safe.
 */
public final class StaticTokenAuthenticator implements BearerAuthenticator {
  private static final Principal ADMIN = new Principal("admin-token", Role.ADMIN, "static-token");
  private static final Principal VIEWER =
      new Principal("viewer-token", Role.VIEWER, "static-viewer-token");

  private final Predicate<String> admin;
  private final Predicate<String> viewer;

  /** Tokens checked by {@code admin} and {@code viewer}. */
  public StaticTokenAuthenticator(Predicate<String> admin, Predicate<String> viewer) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.viewer = Objects.requireNonNull(viewer, "viewer");
  }

  @Override
  public Principal authenticate(String token) {
    if (admin.test(token)) {
      return ADMIN;
    }
    if (viewer.test(token)) {
      return VIEWER;
    }
    throw new AuthException(AuthException.Reason.INVALID_TOKEN, "Invalid bearer token");
  }
}
