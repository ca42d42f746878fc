package io.perpetua.server.auth;

import io.perpetua.auth.account.InviteCode;
import io.perpetua.auth.account.User;
import io.perpetua.auth.token.TokenPair;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.time.Instant;
import java.util.List;

/** The response shapes of the account routes. None carries a hash or a stored secret. */
final class AuthViews {
  private AuthViews() {}

  /** Tokens of a login or refresh. */
  record TokenView(
      @Doc("The access token (a JWT): send as Authorization: Bearer") String accessToken,
      @Doc(
              value = "Always Bearer",
              allowed = {"Bearer"})
          String tokenType,
      @Doc("When the access token expires (24 h)") Instant expiresAt,
      @Doc("One-time refresh token: exchange it before it expires (7 d)") String refreshToken,
      @Doc("When the refresh token expires") Instant refreshExpiresAt) {
    static TokenView of(TokenPair p) {
      return new TokenView(
          p.accessToken(), "Bearer", p.accessExpiresAt(), p.refreshToken(), p.refreshExpiresAt());
    }
  }

  /** A user. */
  record UserView(
      @Doc("User name") String username,
      @Doc(
              value = "Role",
              allowed = {"viewer", "trader", "admin"})
          String role,
      @Doc(
              value = "Account status",
              allowed = {"active", "locked", "banned"})
          String status,
      @Doc("Whether logins need a TOTP code") boolean totpEnabled,
      @Nullable @Doc("When a login lock ends") Instant lockedUntil,
      @Nullable @Doc("When the account was created (null for the static tokens)")
          Instant createdAt) {
    static UserView of(User u, Instant now) {
      String status = u.banned() ? "banned" : u.lockedAt(now) ? "locked" : "active";
      return new UserView(
          u.username(),
          u.role().code(),
          status,
          u.totpEnabled(),
          u.lockedAt(now) ? u.lockedUntil() : null,
          u.createdAt());
    }
  }

  /** Every user. */
  record UserList(@Doc("By name") List<UserView> users) {}

  /** An invite code. */
  record InviteView(
      @Doc("The code to give the invitee") String code,
      @Doc(
              value = "Role of accounts created with it",
              allowed = {"viewer", "trader", "admin"})
          String role,
      @Doc("How many accounts it may create") int maxUses,
      @Doc("How many it created") int usedCount,
      @Doc(
              value = "Status",
              allowed = {"active", "disabled", "expired", "used_up"})
          String status,
      @Doc("When it expires") Instant expiresAt,
      @Doc("Who created it") String createdBy,
      @Doc("When") Instant createdAt) {
    static InviteView of(InviteCode i, Instant now) {
      return new InviteView(
          i.code(),
          i.role().code(),
          i.maxUses(),
          i.usedCount(),
          i.status(now),
          i.expiresAt(),
          i.createdBy(),
          i.createdAt());
    }
  }

  /** Every invite. */
  record InviteList(@Doc("Oldest first") List<InviteView> invites) {}

  /** A TOTP set-up. */
  record TotpSetupView(
      @Doc("Base32 secret for the authenticator app") String secret,
      @Doc("otpauth:// URI (QR code content)") String otpauthUri) {}

  /** Recovery codes after enabling TOTP. */
  record RecoveryCodes(@Doc("One-time codes, shown only now") List<String> recoveryCodes) {}

  /** The result of a logout. */
  record LoggedOut(@Doc("Always true: the refresh token's login is revoked") boolean loggedOut) {}
}
