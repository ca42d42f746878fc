package io.perpetua.venue.binance;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Binance request payloads: the lower-case hex HMAC-SHA256 of the query string (the {@code
 * signature} parameter of a {@code SIGNED} endpoint), keyed with the API secret.
 *
 * <p>Immutable and thread-safe (a {@link Mac} is created per call). The secret is never exposed and
 * {@link #toString()} does not print it.
 */
public final class HmacSigner {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  /** A signer keyed with {@code secret}. */
  public HmacSigner(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("API secret is required");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  /** The hex signature of {@code payload} (the exact query string that is sent). */
  public String sign(String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** True when {@code signature} is the signature of {@code payload} (constant time). */
  public boolean verify(String payload, String signature) {
    if (signature == null) {
      return false;
    }
    return java.security.MessageDigest.isEqual(
        sign(payload).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "HmacSigner[secret=***]";
  }
}
