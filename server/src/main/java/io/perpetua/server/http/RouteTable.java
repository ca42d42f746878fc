package io.perpetua.server.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The API's routes, in declaration order: the single source from which handlers are registered and
 * the OpenAPI document is generated. Rejects two routes with the same method and path shape.
 * Immutable and thread-safe.
 */
public final class RouteTable {
  private final List<Route> routes;

  private RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
    Set<String> seen = new HashSet<>();
    for (Route r : this.routes) {
      String key = r.method() + " " + r.path().replaceAll("\\{[^/]+}", "{}");
      if (!seen.add(key)) {
        throw new IllegalArgumentException("route declared twice: " + r);
      }
    }
  }

  /** A table of {@code routes}. */
  public static RouteTable of(Collection<Route> routes) {
    return new RouteTable(new ArrayList<>(routes));
  }

  /** This table plus {@code more}. */
  public RouteTable with(Collection<Route> more) {
    List<Route> all = new ArrayList<>(routes);
    all.addAll(more);
    return new RouteTable(all);
  }

  /** All routes in declaration order. */
  public List<Route> routes() {
    return routes;
  }

  /** The methods declared for paths matching {@code requestPath}; empty if the path is unknown. */
  public Set<HttpMethod> methodsFor(String requestPath) {
    Set<HttpMethod> methods = EnumSet.noneOf(HttpMethod.class);
    for (Route r : routes) {
      if (r.matchesPath(requestPath)) {
        methods.add(r.method());
      }
    }
    return methods;
  }
}
