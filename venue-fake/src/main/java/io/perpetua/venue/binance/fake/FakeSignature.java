package io.perpetua.venue.binance.fake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fake's check of a {@code SIGNED} request, written from Binance's documentation rather than
 * shared with the adapter: the signature is the hex HMAC-SHA256 of the "total params", the query
 * string directly followed by the request body, with the {@code signature} parameter itself left
 * out wherever it was sent (query or body). Immutable and thread-safe.
 */
final class FakeSignature {
  private static final String PARAM = "signature=";
  private final SecretKeySpec key;

  FakeSignature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /**
   * True when {@code query} and {@code body} (either may be empty) carry a valid signature of their
   * other parameters.
   */
  boolean verify(String query, String body) {
    Split q = split(query);
    Split b = split(body);
    String signature = q.signature != null ? q.signature : b.signature;
    if (signature == null || (q.signature != null && b.signature != null)) {
      return false;
    }
    byte[] expected = hex(q.rest + b.rest).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String hex(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private record Split(String rest, String signature) {}

  /** {@code params} without its {@code signature=…} pair, and that pair's value (or null). */
  private static Split split(String params) {
    if (params == null || params.isEmpty()) {
      return new Split("", null);
    }
    String[] pairs = params.split("&", -1);
    StringBuilder rest = new StringBuilder();
    String signature = null;
    for (String pair : pairs) {
      if (pair.startsWith(PARAM) && signature == null) {
        signature = pair.substring(PARAM.length());
        continue;
      }
      if (!rest.isEmpty()) {
        rest.append('&');
      }
      rest.append(pair);
    }
    return new Split(rest.toString(), signature);
  }
}
