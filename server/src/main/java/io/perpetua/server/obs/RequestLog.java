package io.perpetua.server.obs;

import io.javalin.http.Context;
import io.perpetua.server.http.RouteDispatcher;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every HTTP request: tells the {@link RequestObserver}s (metrics), then writes one line
 * to the logger {@value #LOGGER} — method, path (never the query string, which may carry secrets),
 * status, envelope code, duration, the caller's role ({@code admin}, {@code viewer}, {@code
 * api-key} or {@code anonymous}) and the request id. Never headers, so never a token. The line is
 * INFO; the logger's level decides whether it is written (configuration {@code
 * logging.request_log}), the request id is assigned either way. Thread-safe.
 */
public final class RequestLog {
  /** The logger name of the request lines. */
  public static final String LOGGER = "io.perpetua.server.requests";

  /** The context attribute holding the matched route's path template. */
  public static final String ROUTE_ATTRIBUTE = "perpetua.route";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final List<RequestObserver> observers;

  /** A request log telling {@code observers} (in order) before logging. */
  public RequestLog(List<RequestObserver> observers) {
    this.observers = List.copyOf(Objects.requireNonNull(observers, "observers"));
  }

  /** The request finished after {@code millis}; never throws. */
  public void finished(Context ctx, Float millis) {
    try {
      String route = ctx.attribute(ROUTE_ATTRIBUTE);
      String label = route == null ? "unmatched" : route;
      for (RequestObserver o : observers) {
        o.finished(ctx, label, millis);
      }
      if (LOG.isInfoEnabled()) {
        LOG.info(line(ctx, millis));
      }
    } finally {
      RequestIds.clear();
    }
  }

  private static String line(Context ctx, float millis) {
    Object code = ctx.attribute(RouteDispatcher.CODE_ATTRIBUTE);
    Object role = ctx.attribute(RouteDispatcher.ROLE_ATTRIBUTE);
    StringBuilder line = new StringBuilder(112);
    line.append(ctx.method().name()).append(' ').append(ctx.path());
    line.append(" -> ").append(ctx.statusCode());
    if (code != null) {
      line.append(" (code ").append(code).append(')');
    }
    long hundredths = Math.round(millis * 100.0);
    line.append(" in ").append(hundredths / 100).append('.');
    line.append((char) ('0' + hundredths / 10 % 10)).append((char) ('0' + hundredths % 10));
    line.append(" ms as ").append(role == null ? "anonymous" : role);
    String id = RequestIds.of(ctx);
    if (id != null) {
      line.append(" [request ").append(id).append(']');
    }
    return line.toString();
  }
}
