package io.perpetua.auth;

import java.util.Objects;

/**
 * A refused authentication or account action, with a {@link Reason} the API maps to its error code.
 * Messages never contain secrets and never tell whether a user name exists.
 */
public final class AuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** No token where one is required. */
    MISSING_TOKEN,
    /** The token is malformed, wrongly signed, revoked, or its user is banned. */
    INVALID_TOKEN,
    /** The token was valid but has expired. */
    EXPIRED_TOKEN,
    /** Wrong user name or password (the same answer for both). */
    BAD_CREDENTIALS,
    /** Too many failed logins: the account is locked for a while. */
    LOCKED,
    /** The account has TOTP enabled and the code is missing or wrong. */
    TOTP_REQUIRED,
    /** The account is banned. */
    BANNED,
    /** A refresh token that was already rotated was presented again: its family is revoked. */
    REFRESH_REUSED,
    /** An unknown, expired, used-up or disabled invite code. */
    INVALID_INVITE,
    /** A user with that name exists. */
    USER_EXISTS,
    /** A password or field that does not meet the rules (the message names it). */
    INVALID_INPUT,
    /** The caller's role may not do this, or it is their own four-eyes request. */
    FORBIDDEN,
    /** No such user, invite or request. */
    NOT_FOUND,
    /** The state does not allow the action (e.g. approving a decided request). */
    CONFLICT
  }

  private final Reason reason;

  /** An exception with {@code reason} and a client-safe {@code message}. */
  public AuthException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
