package io.perpetua.server.obs;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.perpetua.server.ServerExtension;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.BearerAuth;
import io.perpetua.server.http.RouteDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code GET /metrics}: the {@link PlatformMetrics} in the Prometheus text format. It needs a
 * bearer token of any role (Prometheus: {@code authorization: {credentials_file: ...}}); without
 * one the answer is the API's 401 envelope. Thread-safe.
 */
public final class MetricsEndpoint implements ServerExtension {
  /** The path. */
  public static final String PATH = "/metrics";

  /** The Prometheus text format's content type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PlatformMetrics metrics;

  /** The endpoint over {@code metrics}. */
  public MetricsEndpoint(PlatformMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void install(Javalin javalin, Host host) {
    for (HandlerType type : new HandlerType[] {HandlerType.GET, HandlerType.HEAD}) {
      javalin.addHttpHandler(type, PATH, ctx -> serve(ctx, host));
    }
  }

  private void serve(Context ctx, Host host) {
    ctx.attribute(RequestLog.ROUTE_ATTRIBUTE, PATH);
    String header = ctx.header("Authorization");
    String token = BearerAuth.tokenOf(header);
    if (token == null) {
      host.dispatcher()
          .writeError(
              ctx,
              ApiError.MISSING_TOKEN,
              "Missing bearer token: send 'Authorization: Bearer <token>'");
      return;
    }
    var role = host.auth().role(token);
    if (role.isEmpty()) {
      host.dispatcher().writeError(ctx, ApiError.INVALID_TOKEN, "Invalid bearer token");
      return;
    }
    ctx.attribute(RouteDispatcher.ROLE_ATTRIBUTE, role.get());
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(CONTENT_TYPE).result(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
