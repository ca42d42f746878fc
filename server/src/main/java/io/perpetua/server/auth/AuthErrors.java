package io.perpetua.server.auth;

import io.perpetua.auth.AuthException;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;

/** Maps an {@link AuthException} to the API's error; the message is already client-safe. */
final class AuthErrors {
  private AuthErrors() {}

  /** The API error for {@code e}. */
  static ApiException of(AuthException e) {
    return new ApiException(error(e.reason()), e.getMessage());
  }

  static ApiError error(AuthException.Reason reason) {
    return switch (reason) {
      case MISSING_TOKEN -> ApiError.MISSING_TOKEN;
      case INVALID_TOKEN -> ApiError.INVALID_TOKEN;
      case EXPIRED_TOKEN -> ApiError.TOKEN_EXPIRED;
      case BAD_CREDENTIALS -> ApiError.BAD_CREDENTIALS;
      case LOCKED -> ApiError.ACCOUNT_LOCKED;
      case TOTP_REQUIRED -> ApiError.TOTP_REQUIRED;
      case BANNED -> ApiError.ACCOUNT_BANNED;
      case REFRESH_REUSED -> ApiError.REFRESH_TOKEN_REUSED;
      case INVALID_INVITE -> ApiError.INVALID_INVITE;
      case USER_EXISTS -> ApiError.USER_EXISTS;
      case INVALID_INPUT -> ApiError.INVALID_PARAMETER;
      case FORBIDDEN -> ApiError.FORBIDDEN;
      case NOT_FOUND -> ApiError.NOT_FOUND;
      case CONFLICT -> ApiError.ALREADY_DECIDED;
    };
  }

  /** Runs {@code action}, mapping its {@link AuthException}. */
  static <T> T call(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (AuthException e) {
      throw of(e);
    }
  }
}
