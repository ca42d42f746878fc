package io.perpetua.server;

import io.perpetua.server.http.Route;
import java.util.List;

/**
 * A set of related routes (health, account, risk, orders, ...) added to an {@link ApiServer} with
 * {@link ApiServer#addRoutes(RouteGroup)}. A group is constructed with the services it reads; its
 * routes are registered and documented in OpenAPI from the same declarations.
 */
@FunctionalInterface
public interface RouteGroup {
  /** The group's routes. */
  List<Route> routes();
}
