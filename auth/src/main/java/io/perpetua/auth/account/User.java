package io.perpetua.auth.account;

import io.perpetua.auth.Role;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user account as stored. The password only as its Argon2id hash; the TOTP secret (base32) is
 * needed to check codes, so it is stored as is, and recovery codes only as SHA-256 hashes.
 * Immutable; changes are copies ({@code with*}).
 *
 * @param username unique, 3..64 of {@code a-z 0-9 _ . @ -}
 * @param role what the user may do
 * @param passwordHash the {@link PasswordHasher} PHC string
 * @param banned whether an admin banned the user (no login, tokens refused)
 * @param totpSecret base32 TOTP secret, or null when TOTP was never set up
 * @param totpEnabled whether logins need a TOTP (or recovery) code
 * @param recoveryCodeHashes SHA-256 hex of each unused recovery code
 * @param failedLogins consecutive failed logins since the last success or lock
 * @param lockedUntil when the current lock ends, or null
 * @param createdAt when the account was created
 */
public record User(
    String username,
    Role role,
    String passwordHash,
    boolean banned,
    String totpSecret,
    boolean totpEnabled,
    List<String> recoveryCodeHashes,
    int failedLogins,
    Instant lockedUntil,
    Instant createdAt) {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.@-]{3,64}");

  /** Validates. */
  public User {
    if (!isValidUsername(username)) {
      throw new IllegalArgumentException("username must be 3..64 of a-z 0-9 _ . @ -");
    }
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
    recoveryCodeHashes = List.copyOf(recoveryCodeHashes);
    if (failedLogins < 0) {
      throw new IllegalArgumentException("failedLogins must be >= 0");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new active account without TOTP. */
  public static User create(String username, Role role, String passwordHash, Instant at) {
    return new User(username, role, passwordHash, false, null, false, List.of(), 0, null, at);
  }

  /** Whether {@code value} is an acceptable user name. */
  public static boolean isValidUsername(String value) {
    return value != null && USERNAME.matcher(value).matches();
  }

  /** Whether a lock is in force at {@code now}. */
  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  /** A copy with the login counters. */
  public User withLogins(int failures, Instant lockEnd) {
    return new User(
        username,
        role,
        passwordHash,
        banned,
        totpSecret,
        totpEnabled,
        recoveryCodeHashes,
        failures,
        lockEnd,
        createdAt);
  }

  /** A copy banned or not. */
  public User withBanned(boolean value) {
    return new User(
        username,
        role,
        passwordHash,
        value,
        totpSecret,
        totpEnabled,
        recoveryCodeHashes,
        failedLogins,
        lockedUntil,
        createdAt);
  }

  /** A copy with TOTP state. */
  public User withTotp(String secret, boolean enabled, List<String> recoveryHashes) {
    return new User(
        username,
        role,
        passwordHash,
        banned,
        secret,
        enabled,
        recoveryHashes,
        failedLogins,
        lockedUntil,
        createdAt);
  }

  /** Redacts the hashes and the TOTP secret. */
  @Override
  public String toString() {
    return "User[" + username + ", " + role.code() + (banned ? ", banned" : "") + "]";
  }
}
