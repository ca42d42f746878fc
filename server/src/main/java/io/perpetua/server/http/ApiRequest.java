package io.perpetua.server.http;

import io.perpetua.auth.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * A request as a handler sees it: parameters already parsed and validated against the route's
 * declarations, and the body already read into the route's body type. Immutable.
 */
public final class ApiRequest {
  private final Route route;
  private final Map<String, Object> params;
  private final Object body;
  private final Caller caller;
  private final Principal principal;
  private final String requestId;
  private final String clientIp;

  /**
   * A request to {@code route}.
   *
   * @param route the matched route
   * @param params parsed values by parameter name; absent optional parameters without a default are
   *     missing from the map
   * @param body the parsed body, or null when the route takes none
   */
  public ApiRequest(Route route, Map<String, Object> params, Object body) {
    this(route, params, body, null);
  }

  /**
   * A request to {@code route} authenticated by its {@link RequestAuthenticator}.
   *
   * @param caller who sent it, or null for routes without an authenticator
   */
  public ApiRequest(Route route, Map<String, Object> params, Object body, Caller caller) {
    this(route, params, body, caller, null, "", "");
  }

  /**
   * A request with everything the dispatcher knows.
   *
   * @param principal the bearer token's caller, or null (public routes, signed routes)
   * @param requestId the request id ({@link RequestIds}), or empty
   * @param clientIp the client's address, or empty
   */
  public ApiRequest(
      Route route,
      Map<String, Object> params,
      Object body,
      Caller caller,
      Principal principal,
      String requestId,
      String clientIp) {
    this.route = route;
    this.params = Map.copyOf(params);
    this.body = body;
    this.caller = caller;
    this.principal = principal;
    this.requestId = requestId == null ? "" : requestId;
    this.clientIp = clientIp == null ? "" : clientIp;
  }

  /** The client's IP address (for per-IP limits), or empty. */
  public String clientIp() {
    return clientIp;
  }

  /**
   * Who sent the request, as established from the bearer token (user, role, credential).
   *
   * @throws IllegalStateException on a route without the bearer token (a programming error)
   */
  public Principal principal() {
    if (principal == null) {
      throw new IllegalStateException(route + " is not authenticated by bearer token");
    }
    return principal;
  }

  /** The request id (for the audit log), or empty. */
  public String requestId() {
    return requestId;
  }

  /**
   * Who sent the request, as established by the route's authenticator.
   *
   * @throws IllegalStateException if the route has no authenticator (a programming error)
   */
  public Caller caller() {
    if (caller == null) {
      throw new IllegalStateException(route + " has no request authenticator");
    }
    return caller;
  }

  /** The parameter's value (or its default); empty when it is optional and absent. */
  public <T> Optional<T> param(Param<T> param) {
    checkDeclared(param);
    @SuppressWarnings("unchecked")
    T value = (T) params.get(param.name());
    return Optional.ofNullable(value);
  }

  /**
   * The value of a parameter that always has one (required, or with a default).
   *
   * @throws IllegalStateException if the parameter is optional without a default (a programming
   *     error: use {@link #param(Param)})
   */
  public <T> T value(Param<T> param) {
    return param(param)
        .orElseThrow(
            () -> new IllegalStateException(param.name() + " is optional; use param(...)"));
  }

  /** The parsed body. */
  public <T> T body(Class<T> type) {
    if (body == null || !type.isInstance(body)) {
      throw new IllegalStateException(route + " declares no body of type " + type.getName());
    }
    return type.cast(body);
  }

  /** The matched route. */
  public Route route() {
    return route;
  }

  private void checkDeclared(Param<?> param) {
    if (route.params().stream().noneMatch(p -> p.name().equals(param.name()))) {
      throw new IllegalStateException(route + " does not declare " + param);
    }
  }
}
