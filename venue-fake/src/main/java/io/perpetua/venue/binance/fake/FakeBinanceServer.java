package io.perpetua.venue.binance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local fake of Binance USDT-M futures on loopback: the REST paths ({@code /fapi/v1/time}, {@code
 * exchangeInfo}, {@code aggTrades}, {@code klines}, {@code order} new/query/cancel, {@code
 * openOrders}, {@code userTrades}, {@code income}, {@code listenKey}, {@code /fapi/v2/account},
 * {@code balance}, {@code positionRisk}) with API-key and HMAC signature checks, {@code recvWindow}
 * and the {@code X-MBX-USED-WEIGHT-1M} header; and the WebSocket streams ({@code /ws/<stream>},
 * {@code /stream?streams=a/b} combined, {@code /ws/<listenKey>} user data). Matching and accounting
 * are in {@link FakeExchange}; faults in {@link FakeFaults} plus the stream faults here (dropped
 * connections, paused market stream, expired listen keys).
 *
 * <p>Thread-safe. Start with {@link #start}; port 0 picks a free port.
 */
public final class FakeBinanceServer implements AutoCloseable {
  /** The API key the fake accepts. */
  public static final String API_KEY = "fake-venue-api-key";

  /** The secret the fake verifies signatures with (not a real credential). */
  public static final String API_SECRET = "fake-venue-api-secret";

  private static final Logger LOG = LoggerFactory.getLogger(FakeBinanceServer.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private enum Security {
    NONE,
    API_KEY,
    SIGNED
  }

  private record Subscription(Set<String> streams, boolean combined) {}

  private final FakeExchange exchange;
  private final FakeFaults faults;
  private final FakeSignature signer = new FakeSignature(API_SECRET);
  private final Map<String, Long> listenKeys = new ConcurrentHashMap<>();
  private final Map<WsContext, String> userSessions = new ConcurrentHashMap<>();
  private final Map<WsContext, Subscription> marketSessions = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger usedWeight = new AtomicInteger();
  private volatile long weightMinute;
  private volatile boolean marketPaused;
  private volatile boolean userPaused;
  private Javalin app;

  private FakeBinanceServer(FakeExchange exchange, FakeFaults faults) {
    this.exchange = exchange;
    this.faults = faults;
  }

  /** Starts a fake for {@code listings} with 10,000 USDT on {@code host:port} (0 = any port). */
  public static FakeBinanceServer start(List<FakeListing> listings, String host, int port) {
    return start(listings, host, port, new BigDecimal("10000"));
  }

  /** Starts a fake for {@code listings} with {@code usdt} in the wallet on {@code host:port}. */
  public static FakeBinanceServer start(
      List<FakeListing> listings, String host, int port, BigDecimal usdt) {
    FakeFaults faults = new FakeFaults();
    FakeExchange exchange =
        new FakeExchange(
            listings, usdt, faults, () -> System.currentTimeMillis() + faults.clockSkewMs());
    FakeBinanceServer server = new FakeBinanceServer(exchange, faults);
    exchange.setSink(
        new FakeExchange.Sink() {
          @Override
          public void userEvent(ObjectNode event) {
            server.publishUser(event);
          }

          @Override
          public void marketEvent(String stream, ObjectNode event) {
            server.publishMarket(stream, event);
          }
        });
    server.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(Duration.ofHours(2)));
            });
    server.routes();
    server.app.start(host, port);
    return server;
  }

  /** Starts on loopback with a free port. */
  public static FakeBinanceServer startLocal(List<FakeListing> listings) {
    return start(listings, "127.0.0.1", 0);
  }

  /** The port. */
  public int port() {
    return app.port();
  }

  /** The REST base URL. */
  public String restBaseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The WebSocket base URL. */
  public String wsBaseUrl() {
    return "ws://127.0.0.1:" + port();
  }

  /** The matching engine and account. */
  public FakeExchange exchange() {
    return exchange;
  }

  /** The fault switches. */
  public FakeFaults faults() {
    return faults;
  }

  /** How many requests reached {@code method path} (e.g. {@code POST /fapi/v1/order}). */
  public int requestCount(String methodAndPath) {
    AtomicInteger n = requests.get(methodAndPath);
    return n == null ? 0 : n.get();
  }

  /** Open user-data connections. */
  public int userConnections() {
    return userSessions.size();
  }

  /** Open market-data connections. */
  public int marketConnections() {
    return marketSessions.size();
  }

  /** Drops every WebSocket connection (clients see the connection close). */
  public void dropConnections() {
    for (WsContext ctx : List.copyOf(marketSessions.keySet())) {
      marketSessions.remove(ctx);
      ctx.closeSession(1001, "dropped by fault injection");
    }
    for (WsContext ctx : List.copyOf(userSessions.keySet())) {
      userSessions.remove(ctx);
      ctx.closeSession(1001, "dropped by fault injection");
    }
  }

  /** While paused, market events are not sent (they stay available through REST). */
  public void pauseMarketStream(boolean paused) {
    this.marketPaused = paused;
  }

  /** While paused, user-data events are lost (as if the connection were silently dead). */
  public void pauseUserStream(boolean paused) {
    this.userPaused = paused;
  }

  /**
   * Expires every listen key: keep-alives answer {@code -1125} and connected user streams get a
   * {@code listenKeyExpired} event (Binance sends one when a key lapses).
   */
  public void expireListenKeys() {
    listenKeys.clear();
    long now = System.currentTimeMillis() + faults.clockSkewMs();
    for (Map.Entry<WsContext, String> e : userSessions.entrySet()) {
      ObjectNode ev =
          JSON.objectNode()
              .put("e", "listenKeyExpired")
              .put("E", now)
              .put("listenKey", e.getValue());
      send(e.getKey(), ev.toString());
    }
  }

  /**
   * Sends {@code raw} as it is (malformed, hostile or out of order) to every user-data connection:
   * fault injection for bad venue data.
   */
  public void injectUserMessage(String raw) {
    for (WsContext ctx : userSessions.keySet()) {
      send(ctx, raw);
    }
  }

  /** Sends {@code raw} as it is to every market connection subscribed to {@code stream}. */
  public void injectMarketMessage(String stream, String raw) {
    for (Map.Entry<WsContext, Subscription> e : marketSessions.entrySet()) {
      if (e.getValue().streams().stream().anyMatch(s -> s.equals(stream))) {
        send(e.getKey(), raw);
      }
    }
  }

  private void publishUser(ObjectNode event) {
    if (userPaused) {
      return;
    }
    String text = event.toString();
    for (WsContext ctx : userSessions.keySet()) {
      send(ctx, text);
    }
  }

  private void publishMarket(String stream, ObjectNode event) {
    if (marketPaused) {
      return;
    }
    for (Map.Entry<WsContext, Subscription> e : marketSessions.entrySet()) {
      for (String s : e.getValue().streams()) {
        if (s.equals(stream) || s.startsWith(stream + "@")) {
          String text =
              e.getValue().combined()
                  ? JSON.objectNode().put("stream", s).set("data", event).toString()
                  : event.toString();
          send(e.getKey(), text);
          break;
        }
      }
    }
  }

  private static void send(WsContext ctx, String text) {
    synchronized (ctx) {
      try {
        if (ctx.session.isOpen()) {
          ctx.send(text);
        }
      } catch (Exception e) { // Kotlin rethrows Jetty's IOException undeclared
        LOG.debug("send to a closing session failed: {}", e.toString());
      }
    }
  }

  private void routes() {
    route(HandlerType.GET, "/fapi/v1/ping", Security.NONE, 1, ctx -> JSON.objectNode());
    route(
        HandlerType.GET,
        "/fapi/v1/time",
        Security.NONE,
        1,
        ctx -> JSON.objectNode().put("serverTime", serverTime()));
    route(
        HandlerType.GET, "/fapi/v1/exchangeInfo", Security.NONE, 1, ctx -> exchange.exchangeInfo());
    route(
        HandlerType.GET,
        "/fapi/v1/aggTrades",
        Security.NONE,
        20,
        ctx ->
            exchange.aggTrades(
                ctx.queryParam("symbol"),
                Long.parseLong(param(ctx, "fromId", "0")),
                Math.min(1000, Integer.parseInt(param(ctx, "limit", "500")))));
    route(
        HandlerType.GET,
        "/fapi/v1/klines",
        Security.NONE,
        ctx -> klineWeight(klineLimit(ctx)),
        ctx ->
            exchange.klines(
                required(ctx, "symbol"),
                required(ctx, "interval"),
                optionalLong(ctx, "startTime"),
                optionalLong(ctx, "endTime"),
                klineLimit(ctx)));
    route(
        HandlerType.POST,
        "/fapi/v1/order",
        Security.SIGNED,
        1,
        ctx -> exchange.newOrder(params(ctx)));
    route(
        HandlerType.GET,
        "/fapi/v1/order",
        Security.SIGNED,
        1,
        ctx -> exchange.queryOrder(params(ctx)));
    route(
        HandlerType.DELETE,
        "/fapi/v1/order",
        Security.SIGNED,
        1,
        ctx -> exchange.cancelOrder(params(ctx)));
    route(
        HandlerType.GET,
        "/fapi/v1/openOrders",
        Security.SIGNED,
        1,
        ctx -> exchange.openOrders(ctx.queryParam("symbol")));
    route(
        HandlerType.GET,
        "/fapi/v1/userTrades",
        Security.SIGNED,
        5,
        ctx ->
            exchange.userTrades(
                ctx.queryParam("symbol"),
                ctx.queryParam("orderId") == null
                    ? null
                    : Long.valueOf(ctx.queryParam("orderId"))));
    route(
        HandlerType.GET,
        "/fapi/v1/income",
        Security.SIGNED,
        30,
        ctx -> exchange.income(ctx.queryParam("incomeType")));
    route(HandlerType.GET, "/fapi/v2/account", Security.SIGNED, 5, ctx -> exchange.account());
    route(HandlerType.GET, "/fapi/v2/balance", Security.SIGNED, 5, ctx -> exchange.balances());
    route(
        HandlerType.GET,
        "/fapi/v2/positionRisk",
        Security.SIGNED,
        5,
        ctx -> exchange.positionRisk());
    route(
        HandlerType.POST,
        "/fapi/v1/listenKey",
        Security.API_KEY,
        1,
        ctx -> JSON.objectNode().put("listenKey", listenKey()));
    route(HandlerType.PUT, "/fapi/v1/listenKey", Security.API_KEY, 1, ctx -> keepAlive());
    route(
        HandlerType.DELETE,
        "/fapi/v1/listenKey",
        Security.API_KEY,
        1,
        ctx -> {
          listenKeys.clear();
          return JSON.objectNode();
        });
    wsRoutes();
  }

  private void wsRoutes() {
    app.ws(
        "/ws/{name}",
        ws -> {
          ws.onConnect(
              ctx -> {
                String name = ctx.pathParam("name");
                if (listenKeys.containsKey(name)) {
                  userSessions.put(ctx, name);
                } else if (name.contains("@")) {
                  marketSessions.put(ctx, new Subscription(Set.of(name), false));
                } else {
                  ctx.closeSession(4001, "unknown listen key or stream");
                }
              });
          ws.onClose(this::forget);
          ws.onError(this::forget);
        });
    app.ws(
        "/stream",
        ws -> {
          ws.onConnect(
              ctx -> {
                String streams = ctx.queryParam("streams");
                if (streams == null || streams.isBlank()) {
                  ctx.closeSession(4002, "no streams");
                  return;
                }
                marketSessions.put(ctx, new Subscription(Set.of(streams.split("/")), true));
              });
          ws.onClose(this::forget);
          ws.onError(this::forget);
        });
  }

  private void forget(WsContext ctx) {
    userSessions.remove(ctx);
    marketSessions.remove(ctx);
  }

  private synchronized String listenKey() {
    if (!listenKeys.isEmpty()) {
      String key = listenKeys.keySet().iterator().next();
      listenKeys.put(key, serverTime());
      return key;
    }
    String key =
        UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");
    listenKeys.put(key, serverTime());
    return key;
  }

  private JsonNode keepAlive() {
    if (listenKeys.isEmpty()) {
      throw new FakeReject(400, -1125, "This listenKey does not exist.");
    }
    listenKeys.replaceAll((k, v) -> serverTime());
    return JSON.objectNode();
  }

  private long serverTime() {
    return System.currentTimeMillis() + faults.clockSkewMs();
  }

  private void route(
      HandlerType method,
      String path,
      Security security,
      int weight,
      Function<Context, JsonNode> body) {
    route(method, path, security, ctx -> weight, body);
  }

  private void route(
      HandlerType method,
      String path,
      Security security,
      ToIntFunction<Context> weight,
      Function<Context, JsonNode> body) {
    app.addHttpHandler(
        method,
        path,
        ctx -> handle(ctx, method + " " + path, path, security, weight.applyAsInt(ctx), body));
  }

  /** Binance's request weight of {@code GET /fapi/v1/klines} for {@code limit}. */
  static int klineWeight(int limit) {
    if (limit < 100) {
      return 1;
    }
    if (limit < 500) {
      return 2;
    }
    return limit <= 1000 ? 5 : 10;
  }

  /** The {@code limit} of a klines request (Binance's default 500; malformed counts as 500). */
  private static int klineLimit(Context ctx) {
    try {
      return Integer.parseInt(param(ctx, "limit", "500").trim());
    } catch (NumberFormatException e) {
      return 500;
    }
  }

  private static String required(Context ctx, String name) {
    return FakeExchange.required(name, ctx.queryParam(name));
  }

  private static Long optionalLong(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : Long.valueOf(v.trim());
  }

  private void handle(
      Context ctx,
      String key,
      String path,
      Security security,
      int weight,
      Function<Context, JsonNode> body)
      throws InterruptedException {
    requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    ctx.contentType("application/json");
    ctx.header("X-MBX-USED-WEIGHT-1M", Integer.toString(countWeight(weight)));
    FakeFaults.RestFault fault = faults.takeRestFault(path);
    if (fault != null
        && (fault.kind() == FakeFaults.Kind.RATE_LIMIT || fault.kind() == FakeFaults.Kind.BAN)) {
      boolean ban = fault.kind() == FakeFaults.Kind.BAN;
      ctx.status(ban ? 418 : 429).header("Retry-After", Long.toString(fault.value()));
      ctx.result(
          FakeJson.error(
                  -1003,
                  ban
                      ? "Way too many requests; IP banned."
                      : "Too many requests; current limit is exceeded.")
              .toString());
      return;
    }
    if (fault != null && fault.kind() == FakeFaults.Kind.SERVER_ERROR) {
      ctx.status(503)
          .result(
              FakeJson.error(
                      -1001, "Internal error; unable to process your request. Please try again.")
                  .toString());
      return;
    }
    JsonNode result;
    try {
      authenticate(ctx, security);
      result = body.apply(ctx);
    } catch (FakeReject r) {
      ctx.status(r.httpStatus()).result(FakeJson.error(r.code(), r.getMessage()).toString());
      return;
    } catch (NumberFormatException e) {
      ctx.status(400)
          .result(FakeJson.error(-1100, "Illegal characters found in a parameter.").toString());
      return;
    }
    if (fault != null && fault.kind() == FakeFaults.Kind.TIMEOUT) {
      Thread.sleep(fault.value());
    }
    if ("POST /fapi/v1/order".equals(key) && faults.ackDelayMs() > 0) {
      Thread.sleep(faults.ackDelayMs());
    }
    if (fault != null && fault.kind() == FakeFaults.Kind.SERVER_ERROR_AFTER_PROCESSING) {
      ctx.status(503)
          .result(
              FakeJson.error(
                      -1001, "Internal error; unable to process your request. Please try again.")
                  .toString());
      return;
    }
    ctx.status(200).result(result.toString());
  }

  private int countWeight(int weight) {
    long minute = System.currentTimeMillis() / 60_000;
    synchronized (usedWeight) {
      if (minute != weightMinute) {
        weightMinute = minute;
        usedWeight.set(0);
      }
      return usedWeight.addAndGet(weight);
    }
  }

  private void authenticate(Context ctx, Security security) {
    if (security == Security.NONE) {
      return;
    }
    if (!API_KEY.equals(ctx.header("X-MBX-APIKEY"))) {
      throw new FakeReject(401, -2015, "Invalid API-key, IP, or permissions for action.");
    }
    if (security == Security.API_KEY) {
      return;
    }
    String query = ctx.queryString() == null ? "" : ctx.queryString();
    if (!signer.verify(query, "")) {
      throw new FakeReject(400, -1022, "Signature for this request is not valid.");
    }
    long timestamp = Long.parseLong(param(ctx, "timestamp", "0"));
    long recvWindow = Long.parseLong(param(ctx, "recvWindow", "5000"));
    long now = serverTime();
    if (timestamp > now + 1000 || now - timestamp > recvWindow) {
      throw new FakeReject(400, -1021, "Timestamp for this request is outside of the recvWindow.");
    }
  }

  private static String param(Context ctx, String name, String fallback) {
    String v = ctx.queryParam(name);
    return v == null ? fallback : v;
  }

  private static Map<String, String> params(Context ctx) {
    Map<String, String> p = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (!e.getValue().isEmpty()) {
        p.put(e.getKey(), e.getValue().get(0));
      }
    }
    return p;
  }

  @Override
  public void close() {
    app.stop();
  }
}
