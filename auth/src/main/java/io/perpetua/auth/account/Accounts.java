package io.perpetua.auth.account;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.AuthException.Reason;
import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.auth.token.JwtCodec;
import io.perpetua.auth.token.RefreshToken;
import io.perpetua.auth.token.RefreshTokenStore;
import io.perpetua.auth.token.TokenPair;
import io.perpetua.core.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Logins and tokens: register with an invite, log in (password, then TOTP when enabled; a lock
 * after {@link AccountPolicy#maxFailures} failures), refresh with one-time rotation (a reused
 * refresh token revokes its whole family), log out, and authenticate an access token. Every time
 * comes from the injected clock. Thread-safe (the stores are; the refresh rotation is a
 * compare-and-set in the store).
 */
public final class Accounts {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserStore users;
  private final InviteStore invites;
  private final RefreshTokenStore refreshTokens;
  private final PasswordHasher hasher;
  private final JwtCodec jwt;
  private final Clock clock;
  private final AccountPolicy policy;
  private final String dummyHash;

  /** Accounts over these stores. */
  public Accounts(
      UserStore users,
      InviteStore invites,
      RefreshTokenStore refreshTokens,
      PasswordHasher hasher,
      JwtCodec jwt,
      Clock clock,
      AccountPolicy policy) {
    this.users = Objects.requireNonNull(users, "users");
    this.invites = Objects.requireNonNull(invites, "invites");
    this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.jwt = Objects.requireNonNull(jwt, "jwt");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.dummyHash = hasher.hash("not-a-password-" + UUID.randomUUID());
  }

  /** The user store (for the admin commands). */
  public UserStore users() {
    return users;
  }

  /** The invite store (for the admin commands). */
  public InviteStore invites() {
    return invites;
  }

  /** The password hasher. */
  public PasswordHasher hasher() {
    return hasher;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /**
   * Creates an account with {@code role} directly (the CLI's {@code admin create}).
   *
   * @throws AuthException {@link Reason#USER_EXISTS} or {@link Reason#INVALID_INPUT}
   */
  public User create(String username, String password, Role role) {
    checkCredentials(username, password);
    User user = User.create(username, role, hasher.hash(password), now());
    if (!users.insert(user)) {
      throw new AuthException(Reason.USER_EXISTS, "User name is taken");
    }
    return user;
  }

  /**
   * Registers with an invite code: the account gets the invite's role.
   *
   * @throws AuthException {@link Reason#INVALID_INVITE}, {@link Reason#USER_EXISTS}, {@link
   *     Reason#INVALID_INPUT}
   */
  public User register(String inviteCode, String username, String password) {
    checkCredentials(username, password);
    Optional<InviteCode> invite = inviteCode == null ? Optional.empty() : invites.find(inviteCode);
    if (invite.isEmpty() || !invite.get().status(now()).equals("active")) {
      throw new AuthException(Reason.INVALID_INVITE, "Invalid, expired or used-up invite code");
    }
    if (users.find(username).isPresent()) {
      throw new AuthException(Reason.USER_EXISTS, "User name is taken");
    }
    String hash = hasher.hash(password);
    if (!invites.consume(inviteCode, now())) {
      throw new AuthException(Reason.INVALID_INVITE, "Invalid, expired or used-up invite code");
    }
    User user = User.create(username, invite.get().role(), hash, now());
    if (!users.insert(user)) {
      throw new AuthException(Reason.USER_EXISTS, "User name is taken");
    }
    return user;
  }

  /**
   * Logs in.
   *
   * @param totpCode the TOTP or a recovery code; required when the account has TOTP enabled
   * @throws AuthException {@link Reason#BAD_CREDENTIALS}, {@link Reason#LOCKED}, {@link
   *     Reason#TOTP_REQUIRED}, {@link Reason#BANNED}
   */
  public TokenPair login(String username, String password, String totpCode) {
    Optional<User> found = User.isValidUsername(username) ? users.find(username) : Optional.empty();
    if (found.isEmpty()) {
      hasher.verify(password == null ? "" : password, dummyHash); // same work as a real check
      throw badCredentials();
    }
    User user = found.get();
    Instant now = now();
    if (user.lockedAt(now)) {
      throw new AuthException(
          Reason.LOCKED,
          "Too many failed logins; the account is locked until " + user.lockedUntil());
    }
    if (!hasher.verify(password == null ? "" : password, user.passwordHash())) {
      recordFailure(user, now);
      throw badCredentials();
    }
    if (user.totpEnabled()) {
      Optional<User> afterCode = TotpEnrollment.checkSecondFactor(user, totpCode, now);
      if (afterCode.isEmpty()) {
        recordFailure(user, now);
        throw new AuthException(Reason.TOTP_REQUIRED, "A valid TOTP or recovery code is required");
      }
      user = afterCode.get();
    }
    if (user.banned()) {
      throw new AuthException(Reason.BANNED, "This account is banned");
    }
    users.update(user.withLogins(0, null));
    return issue(user, UUID.randomUUID().toString());
  }

  private void recordFailure(User user, Instant now) {
    int failures = (user.lockedUntil() != null ? 0 : user.failedLogins()) + 1;
    if (failures >= policy.maxFailures()) {
      users.update(user.withLogins(0, now.plus(policy.lockDuration())));
    } else {
      users.update(user.withLogins(failures, null));
    }
  }

  /**
   * Exchanges a refresh token for a new pair; the old one is spent. Presenting a spent token again
   * revokes every token of its family (someone else has a copy).
   *
   * @throws AuthException {@link Reason#INVALID_TOKEN}, {@link Reason#EXPIRED_TOKEN}, {@link
   *     Reason#REFRESH_REUSED}, {@link Reason#BANNED}
   */
  public TokenPair refresh(String refreshToken) {
    Instant now = now();
    RefreshToken stored =
        refreshTokens
            .find(sha256(refreshToken == null ? "" : refreshToken))
            .orElseThrow(() -> new AuthException(Reason.INVALID_TOKEN, "Invalid refresh token"));
    if (stored.revokedAt() != null) {
      throw new AuthException(Reason.INVALID_TOKEN, "The refresh token was revoked");
    }
    if (!refreshTokens.rotate(stored.tokenHash(), now)) {
      refreshTokens.revokeFamily(stored.family(), now);
      throw new AuthException(
          Reason.REFRESH_REUSED,
          "Refresh token reused: every session of this login is revoked; log in again");
    }
    if (!now.isBefore(stored.expiresAt())) {
      throw new AuthException(Reason.EXPIRED_TOKEN, "The refresh token has expired; log in again");
    }
    User user = users.find(stored.username()).orElseThrow(() -> invalidToken());
    if (user.banned()) {
      refreshTokens.revokeUser(user.username(), now);
      throw new AuthException(Reason.BANNED, "This account is banned");
    }
    return issue(user, stored.family());
  }

  /** Revokes the family of {@code refreshToken} (log out); unknown tokens are ignored. */
  public void logout(String refreshToken) {
    refreshTokens
        .find(sha256(refreshToken == null ? "" : refreshToken))
        .ifPresent(t -> refreshTokens.revokeFamily(t.family(), now()));
  }

  /**
   * The caller of an access token: signature, expiry, and that the user is not banned and the
   * login's family not revoked.
   *
   * @throws AuthException {@link Reason#INVALID_TOKEN} or {@link Reason#EXPIRED_TOKEN}
   */
  public Principal authenticate(String accessToken) {
    Map<String, Object> claims = jwt.verify(accessToken, Math.floorDiv(clock.nowMillis(), 1000));
    if (!(claims.get("sub") instanceof String sub)
        || !(claims.get("fam") instanceof String family)
        || !(claims.get("jti") instanceof String jti)) {
      throw invalidToken();
    }
    User user = users.find(sub).orElseThrow(Accounts::invalidToken);
    if (user.banned() || refreshTokens.familyRevoked(family)) {
      throw invalidToken();
    }
    return new Principal(user.username(), user.role(), "jwt:" + jti);
  }

  private TokenPair issue(User user, String family) {
    Instant now = now();
    Instant accessExpiry = now.plus(policy.accessTtl());
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", user.username());
    claims.put("role", user.role().code());
    claims.put("fam", family);
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", accessExpiry.getEpochSecond());
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String refresh = "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant refreshExpiry = now.plus(policy.refreshTtl());
    refreshTokens.insert(
        new RefreshToken(sha256(refresh), family, user.username(), now, refreshExpiry, null, null));
    return new TokenPair(jwt.sign(claims), accessExpiry, refresh, refreshExpiry);
  }

  /** Checks a user name and password against the rules. */
  static void checkCredentials(String username, String password) {
    if (!User.isValidUsername(username)) {
      throw new AuthException(
          Reason.INVALID_INPUT, "Invalid field 'username': 3..64 of a-z 0-9 _ . @ -");
    }
    if (password == null
        || password.length() < AccountPolicy.MIN_PASSWORD
        || password.length() > AccountPolicy.MAX_PASSWORD
        || password.isBlank()) {
      throw new AuthException(
          Reason.INVALID_INPUT,
          "Invalid field 'password': "
              + AccountPolicy.MIN_PASSWORD
              + ".."
              + AccountPolicy.MAX_PASSWORD
              + " characters");
    }
  }

  private static AuthException badCredentials() {
    return new AuthException(Reason.BAD_CREDENTIALS, "Wrong user name or password");
  }

  private static AuthException invalidToken() {
    return new AuthException(Reason.INVALID_TOKEN, "Invalid bearer token");
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.nowMillis());
  }

  /** SHA-256 hex of {@code value}. */
  public static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
