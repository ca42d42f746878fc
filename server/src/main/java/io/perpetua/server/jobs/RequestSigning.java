package io.perpetua.server.jobs;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The request-signing scheme of the job API, shared by the server's verifier and clients (tests,
 * the docs' example). The canonical string is
 *
 * <pre>
 * timestamp + "\n" + METHOD + "\n" + target + "\n" + hex(SHA-256(body))
 * </pre>
 *
 * where {@code timestamp} is the {@code X-Perpetua-Timestamp} header exactly as sent (Unix epoch
 * seconds), {@code METHOD} the upper-case HTTP method, {@code target} the path and query exactly as
 * sent ({@code /v1/backtest/jobs?status=done&limit=10}, no host, nothing re-encoded or reordered),
 * and the body hash is lower-case hex of the raw body bytes (of the empty string when there is no
 * body). The signature is lower-case hex of {@code HMAC-SHA256(key = UTF-8 bytes of the secret,
 * message = UTF-8 bytes of the canonical string)}. Stateless.
 */
public final class RequestSigning {
  private RequestSigning() {}

  /** The canonical string of a request. */
  public static String canonical(String timestamp, String method, String target, byte[] body) {
    return timestamp
        + "\n"
        + method
        + "\n"
        + target
        + "\n"
        + HexFormat.of().formatHex(ApiKeySecrets.sha256(body));
  }

  /** The signature of a request, lower-case hex. */
  public static String sign(
      String secret, String timestamp, String method, String target, byte[] body) {
    return HexFormat.of()
        .formatHex(signatureBytes(secret, canonical(timestamp, method, target, body)));
  }

  /** The raw HMAC of {@code canonical} under {@code secret}. */
  static byte[] signatureBytes(String secret, String canonical) {
    return ApiKeySecrets.hmac(
        secret.getBytes(StandardCharsets.UTF_8), canonical.getBytes(StandardCharsets.UTF_8));
  }
}
