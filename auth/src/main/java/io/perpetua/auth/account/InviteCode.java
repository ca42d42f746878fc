package io.perpetua.auth.account;

import io.perpetua.auth.Role;
import java.time.Instant;
import java.util.Objects;

/**
 * A registration invite: whoever presents the code may create an account with {@link #role} while
 * it is active, unexpired and not used up. Immutable.
 *
 * @param code the secret code ({@code inv_} + 32 hex digits)
 * @param role the role of accounts created with it
 * @param maxUses how many accounts it may create, at least 1
 * @param usedCount how many it created
 * @param disabled whether an admin disabled it
 * @param expiresAt after this it is refused
 * @param createdBy the admin who created it
 * @param createdAt when
 */
public record InviteCode(
    String code,
    Role role,
    int maxUses,
    int usedCount,
    boolean disabled,
    Instant expiresAt,
    String createdBy,
    Instant createdAt) {
  /** Validates. */
  public InviteCode {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(role, "role");
    if (maxUses < 1 || usedCount < 0 || usedCount > maxUses) {
      throw new IllegalArgumentException("invite uses out of range");
    }
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** {@code active}, {@code disabled}, {@code expired} or {@code used_up} at {@code now}. */
  public String status(Instant now) {
    if (disabled) {
      return "disabled";
    }
    if (!now.isBefore(expiresAt)) {
      return "expired";
    }
    return usedCount >= maxUses ? "used_up" : "active";
  }
}
