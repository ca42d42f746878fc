package io.perpetua.auth.account;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.AuthException.Reason;
import io.perpetua.auth.Role;
import io.perpetua.auth.token.RefreshTokenStore;
import io.perpetua.core.time.Clock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The admin commands on accounts, shared by the API and the CLI: create, list and disable invite
 * codes; list and ban (or unban) users. A ban also revokes every refresh token of the user, and
 * access tokens are refused from the next request. Thread-safe.
 */
public final class AccountAdmin {
  /** The longest an invite may live. */
  public static final Duration MAX_INVITE_TTL = Duration.ofDays(90);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserStore users;
  private final InviteStore invites;
  private final RefreshTokenStore refreshTokens;
  private final Clock clock;

  /** Admin commands over these stores. */
  public AccountAdmin(
      UserStore users, InviteStore invites, RefreshTokenStore refreshTokens, Clock clock) {
    this.users = Objects.requireNonNull(users, "users");
    this.invites = Objects.requireNonNull(invites, "invites");
    this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A new invite.
   *
   * @throws AuthException {@link Reason#INVALID_INPUT} for uses outside 1..1000 or a ttl outside 1
   *     minute..90 days
   */
  public InviteCode createInvite(String createdBy, Role role, int maxUses, Duration ttl) {
    if (maxUses < 1 || maxUses > 1000) {
      throw new AuthException(Reason.INVALID_INPUT, "Invalid field 'max_uses': 1..1000");
    }
    if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(MAX_INVITE_TTL) > 0) {
      throw new AuthException(Reason.INVALID_INPUT, "Invalid field 'ttl_hours': up to 90 days");
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    Instant now = Instant.ofEpochMilli(clock.nowMillis());
    InviteCode invite =
        new InviteCode(
            "inv_" + HexFormat.of().formatHex(bytes),
            Objects.requireNonNull(role, "role"),
            maxUses,
            0,
            false,
            now.plus(ttl),
            createdBy,
            now);
    invites.insert(invite);
    return invite;
  }

  /** Every invite, oldest first. */
  public List<InviteCode> invites() {
    return invites.list();
  }

  /**
   * Disables an invite.
   *
   * @throws AuthException {@link Reason#NOT_FOUND}
   */
  public InviteCode disableInvite(String code) {
    if (code == null || !invites.disable(code)) {
      throw new AuthException(Reason.NOT_FOUND, "No such invite code");
    }
    return invites.find(code).orElseThrow();
  }

  /** Every user, by name. */
  public List<User> users() {
    return users.list();
  }

  /**
   * Bans (or unbans) a user; a ban revokes their refresh tokens.
   *
   * @return the user before the change
   * @throws AuthException {@link Reason#NOT_FOUND}, or {@link Reason#FORBIDDEN} for banning oneself
   */
  public User setBanned(String actor, String username, boolean banned) {
    User user =
        users
            .find(username == null ? "" : username)
            .orElseThrow(() -> new AuthException(Reason.NOT_FOUND, "No such user"));
    if (banned && user.username().equals(actor)) {
      throw new AuthException(Reason.FORBIDDEN, "An admin cannot ban themselves");
    }
    users.update(user.withBanned(banned));
    if (banned) {
      refreshTokens.revokeUser(username, Instant.ofEpochMilli(clock.nowMillis()));
    }
    return user;
  }
}
