package io.perpetua.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.perpetua.auth.AuthException;
import io.perpetua.core.time.Clock;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.server.docs.SwaggerUi;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.BearerAuth;
import io.perpetua.server.http.BearerAuthenticator;
import io.perpetua.server.http.CorsPolicy;
import io.perpetua.server.http.HttpMethod;
import io.perpetua.server.http.JettyErrorHandler;
import io.perpetua.server.http.RateLimits;
import io.perpetua.server.http.RequestLineRecorder;
import io.perpetua.server.http.Route;
import io.perpetua.server.http.RouteDispatcher;
import io.perpetua.server.http.RouteTable;
import io.perpetua.server.http.SecurityHeaders;
import io.perpetua.server.http.StaticTokenAuthenticator;
import io.perpetua.server.json.Json;
import io.perpetua.server.obs.RequestIds;
import io.perpetua.server.obs.RequestLog;
import io.perpetua.server.obs.RequestObserver;
import io.perpetua.server.openapi.OpenApiDocument;
import io.perpetua.server.v1.AccountRoutes;
import io.perpetua.server.v1.HealthRoutes;
import io.perpetua.server.v1.PortfolioRoutes;
import io.perpetua.server.v1.SignalRoutes;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API server: the V1 route groups over the {@link PlatformState} plus any groups added
 * with {@link #addRoutes(RouteGroup)}, served by Javalin with the envelope (or bare responses for
 * routes declared so), bearer-token auth (or a route's own authenticator), CORS, {@link
 * SecurityHeaders} on every response, a request id ({@link RequestIds}) and a request log line
 * ({@link RequestLog}, never the {@code Authorization} header) for every request, {@code
 * /openapi.json} generated from the route table, Swagger UI at {@code /docs} and any {@link
 * ServerExtension}s (metrics, streams).
 *
 * <p>Lifecycle: construct, add groups, {@link #start(int)}, {@link #stop()}; a stopped server
 * cannot be restarted. Thread-safe.
 */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final Pattern DOCS_PATHS =
      Pattern.compile("^(/docs(/[^/]+)?|" + Pattern.quote(SwaggerUi.SPEC_PATH) + ")/?$");

  private final ApiToken token;
  private ApiToken viewerToken;
  private BearerAuthenticator accounts;
  private RateLimits rateLimits = RateLimits.UNLIMITED;
  private final Clock clock;
  private final ServerConfig config;
  private final ObjectMapper mapper = Json.newMapper();
  private final List<RouteGroup> groups = new ArrayList<>();
  private final List<ServerExtension> extensions = new ArrayList<>();
  private final List<RequestObserver> observers = new ArrayList<>();
  private RouteTable table;
  private Javalin app;
  private boolean stopped;
  private final PlatformState state;

  /**
   * A server (not yet listening).
   *
   * @param state the state the V1 endpoints serve
   * @param token the bearer token protecting the API
   * @param clock the wall clock (envelope timestamps, {@code checked_at}, heartbeat staleness)
   * @param config bind host, staleness, CORS origins
   */
  public ApiServer(PlatformState state, ApiToken token, Clock clock, ServerConfig config) {
    Objects.requireNonNull(state, "state");
    this.token = Objects.requireNonNull(token, "token");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    groups.add(new HealthRoutes(state, clock, config.heartbeatStaleness()));
    groups.add(new AccountRoutes(state));
    groups.add(new PortfolioRoutes(state));
    groups.add(new SignalRoutes(state));
    this.state = state;
  }

  /**
   * Serves {@code GET /api/v1/signals/latest} in the V2 shape when {@code registry} supplies a
   * registry in ensemble mode (issue 15).
   *
   * @throws IllegalStateException once the server has started
   */
  public synchronized ApiServer withStrategyRegistry(
      java.util.function.Supplier<io.perpetua.trading.registry.StrategyRegistry> registry) {
    if (app != null || stopped) {
      throw new IllegalStateException("routes must be set before start()");
    }
    groups.replaceAll(g -> g instanceof SignalRoutes ? new SignalRoutes(state, registry) : g);
    return this;
  }

  /**
   * Also accepts {@code viewer} as a read-only token: GET routes only (other methods answer
   * 403/40108).
   *
   * @throws IllegalStateException once the server has started
   */
  public synchronized ApiServer withViewerToken(ApiToken viewer) {
    if (app != null || stopped) {
      throw new IllegalStateException("tokens must be set before start()");
    }
    this.viewerToken = Objects.requireNonNull(viewer, "viewer");
    return this;
  }

  /**
   * Also accepts the tokens {@code accounts} knows (user access tokens), after the static ones.
   *
   * @throws IllegalStateException once the server has started
   */
  public synchronized ApiServer withAccounts(BearerAuthenticator accounts) {
    if (app != null || stopped) {
      throw new IllegalStateException("authenticators must be set before start()");
    }
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    return this;
  }

  /**
   * Limits request rates per client IP and per caller (default: none).
   *
   * @throws IllegalStateException once the server has started
   */
  public synchronized ApiServer withRateLimits(RateLimits limits) {
    if (app != null || stopped) {
      throw new IllegalStateException("rate limits must be set before start()");
    }
    this.rateLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Who a bearer token belongs to: the static admin/viewer tokens, then user access tokens. The
   * same check for every channel (routes, streams).
   */
  public synchronized BearerAuthenticator authenticator() {
    ApiToken viewer = viewerToken;
    BearerAuthenticator statics =
        new StaticTokenAuthenticator(token::matches, t -> viewer != null && viewer.matches(t));
    return accounts == null ? statics : statics.orElse(accounts);
  }

  /**
   * Adds a group of routes; they are registered and documented like the built-in ones.
   *
   * @throws IllegalStateException once the server has started
   */
  public synchronized ApiServer addRoutes(RouteGroup group) {
    if (app != null || stopped) {
      throw new IllegalStateException("routes must be added before start()");
    }
    groups.add(Objects.requireNonNull(group, "group"));
    table = null;
    return this;
  }

  /**
   * Adds an extension (non-route endpoints such as {@code /metrics} or WebSocket streams).
   *
   * @throws IllegalStateException once the server has started
   */
  public synchronized ApiServer addExtension(ServerExtension extension) {
    if (app != null || stopped) {
      throw new IllegalStateException("extensions must be added before start()");
    }
    extensions.add(Objects.requireNonNull(extension, "extension"));
    return this;
  }

  /**
   * Adds an observer of every finished request (e.g. HTTP metrics).
   *
   * @throws IllegalStateException once the server has started
   */
  public synchronized ApiServer addRequestObserver(RequestObserver observer) {
    if (app != null || stopped) {
      throw new IllegalStateException("observers must be added before start()");
    }
    observers.add(Objects.requireNonNull(observer, "observer"));
    return this;
  }

  /**
   * The token check of this server for the streams and {@code /metrics}: the role code ({@code
   * admin}, {@code trader}, {@code viewer}) of any token {@link #authenticator()} accepts (static
   * tokens and user tokens), so there is one bearer check.
   */
  public BearerAuth bearerAuth() {
    return presented -> {
      try {
        return Optional.of(authenticator().authenticate(presented).role().code());
      } catch (AuthException e) {
        return Optional.empty();
      }
    };
  }

  /**
   * The route table (built-in and added groups).
   *
   * @throws IllegalArgumentException if two routes have the same method and path
   */
  public synchronized RouteTable routeTable() {
    if (table == null) {
      List<Route> routes = new ArrayList<>();
      groups.forEach(g -> routes.addAll(g.routes()));
      table = RouteTable.of(routes);
    }
    return table;
  }

  /**
   * Starts listening.
   *
   * @param port the TCP port, 0 for an ephemeral one
   * @return the port bound
   * @throws IllegalStateException if already started or stopped
   */
  public synchronized int start(int port) {
    if (app != null || stopped) {
      throw new IllegalStateException("server already started");
    }
    RouteTable routes = routeTable();
    byte[] openApi = openApi(routes);
    RouteDispatcher dispatcher = new RouteDispatcher(mapper, authenticator(), rateLimits, clock);
    RequestLog requestLog = new RequestLog(observers);
    CorsPolicy cors = new CorsPolicy(config.corsAllowedOrigins());
    SwaggerUi swagger = new SwaggerUi();
    JettyErrorHandler jettyErrors =
        new JettyErrorHandler(mapper, clock, path -> styleFor(routes, path));
    Javalin javalin =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.http.maxRequestSize = 1_000_000L;
              cfg.requestLogger.http(requestLog::finished);
              // Jetty caches header fields per connection, by default matching values
              // case-insensitively: a token differing only in case from an earlier request's on
              // the same connection would be read as that earlier token. Match exactly.
              cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
              // Jetty's connections, noting each request target's start: a request line Jetty
              // rejects unread (414, 505) is still answered in its API's error format.
              cfg.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector =
                        new ServerConnector(server, new RequestLineRecorder(http));
                    connector.setHost(config.bindHost());
                    connector.setPort(port);
                    return connector;
                  });
              // Errors Jetty raises itself (malformed URI, headers too large) get the envelope.
              cfg.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
              cfg.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(jettyErrors));
            });
    javalin.before(
        ctx -> {
          RequestIds.assign(ctx);
          SecurityHeaders.apply(ctx::header);
          if (cors.apply(ctx)) {
            ctx.skipRemainingHandlers();
          }
        });
    for (Route route : routes.routes()) {
      Handler handler =
          ctx -> {
            ctx.attribute(RequestLog.ROUTE_ATTRIBUTE, route.path());
            dispatcher.handle(route, ctx);
          };
      javalin.addHttpHandler(HandlerType.valueOf(route.method().name()), route.path(), handler);
      if (route.method() == HttpMethod.GET) {
        // Javalin would answer HEAD 200 for any GET path without running the handler (so
        // without checking the token); run it, and Jetty drops the body.
        javalin.addHttpHandler(HandlerType.HEAD, route.path(), handler);
      }
    }
    registerDocs(javalin, dispatcher, swagger, openApi);
    ServerExtension.Host host = new ServerExtension.Host(bearerAuth(), dispatcher);
    extensions.forEach(e -> e.install(javalin, host));
    javalin.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          if (e instanceof NotFoundResponse || e instanceof MethodNotAllowedResponse) {
            dispatcher.unmatched(
                ctx, allowedMethods(routes, ctx.path()), styleFor(routes, ctx.path()));
          } else {
            dispatcher.fail(ctx, e);
          }
        });
    javalin.exception(Exception.class, (e, ctx) -> dispatcher.fail(ctx, e));
    try {
      javalin.start(config.bindHost(), port);
    } catch (RuntimeException e) {
      javalin.stop();
      throw e;
    }
    app = javalin;
    LOG.info(
        "API listening on {}:{} ({} routes, docs at /docs)",
        config.bindHost(),
        javalin.port(),
        routes.routes().size());
    return javalin.port();
  }

  /**
   * The bound port.
   *
   * @throws IllegalStateException if not started
   */
  public synchronized int port() {
    if (app == null) {
      throw new IllegalStateException("server not started");
    }
    return app.port();
  }

  /** Stops listening and releases the port; idempotent. */
  public synchronized void stop() {
    stopped = true;
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  private byte[] openApi(RouteTable routes) {
    try {
      return mapper.writeValueAsBytes(OpenApiDocument.generate(routes, mapper));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void registerDocs(
      Javalin javalin, RouteDispatcher dispatcher, SwaggerUi swagger, byte[] openApi) {
    Handler spec = ctx -> ctx.contentType("application/json; charset=utf-8").result(openApi);
    Handler page = ctx -> send(ctx, swagger.page());
    Handler asset =
        ctx -> {
          var found = swagger.asset(ctx.pathParam("asset"));
          if (found.isPresent()) {
            ctx.header("Cache-Control", "public, max-age=86400");
            send(ctx, found.get());
          } else {
            dispatcher.writeError(ctx, ApiError.UNKNOWN_ROUTE, "Unknown documentation asset");
          }
        };
    for (HandlerType type : List.of(HandlerType.GET, HandlerType.HEAD)) {
      javalin.addHttpHandler(type, SwaggerUi.SPEC_PATH, spec);
      javalin.addHttpHandler(type, SwaggerUi.PATH, page);
      javalin.addHttpHandler(type, SwaggerUi.PATH + "/{asset}", asset);
    }
  }

  private static void send(Context ctx, SwaggerUi.Asset asset) {
    ctx.contentType(asset.contentType()).result(asset.bytes());
  }

  /**
   * The response style for a path no route matches: that of the routes under the same first path
   * segment (e.g. {@code /v1}) when they all share one, else the envelope.
   */
  static Route.Style styleFor(RouteTable routes, String path) {
    String first = firstSegment(path);
    Set<Route.Style> styles = new TreeSet<>();
    for (Route r : routes.routes()) {
      if (firstSegment(r.path()).equals(first)) {
        styles.add(r.style());
      }
    }
    return styles.size() == 1 ? styles.iterator().next() : Route.Style.ENVELOPE;
  }

  private static String firstSegment(String path) {
    int next = path.indexOf('/', 1);
    return next < 0 ? path : path.substring(0, next);
  }

  private static Set<String> allowedMethods(RouteTable routes, String path) {
    Set<String> methods = new TreeSet<>();
    for (HttpMethod m : routes.methodsFor(path)) {
      methods.add(m.name());
    }
    if (DOCS_PATHS.matcher(path).matches()) {
      methods.add(HttpMethod.GET.name());
    }
    if (methods.contains(HttpMethod.GET.name())) {
      methods.add("HEAD");
    }
    return methods;
  }
}
