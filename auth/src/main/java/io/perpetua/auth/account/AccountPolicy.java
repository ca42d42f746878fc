package io.perpetua.auth.account;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules of logins and tokens. Immutable.
 *
 * @param accessTtl life of an access token (24 h)
 * @param refreshTtl life of a refresh token (7 d)
 * @param maxFailures consecutive failed logins that lock the account (5)
 * @param lockDuration how long the lock lasts (15 min)
 */
public record AccountPolicy(
    Duration accessTtl, Duration refreshTtl, int maxFailures, Duration lockDuration) {
  /** The platform's rules. */
  public static final AccountPolicy DEFAULT =
      new AccountPolicy(Duration.ofHours(24), Duration.ofDays(7), 5, Duration.ofMinutes(15));

  /** The shortest password accepted. */
  public static final int MIN_PASSWORD = 12;

  /** The longest password accepted (Argon2 input is bounded on purpose). */
  public static final int MAX_PASSWORD = 256;

  /** Validates. */
  public AccountPolicy {
    Objects.requireNonNull(accessTtl, "accessTtl");
    Objects.requireNonNull(refreshTtl, "refreshTtl");
    Objects.requireNonNull(lockDuration, "lockDuration");
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be >= 1");
    }
  }
}
