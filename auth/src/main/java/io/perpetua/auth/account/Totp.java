package io.perpetua.auth.account;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): 30-second steps from the Unix
 * epoch, HMAC-SHA1/256/512, 6 or 8 digits. {@link #verify} accepts the current step and one on
 * either side (clock drift). Immutable and thread-safe.
 *
 * @param algorithm the JCA MAC name: {@code HmacSHA1} (what authenticator apps use), {@code
 *     HmacSHA256} or {@code HmacSHA512}
 * @param digits code length, 6..8
 */
public record Totp(String algorithm, int digits) {
  /** The step length in seconds. */
  public static final long STEP_SECONDS = 30;

  /** What authenticator apps expect: SHA-1, 6 digits. */
  public static final Totp STANDARD = new Totp("HmacSHA1", 6);

  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  /** Validates. */
  public Totp {
    if (!algorithm.equals("HmacSHA1")
        && !algorithm.equals("HmacSHA256")
        && !algorithm.equals("HmacSHA512")) {
      throw new IllegalArgumentException("TOTP algorithm must be HmacSHA1/256/512");
    }
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("TOTP digits must be 6..8");
    }
  }

  /** A new random 160-bit secret. */
  public static byte[] newSecret() {
    byte[] secret = new byte[20];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  /** The code at {@code epochSeconds}, zero-padded. */
  public String code(byte[] secret, long epochSeconds) {
    return hotp(secret, Math.floorDiv(epochSeconds, STEP_SECONDS));
  }

  /** Whether {@code code} is valid at {@code epochSeconds} (±1 step); constant-time compare. */
  public boolean verify(byte[] secret, String code, long epochSeconds) {
    if (code == null || code.length() != digits) {
      return false;
    }
    long step = Math.floorDiv(epochSeconds, STEP_SECONDS);
    boolean ok = false;
    for (long s = step - 1; s <= step + 1; s++) {
      ok |= MessageDigest.isEqual(hotp(secret, s).getBytes(), code.getBytes());
    }
    return ok;
  }

  private String hotp(byte[] secret, long counter) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret, "RAW"));
      hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is required by every Java platform", e);
    }
    int offset = hash[hash.length - 1] & 0xf;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    String value = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - value.length()) + value;
  }
}
