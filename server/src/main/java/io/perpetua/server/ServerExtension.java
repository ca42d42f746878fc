package io.perpetua.server;

import io.javalin.Javalin;
import io.perpetua.server.http.BearerAuth;
import io.perpetua.server.http.RouteDispatcher;

/**
 * Something an {@link ApiServer} serves beside its route table: endpoints that are not JSON
 * request/response routes, such as the Prometheus {@code /metrics} text and the WebSocket streams.
 * Installed once, at {@link ApiServer#start(int)}, after the routes.
 */
@FunctionalInterface
public interface ServerExtension {
  /**
   * Registers the extension's handlers.
   *
   * @param javalin the server being started
   * @param host the server's token check and error writer
   */
  void install(Javalin javalin, Host host);

  /**
   * What an extension may use of its server.
   *
   * @param auth the token check every route uses
   * @param dispatcher writes errors in the API's envelope
   */
  record Host(BearerAuth auth, RouteDispatcher dispatcher) {}
}
