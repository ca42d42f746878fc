package io.perpetua.server.http;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The browser-hardening headers sent on every response (JSON, {@code /docs}, {@code /openapi.json},
 * and the errors Jetty raises itself): no MIME sniffing, no framing, no referrer, and a content
 * security policy that lets Swagger UI at {@code /docs} run from its own origin (scripts and styles
 * from {@code /docs/*}, its inline styles and {@code data:} images, calls to this origin) and
 * nothing else. Stateless.
 */
public final class SecurityHeaders {
  /** The policy; scripts only from this origin, so the docs page has no inline script. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; font-src 'self';"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  /** Every header with its value. */
  public static final Map<String, String> HEADERS =
      Map.of(
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "Content-Security-Policy", CONTENT_SECURITY_POLICY);

  private SecurityHeaders() {}

  /** Sets every header through {@code setter} (e.g. {@code ctx::header}). */
  public static void apply(BiConsumer<String, String> setter) {
    HEADERS.forEach(setter);
  }
}
