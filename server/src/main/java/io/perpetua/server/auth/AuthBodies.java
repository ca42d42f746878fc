package io.perpetua.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;

/** The request bodies of the account routes, validated at the boundary; never echo a secret. */
final class AuthBodies {
  private static final int NAME_MAX = 64;
  private static final int SECRET_MAX = 256;

  private AuthBodies() {}

  static String name(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw ApiException.missing(field);
    }
    if (value.length() > NAME_MAX || !value.matches("[a-z0-9_.@-]{3,64}")) {
      throw ApiException.invalid(field, "3..64 of a-z 0-9 _ . @ -", value);
    }
    return value;
  }

  static String secret(String value, String field, int max) {
    if (value == null || value.isEmpty()) {
      throw ApiException.missing(field);
    }
    if (value.length() > max) {
      throw new ApiException(
          io.perpetua.server.http.ApiError.INVALID_PARAMETER,
          "Invalid parameter '" + field + "': at most " + max + " characters");
    }
    return value;
  }

  /** Registration with an invite. */
  record RegisterBody(
      @JsonProperty(required = true) @Doc("Invite code (inv_...)") String inviteCode,
      @JsonProperty(required = true) @Doc("3..64 of a-z 0-9 _ . @ -") String username,
      @JsonProperty(required = true) @Doc("12..256 characters") String password) {
    RegisterBody {
      inviteCode = secret(inviteCode, "invite_code", 64);
      username = name(username, "username");
      password = secret(password, "password", SECRET_MAX);
    }
  }

  /** A login. */
  record LoginBody(
      @JsonProperty(required = true) @Doc("User name") String username,
      @JsonProperty(required = true) @Doc("Password") String password,
      @Nullable @Doc("TOTP or recovery code, when the account has TOTP") String totpCode) {
    LoginBody {
      username = secret(username, "username", NAME_MAX);
      password = secret(password, "password", SECRET_MAX);
      if (totpCode != null && totpCode.length() > 32) {
        throw ApiException.invalid("totp_code", "a 6-digit code or a recovery code", "(hidden)");
      }
    }
  }

  /** A refresh or logout. */
  record RefreshBody(
      @JsonProperty(required = true) @Doc("The refresh token (rt_...)") String refreshToken) {
    RefreshBody {
      refreshToken = secret(refreshToken, "refresh_token", 128);
      if (!refreshToken.matches("rt_[A-Za-z0-9_-]{43}")) {
        throw new ApiException(
            io.perpetua.server.http.ApiError.INVALID_PARAMETER,
            "Invalid parameter 'refresh_token': expected rt_ + 43 base64url characters");
      }
    }
  }

  /** The first code after a TOTP set-up. */
  record TotpConfirmBody(@JsonProperty(required = true) @Doc("6-digit TOTP code") String code) {
    TotpConfirmBody {
      code = secret(code, "code", 8);
    }
  }
}
