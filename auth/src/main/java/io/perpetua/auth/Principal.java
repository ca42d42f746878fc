package io.perpetua.auth;

import java.util.Objects;

/**
 * An authenticated caller: who (a user name, or the name of a static token), with which role, and
 * through which credential (for the audit log; never the secret itself). Immutable.
 *
 * @param subject the user (or {@code admin-token} / {@code viewer-token} for the static tokens)
 * @param role what the caller may do
 * @param credential the kind and id of the credential, e.g. {@code jwt:<token id>}, {@code
 *     static-token}, {@code api-key:pk_...}
 */
public record Principal(String subject, Role role, String credential) {
  /** Validates. */
  public Principal {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(credential, "credential");
  }
}
