package io.perpetua.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin resource sharing for browser clients (the dashboard). A request whose {@code Origin}
 * is allowed gets {@code Access-Control-Allow-Origin} (the origin itself, or {@code *} when any
 * origin is allowed); a preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is
 * answered 204 here, without authentication, allowing the {@code Authorization} and {@code
 * Content-Type} headers. Credentials (cookies) are never allowed: the API uses bearer tokens.
 * Immutable and thread-safe.
 */
public final class CorsPolicy {
  private static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
  private static final String ALLOW_HEADERS = "Authorization, Content-Type";
  private static final String MAX_AGE_SECONDS = "600";

  private final boolean anyOrigin;
  private final Set<String> origins;

  /** Allows {@code origins}; {@code *} allows any; empty allows none. */
  public CorsPolicy(List<String> origins) {
    this.anyOrigin = origins.contains("*");
    this.origins = Set.copyOf(origins);
  }

  /**
   * Adds the CORS headers to the response.
   *
   * @return true if the request was a preflight, now fully answered
   */
  public boolean apply(Context ctx) {
    String origin = ctx.header("Origin");
    boolean allowed = origin != null && (anyOrigin || origins.contains(origin));
    if (allowed) {
      ctx.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
      if (!anyOrigin) {
        ctx.header("Vary", "Origin");
      }
    }
    boolean preflight =
        ctx.method() == HandlerType.OPTIONS
            && origin != null
            && ctx.header("Access-Control-Request-Method") != null;
    if (preflight) {
      if (allowed) {
        ctx.header("Access-Control-Allow-Methods", ALLOW_METHODS);
        ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
        ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
      }
      ctx.status(204);
    }
    return preflight;
  }
}
