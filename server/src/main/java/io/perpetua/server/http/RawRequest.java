package io.perpetua.server.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request exactly as received, for authenticators that sign over it: the method, the request
 * target as sent (raw path plus {@code ?} and the raw query string, nothing decoded or reordered),
 * the headers and the body bytes. Immutable (the body array is owned by this object).
 */
public final class RawRequest {
  private final String method;
  private final String target;
  private final Map<String, String> headers;
  private final byte[] body;

  private RawRequest(String method, String target, Map<String, String> headers, byte[] body) {
    this.method = method;
    this.target = target;
    this.headers = headers;
    this.body = body;
  }

  /**
   * A request.
   *
   * @param method upper-case method, e.g. {@code POST}
   * @param target raw path and query, e.g. {@code /v1/backtest/jobs?status=done}
   * @param headers header values by name (names are case-insensitive)
   * @param body the body, empty when none
   */
  public static RawRequest of(
      String method, String target, Map<String, String> headers, byte[] body) {
    Map<String, String> lower = new HashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new RawRequest(
        Objects.requireNonNull(method, "method"),
        Objects.requireNonNull(target, "target"),
        Map.copyOf(lower),
        body == null ? new byte[0] : body);
  }

  /** The method. */
  public String method() {
    return method;
  }

  /** Raw path and query as sent. */
  public String target() {
    return target;
  }

  /** A header's value, or null; the name is case-insensitive. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body bytes (do not modify). */
  public byte[] body() {
    return body;
  }
}
