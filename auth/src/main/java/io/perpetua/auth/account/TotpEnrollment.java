package io.perpetua.auth.account;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.AuthException.Reason;
import io.perpetua.core.time.Clock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Two-factor set-up: {@link #begin} stores a new secret (not yet enforced) and returns it with an
 * {@code otpauth://} URI for authenticator apps; {@link #confirm} checks a first code, enables TOTP
 * and returns ten one-time recovery codes (stored only as hashes). Thread-safe.
 */
public final class TotpEnrollment {
  /** How many recovery codes are issued. */
  public static final int RECOVERY_CODES = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserStore users;
  private final Clock clock;

  /** Enrollment over {@code users}. */
  public TotpEnrollment(UserStore users, Clock clock) {
    this.users = Objects.requireNonNull(users, "users");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A new secret and its provisioning URI. */
  public record Setup(String secret, String otpauthUri) {
    /** Redacted. */
    @Override
    public String toString() {
      return "Setup[redacted]";
    }
  }

  /**
   * Starts (or restarts, while not enabled) TOTP set-up for {@code username}.
   *
   * @throws AuthException {@link Reason#NOT_FOUND}, or {@link Reason#CONFLICT} when already enabled
   */
  public Setup begin(String username) {
    User user = find(username);
    if (user.totpEnabled()) {
      throw new AuthException(Reason.CONFLICT, "TOTP is already enabled");
    }
    String secret = Base32.encode(Totp.newSecret());
    users.update(user.withTotp(secret, false, List.of()));
    String label = URLEncoder.encode("Perpetua:" + username, StandardCharsets.UTF_8);
    return new Setup(
        secret, "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Perpetua&digits=6");
  }

  /**
   * Enables TOTP after checking {@code code} against the pending secret.
   *
   * @return the recovery codes (shown once)
   * @throws AuthException {@link Reason#CONFLICT} without a pending set-up, {@link
   *     Reason#TOTP_REQUIRED} for a wrong code
   */
  public List<String> confirm(String username, String code) {
    User user = find(username);
    if (user.totpEnabled() || user.totpSecret() == null) {
      throw new AuthException(Reason.CONFLICT, "No pending TOTP set-up; start one first");
    }
    long now = Math.floorDiv(clock.nowMillis(), 1000);
    if (!Totp.STANDARD.verify(Base32.decode(user.totpSecret()), code, now)) {
      throw new AuthException(Reason.TOTP_REQUIRED, "Wrong TOTP code");
    }
    List<String> codes = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      byte[] bytes = new byte[5];
      RANDOM.nextBytes(bytes);
      String c = HexFormat.of().formatHex(bytes);
      codes.add(c);
      hashes.add(Accounts.sha256(c));
    }
    users.update(user.withTotp(user.totpSecret(), true, hashes));
    return codes;
  }

  /**
   * Checks a login's second factor: a TOTP code, or an unused recovery code (then spent).
   *
   * @return the user to store (with the recovery code removed), or empty when the code is wrong
   */
  static Optional<User> checkSecondFactor(User user, String code, Instant now) {
    if (code == null || code.isEmpty() || code.length() > 32) {
      return Optional.empty();
    }
    if (Totp.STANDARD.verify(Base32.decode(user.totpSecret()), code, now.getEpochSecond())) {
      return Optional.of(user);
    }
    String hash = Accounts.sha256(code.strip().toLowerCase(java.util.Locale.ROOT));
    if (user.recoveryCodeHashes().contains(hash)) {
      List<String> left = new ArrayList<>(user.recoveryCodeHashes());
      left.remove(hash);
      return Optional.of(user.withTotp(user.totpSecret(), true, left));
    }
    return Optional.empty();
  }

  private User find(String username) {
    return users
        .find(username)
        .orElseThrow(() -> new AuthException(Reason.NOT_FOUND, "No such user"));
  }
}
