package io.perpetua.server.http;

import java.util.Objects;

/**
 * Who made a request, as established by a route's {@link RequestAuthenticator}. Immutable.
 *
 * @param owner the user the request acts for
 * @param credentialId the credential that authenticated it (e.g. an API key id)
 */
public record Caller(String owner, String credentialId) {
  /** Validates. */
  public Caller {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(credentialId, "credentialId");
  }
}
