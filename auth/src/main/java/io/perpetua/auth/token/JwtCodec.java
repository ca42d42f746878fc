package io.perpetua.auth.token;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.auth.AuthException;
import io.perpetua.auth.AuthException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JWS tokens signed with HMAC-SHA256 ({@code alg: HS256}, RFC 7515/7519). Only HS256 is
 * accepted on input (never {@code none}, never another algorithm the header asks for); the
 * signature is checked in constant time before the payload is parsed; {@code exp} is required.
 * Immutable and thread-safe.
 */
public final class JwtCodec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DEC = Base64.getUrlDecoder();
  private static final String HEADER =
      ENC.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  private static final int MAX_LENGTH = 4096;

  private final byte[] key;

  /**
   * A codec with {@code key}.
   *
   * @throws IllegalArgumentException if the key is shorter than 32 bytes
   */
  public JwtCodec(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the JWT signing key must have at least 256 bits");
    }
    this.key = key.clone();
  }

  /** A signed token carrying {@code claims} (strings and numbers). */
  public String sign(Map<String, Object> claims) {
    try {
      String payload = ENC.encodeToString(JSON.writeValueAsBytes(claims));
      String signingInput = HEADER + "." + payload;
      return signingInput + "." + ENC.encodeToString(mac(signingInput));
    } catch (IOException e) {
      throw new IllegalStateException("claims are not serializable", e);
    }
  }

  /**
   * The claims of a token signed with this key whose {@code exp} (epoch seconds) is after {@code
   * nowSeconds}.
   *
   * @throws AuthException {@link Reason#INVALID_TOKEN} when malformed or wrongly signed, {@link
   *     Reason#EXPIRED_TOKEN} when expired
   */
  public Map<String, Object> verify(String token, long nowSeconds) {
    if (token == null || token.length() > MAX_LENGTH) {
      throw invalid();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(HEADER)) {
      throw invalid();
    }
    byte[] signature;
    try {
      signature = DEC.decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!MessageDigest.isEqual(signature, mac(parts[0] + "." + parts[1]))) {
      throw invalid();
    }
    Map<String, Object> claims;
    try {
      claims =
          JSON.readValue(
              DEC.decode(parts[1]), new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException | IllegalArgumentException e) {
      throw invalid();
    }
    if (!(claims.get("exp") instanceof Number exp)) {
      throw invalid();
    }
    if (exp.longValue() <= nowSeconds) {
      throw new AuthException(Reason.EXPIRED_TOKEN, "The access token has expired; refresh it");
    }
    return claims;
  }

  private static AuthException invalid() {
    return new AuthException(Reason.INVALID_TOKEN, "Invalid bearer token");
  }

  private byte[] mac(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  /** Redacted. */
  @Override
  public String toString() {
    return "JwtCodec[key redacted]";
  }
}
