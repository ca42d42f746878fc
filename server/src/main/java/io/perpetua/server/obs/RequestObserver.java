package io.perpetua.server.obs;

import io.javalin.http.Context;

/**
 * Told of every finished HTTP request (metrics). Called on the request's thread after the response
 * is written; implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface RequestObserver {
  /**
   * A request finished.
   *
   * @param ctx the request (status, attributes)
   * @param route the matched route's path template, e.g. {@code /api/v1/orders/{id}}, or {@code
   *     unmatched}
   * @param millis how long it took
   */
  void finished(Context ctx, String route, double millis);
}
