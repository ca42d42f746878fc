package io.perpetua.auth;

import java.util.Locale;

/**
 * What a caller may do, ordered: a {@code viewer} reads, a {@code trader} also changes trading
 * (orders, strategies, jobs), an {@code admin} also changes risk, users and keys. Each role
 * includes the ones below it. Crosses the wire as its lower-case {@link #code()}.
 */
public enum Role {
  /** Read-only. */
  VIEWER,
  /** Reads and trades. */
  TRADER,
  /** Everything, including risk limits, users, invites and API keys. */
  ADMIN;

  /** The wire code, e.g. {@code trader}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this role includes {@code required}. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /**
   * The role with wire code {@code code}.
   *
   * @throws IllegalArgumentException for anything else (the message lists the codes)
   */
  public static Role parse(String code) {
    for (Role r : values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("role must be one of viewer, trader, admin");
  }
}
