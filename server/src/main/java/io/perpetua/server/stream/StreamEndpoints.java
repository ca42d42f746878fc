package io.perpetua.server.stream;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.perpetua.server.ServerExtension;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.BearerAuth;
import io.perpetua.server.http.RouteDispatcher;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The WebSocket endpoints over a {@link StreamHub}: {@code /stream/market/{symbol}} (bars), {@code
 * /stream/strategy/{id}} (signals, orders, fills, rejections) and {@code /stream/alerts} (risk
 * events, breaker trips, alerts). The upgrade request is authenticated with the API's bearer token
 * — header {@code Authorization: Bearer <token>}, or query parameter {@code access_token} for
 * browsers, which cannot set headers on a WebSocket — and validated ({@code since}, the symbol or
 * strategy) before the upgrade; a refused upgrade gets the API's error envelope (401, 400, 404).
 * Thread-safe.
 */
public final class StreamEndpoints implements ServerExtension {
  /** Channel of a symbol's market data. */
  public static String marketChannel(String symbol) {
    return "market/" + symbol;
  }

  /** Channel of a strategy's signals, orders and fills. */
  public static String strategyChannel(String strategyId) {
    return "strategy/" + strategyId;
  }

  /** The alerts channel. */
  public static final String ALERTS = "alerts";

  private static final Pattern SINCE = Pattern.compile("0|[1-9][0-9]{0,17}");
  private static final String CHANNEL_ATTRIBUTE = "perpetua.stream.channel";
  private static final String SINCE_ATTRIBUTE = "perpetua.stream.since";

  private final StreamHub hub;
  private final Predicate<String> knownSymbol;
  private final Predicate<String> knownStrategy;
  private final Map<String, StreamSubscriber> sessions = new ConcurrentHashMap<>();

  /**
   * Endpoints over {@code hub}.
   *
   * @param knownSymbol whether a symbol (e.g. {@code BTCUSDT}) can be streamed
   * @param knownStrategy whether a strategy id can be streamed
   */
  public StreamEndpoints(
      StreamHub hub, Predicate<String> knownSymbol, Predicate<String> knownStrategy) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.knownSymbol = Objects.requireNonNull(knownSymbol, "knownSymbol");
    this.knownStrategy = Objects.requireNonNull(knownStrategy, "knownStrategy");
  }

  @Override
  public void install(Javalin javalin, Host host) {
    register(javalin, host, "/stream/market/{symbol}", ctx -> market(ctx.pathParam("symbol")));
    register(javalin, host, "/stream/strategy/{id}", ctx -> strategy(ctx.pathParam("id")));
    register(javalin, host, "/stream/alerts", ctx -> ALERTS);
  }

  private void register(Javalin javalin, Host host, String path, Function<Context, String> chan) {
    javalin.wsBeforeUpgrade(
        path,
        ctx -> {
          // An ApiException here stops the upgrade; the server's exception mapping answers it
          // with the error envelope.
          ctx.attribute(RouteDispatcher.ROLE_ATTRIBUTE, authenticate(host.auth(), ctx));
          ctx.attribute(SINCE_ATTRIBUTE, since(ctx.queryParam("since")));
          ctx.attribute(CHANNEL_ATTRIBUTE, chan.apply(ctx));
        });
    javalin.ws(path, this::configure);
  }

  private void configure(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
          String channel = upgradeAttribute(ctx, CHANNEL_ATTRIBUTE);
          Long since = upgradeAttribute(ctx, SINCE_ATTRIBUTE);
          sessions.put(
              ctx.sessionId(),
              hub.subscribe(channel, since == null ? -1 : since, new JettySink(ctx.session)));
        });
    ws.onClose(ctx -> leave(ctx));
    ws.onError(ctx -> leave(ctx));
    ws.onMessage(ctx -> {});
  }

  private void leave(WsContext ctx) {
    StreamSubscriber s = sessions.remove(ctx.sessionId());
    if (s != null) {
      hub.unsubscribe(s);
    }
  }

  private static <T> T upgradeAttribute(WsContext ctx, String name) {
    return ctx.attribute(name);
  }

  private String market(String symbol) {
    if (!knownSymbol.test(symbol)) {
      throw new ApiException(
          ApiError.NOT_FOUND, "Unknown symbol '" + ApiException.echo(symbol) + "'");
    }
    return marketChannel(symbol);
  }

  private String strategy(String id) {
    if (!knownStrategy.test(id)) {
      throw new ApiException(
          ApiError.NOT_FOUND, "Unknown strategy '" + ApiException.echo(id) + "'");
    }
    return strategyChannel(id);
  }

  private static String authenticate(BearerAuth auth, Context ctx) {
    String token = BearerAuth.tokenOf(ctx.header("Authorization"));
    if (token == null) {
      token = ctx.queryParam("access_token");
    }
    if (token == null || token.isBlank()) {
      throw new ApiException(
          ApiError.MISSING_TOKEN,
          "Missing token: send 'Authorization: Bearer <token>' or ?access_token=<token>");
    }
    return auth.role(token.strip())
        .orElseThrow(() -> new ApiException(ApiError.INVALID_TOKEN, "Invalid bearer token"));
  }

  private static Long since(String raw) {
    if (raw == null) {
      return null;
    }
    if (!SINCE.matcher(raw).matches()) {
      throw new ApiException(
          ApiError.INVALID_PARAMETER,
          "Invalid parameter 'since': expected the last sequence number received (an integer"
              + " >= 0), got '"
              + ApiException.echo(raw)
              + "'");
    }
    return Long.parseLong(raw);
  }
}
