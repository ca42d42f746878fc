package io.perpetua.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.perpetua.auth.AuthException;
import io.perpetua.auth.Principal;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.port.ServiceUnavailableException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Route} for a request: checks the bearer token (or runs the route's {@link
 * RequestAuthenticator}), parses and validates the declared parameters (rejecting undeclared ones)
 * and the body, calls the handler and writes the envelope. Every failure becomes an error envelope
 * with its {@link ApiError}; unexpected exceptions are logged with a reference and answered with a
 * generic 50000 that carries only the reference. Responses of {@link Route.Style#BARE} routes are
 * the bare data and {@link ErrorObject} errors.
 *
 * <p>Thread-safe: holds only immutable collaborators.
 */
public final class RouteDispatcher {
  /** Context attribute holding the envelope code written, for the request log. */
  public static final String CODE_ATTRIBUTE = "perpetua.envelope.code";

  /**
   * Context attribute holding the authenticated caller's role for the request log: {@code admin},
   * {@code trader}, {@code viewer} or {@code api-key}; absent when the request was not
   * authenticated.
   */
  public static final String ROLE_ATTRIBUTE = "perpetua.caller.role";

  /** Context attribute holding the bearer token's {@link Principal}, when authenticated. */
  public static final String PRINCIPAL_ATTRIBUTE = "perpetua.caller.principal";

  private static final Logger LOG = LoggerFactory.getLogger(RouteDispatcher.class);
  private static final String JSON = "application/json; charset=utf-8";
  private static final String BEARER = "Bearer ";

  private final ObjectMapper mapper;
  private final BearerAuthenticator authenticator;
  private final RateLimits limits;
  private final Clock clock;
  private final ResponseMemo memo;

  /**
   * A dispatcher.
   *
   * @param mapper the API's JSON mapper ({@link io.perpetua.server.json.Json#newMapper()})
   * @param tokenCheck whether a presented bearer token is the right one (constant-time)
   * @param clock wall clock for envelope timestamps
   */
  public RouteDispatcher(ObjectMapper mapper, Predicate<String> tokenCheck, Clock clock) {
    this(mapper, tokenCheck, t -> false, clock);
  }

  /**
   * A dispatcher with two roles: the admin token may call every route, the viewer token only GET
   * routes (anything else is 403/40108).
   *
   * @param mapper the API's JSON mapper
   * @param tokenCheck whether a presented bearer token is the admin token (constant-time)
   * @param viewerCheck whether it is a read-only viewer token (constant-time)
   * @param clock wall clock for envelope timestamps
   */
  public RouteDispatcher(
      ObjectMapper mapper,
      Predicate<String> tokenCheck,
      Predicate<String> viewerCheck,
      Clock clock) {
    this(
        mapper, new StaticTokenAuthenticator(tokenCheck, viewerCheck), RateLimits.UNLIMITED, clock);
  }

  /**
   * A dispatcher authenticating bearer tokens with {@code authenticator}: a route opens to a token
   * whose role includes the route's {@link Route#role()} (else 403/40108).
   *
   * @param limits the request rate limits per client IP and per caller
   */
  public RouteDispatcher(
      ObjectMapper mapper, BearerAuthenticator authenticator, RateLimits limits, Clock clock) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.memo = new ResponseMemo(mapper);
  }

  /** Handles a request matched to {@code route}; never throws. */
  public void handle(Route route, Context ctx) {
    try {
      Caller caller = null;
      Principal principal = null;
      String ip = ctx.ip();
      limits.checkClient(ip);
      Optional<RequestAuthenticator> signed = route.authenticator();
      if (signed.isPresent()) {
        caller = signed.get().authenticate(raw(ctx));
        ctx.attribute(ROLE_ATTRIBUTE, "api-key");
      } else if (route.authRequired()) {
        principal = authenticate(route, ctx.header("Authorization"));
        ctx.attribute(ROLE_ATTRIBUTE, principal.role().code());
        ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
        limits.checkCaller(principal.subject());
      }
      Map<String, Object> params = parseParams(route, ctx);
      Object body = null;
      if (route.bodyType().isPresent()) {
        body = BodyParser.parse(mapper, ctx.bodyAsBytes(), route.bodyType().get());
      }
      Object data =
          route
              .handler()
              .handle(
                  new ApiRequest(route, params, body, caller, principal, RequestIds.of(ctx), ip));
      if (route.method() == HttpMethod.GET && data != null) {
        byte[] answer = memo.body(route, data, now());
        writeBytes(ctx, route.successStatus(), answer, route.style().bare() ? null : 0);
      } else if (route.style().bare()) {
        writeJson(ctx, route.successStatus(), data, null);
      } else {
        write(ctx, route.successStatus(), Envelope.success(data, now()));
      }
    } catch (Exception e) {
      fail(route, ctx, e);
    }
  }

  /** The request as sent: raw target (path and query, undecoded), headers and body. */
  private static RawRequest raw(Context ctx) {
    String query = ctx.req().getQueryString();
    String target = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
    return RawRequest.of(ctx.method().name(), target, ctx.headerMap(), ctx.bodyAsBytes());
  }

  /**
   * Answers a request that matched no route: 405 if the path exists for other methods, else 404.
   */
  public void unmatched(Context ctx, Set<String> allowedMethods) {
    unmatched(ctx, allowedMethods, Route.Style.ENVELOPE);
  }

  /** {@link #unmatched(Context, Set)}, written in {@code style}. */
  public void unmatched(Context ctx, Set<String> allowedMethods, Route.Style style) {
    if (allowedMethods.isEmpty()) {
      writeError(
          ctx,
          ApiError.UNKNOWN_ROUTE,
          "Unknown route: " + ctx.method().name() + " " + ApiException.echo(ctx.path()),
          style,
          null);
    } else {
      String allow = String.join(", ", new TreeSet<>(allowedMethods));
      ctx.header("Allow", allow);
      writeError(
          ctx,
          ApiError.METHOD_NOT_ALLOWED,
          "Method "
              + ctx.method().name()
              + " not allowed for "
              + ApiException.echo(ctx.path())
              + "; allowed: "
              + allow,
          style,
          null);
    }
  }

  /** Writes the error envelope for any exception; never throws and never exposes internals. */
  public void fail(Context ctx, Exception e) {
    fail(ctx, e, Route.Style.ENVELOPE, null);
  }

  /** Writes the error for any exception in {@code route}'s style; never throws. */
  public void fail(Route route, Context ctx, Exception e) {
    fail(
        ctx,
        e,
        route.style(),
        route.authenticator().map(RequestAuthenticator::scheme).orElse(null));
  }

  private void fail(Context ctx, Exception e, Route.Style style, String challenge) {
    if (e instanceof ApiException api) {
      if (api.error() == ApiError.RATE_LIMITED) {
        ctx.header("Retry-After", "1");
      }
      LOG.debug("{} {} -> {}: {}", ctx.method(), ctx.path(), api.error().code(), api.getMessage());
      writeError(ctx, api.error(), api.getMessage(), style, challenge);
    } else if (e instanceof ServiceUnavailableException) {
      LOG.warn("{} {}: upstream unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
      writeError(
          ctx,
          ApiError.UPSTREAM_UNAVAILABLE,
          "Upstream service unavailable; retry later",
          style,
          challenge);
    } else if (e instanceof HttpResponseException http && http.getStatus() < 500) {
      // Raised by Javalin itself, e.g. a body over the size limit (413); its messages are generic.
      writeError(ctx, ApiError.forStatus(http.getStatus()), http.getMessage(), style, challenge);
    } else {
      String reference = String.format("%08x", ThreadLocalRandom.current().nextInt());
      LOG.error("{} {} failed (reference {})", ctx.method(), ctx.path(), reference, e);
      writeError(
          ctx,
          ApiError.INTERNAL,
          "Internal server error (reference " + reference + ")",
          style,
          challenge);
    }
  }

  /** Writes an error envelope with its HTTP status (and {@code WWW-Authenticate} for 401s). */
  public void writeError(Context ctx, ApiError error, String message) {
    writeError(ctx, error, message, Route.Style.ENVELOPE, null);
  }

  /**
   * Writes an error in {@code style} with its HTTP status. A 401 carries a {@code WWW-Authenticate}
   * challenge: {@code challenge} (a {@link RequestAuthenticator#scheme()}) when given, else the
   * bearer one.
   */
  public void writeError(
      Context ctx, ApiError error, String message, Route.Style style, String challenge) {
    if (challenge != null && error.httpStatus() == 401) {
      ctx.header("WWW-Authenticate", challenge + " realm=\"perpetua\"");
    } else if (error == ApiError.MISSING_TOKEN) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"perpetua\"");
    } else if (error == ApiError.INVALID_TOKEN) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"perpetua\", error=\"invalid_token\"");
    }
    if (style == Route.Style.CONTROL) {
      writeJson(
          ctx,
          error.httpStatus(),
          ControlErrorBody.of(error, message, now().toEpochMilli()),
          error.code());
    } else if (style == Route.Style.BARE) {
      writeJson(ctx, error.httpStatus(), ErrorObject.of(error, message), error.code());
    } else {
      write(ctx, error.httpStatus(), Envelope.error(error, message, now()));
    }
  }

  private void write(Context ctx, int status, Envelope envelope) {
    writeJson(ctx, status, envelope, envelope.code());
  }

  private void writeJson(Context ctx, int status, Object value, Integer code) {
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    writeBytes(ctx, status, json, code);
  }

  private static void writeBytes(Context ctx, int status, byte[] json, Integer code) {
    if (code != null) {
      ctx.attribute(CODE_ATTRIBUTE, code);
    }
    ctx.header("Cache-Control", "no-store");
    ctx.status(status).contentType(JSON).result(json);
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.nowMillis());
  }

  /** Checks the bearer token and the route's role; returns the caller. */
  private Principal authenticate(Route route, String header) {
    if (header == null || header.isBlank()) {
      throw new ApiException(
          ApiError.MISSING_TOKEN, "Missing bearer token: send 'Authorization: Bearer <token>'");
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || header.substring(BEARER.length()).isBlank()) {
      throw new ApiException(
          ApiError.MISSING_TOKEN, "The Authorization header must be 'Bearer <token>'");
    }
    String presented = header.substring(BEARER.length()).strip();
    Principal principal;
    try {
      principal = authenticator.authenticate(presented);
    } catch (AuthException e) {
      if (e.reason() == AuthException.Reason.EXPIRED_TOKEN) {
        throw new ApiException(ApiError.TOKEN_EXPIRED, "The access token has expired; refresh it");
      }
      throw new ApiException(ApiError.INVALID_TOKEN, "Invalid bearer token");
    }
    if (!principal.role().includes(route.role())) {
      throw new ApiException(
          ApiError.FORBIDDEN,
          "This route needs the "
              + route.role().code()
              + " role; this token has "
              + principal.role().code());
    }
    return principal;
  }

  private static Map<String, Object> parseParams(Route route, Context ctx) {
    Map<String, List<String>> query = ctx.queryParamMap();
    Set<String> accepted =
        route.params().stream()
            .filter(p -> p.location() == Param.Location.QUERY)
            .map(Param::name)
            .collect(Collectors.toCollection(TreeSet::new));
    for (String name : new TreeSet<>(query.keySet())) {
      if (!accepted.contains(name)) {
        throw new ApiException(
            ApiError.INVALID_PARAMETER,
            "Unknown parameter '"
                + ApiException.echo(name)
                + "'; "
                + (accepted.isEmpty()
                    ? "this endpoint takes no query parameters"
                    : "accepted parameters: " + accepted));
      }
    }
    Map<String, Object> values = new HashMap<>();
    for (Param<?> p : route.params()) {
      String raw = p.location() == Param.Location.PATH ? ctx.pathParam(p.name()) : single(p, query);
      if (raw == null || raw.isEmpty()) {
        if (p.isRequired()) {
          throw ApiException.missing(p.name());
        }
        p.defaultValue().ifPresent(v -> values.put(p.name(), v));
      } else {
        values.put(p.name(), p.parse(raw));
      }
    }
    return values;
  }

  private static String single(Param<?> p, Map<String, List<String>> query) {
    List<String> given = query.getOrDefault(p.name(), List.of());
    if (given.size() > 1) {
      throw new ApiException(
          ApiError.INVALID_PARAMETER,
          "Invalid parameter '" + p.name() + "': given " + given.size() + " times, expected once");
    }
    return given.isEmpty() ? null : given.get(0);
  }
}
