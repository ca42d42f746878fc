package io.perpetua.venue.binance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** How a route authenticates. */
  enum Security {
    NONE,
    API_KEY,
    SIGNED
  }

  private final FakeExchange exchange;
  private final FakeSpot spot;
  private final FakeFaults faults;
  private final FakeSignature signer = new FakeSignature(API_SECRET);
  private final Map<String, Long> listenKeys = new ConcurrentHashMap<>();
  private final FakeStreams streams;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicInteger usedWeight = new AtomicInteger();
  private volatile long weightMinute;
  private volatile boolean marketPaused;
  private volatile boolean userPaused;
  private Javalin app;

  private FakeBinanceServer(FakeExchange exchange, FakeSpot spot, FakeFaults faults) {
    this.exchange = exchange;
    this.spot = spot;
    this.faults = faults;
    this.streams = new FakeStreams(listenKeys::containsKey, exchange.listings());
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
    FakeBinanceServer server =
        new FakeBinanceServer(exchange, new FakeSpot(exchange, usdt), faults);
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

          @Override
          public boolean listens(String stream) {
            return server.streams.listens(stream);
          }
        });
    server.app =
        Javalin.create(
            cfg -> {
              cfg.showJavalinBanner = false;
              cfg.startupWatcherEnabled = false;
              cfg.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(Duration.ofHours(2)));
            });
    new FakeRestRoutes(server, exchange).register();
    new FakeSpotRoutes(server, server.spot).register();
    server.streams.register(server.app);
    server.app.error(404, ctx -> server.unknownPath(ctx));
    server.app.error(405, ctx -> server.unknownPath(ctx));
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

  /** The free spot balance of {@code asset} ({@code GET /api/v3/account}; 0 when none). */
  public BigDecimal spotBalance(String asset) {
    return spot.free(asset);
  }

  /** The fault switches (REST paths of the spot API, {@code /api/v3/...}, included). */
  public FakeFaults faults() {
    return faults;
  }

  /** How many requests reached {@code method path} (e.g. {@code POST /fapi/v1/order}). */
  public int requestCount(String methodAndPath) {
    AtomicInteger n = requests.get(methodAndPath);
    return n == null ? 0 : n.get();
  }

  /**
   * User-data connections the server has registered since it started; unlike {@link
   * #userConnections} it does not drop when an earlier client's close arrives late, so a test can
   * wait for a new client's stream without racing the old one's close.
   */
  public int userConnectionsOpened() {
    return streams.userConnectionsOpened();
  }

  /** Open user-data connections. */
  public int userConnections() {
    return streams.userConnections();
  }

  /**
   * Open user-data connections on a listen key that is still valid: after {@link #expireListenKeys}
   * the old connection no longer counts, even before its close reaches the server, and a renewed
   * one counts only once the server has registered it (events reach it).
   */
  public int liveUserConnections() {
    return streams.liveUserConnections();
  }

  /** Open market-data connections. */
  public int marketConnections() {
    return streams.marketConnections();
  }

  /** Drops every WebSocket connection (clients see the connection close). */
  public void dropConnections() {
    streams.dropAll();
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
    streams.expireUserSessions(now());
  }

  /**
   * Sends {@code raw} as it is (malformed, hostile or out of order) to every user-data connection:
   * fault injection for bad venue data.
   */
  public void injectUserMessage(String raw) {
    streams.publishUser(raw);
  }

  /** Sends {@code raw} as it is to every market connection subscribed to {@code stream}. */
  public void injectMarketMessage(String stream, String raw) {
    streams.inject(stream, raw);
  }

  private void publishUser(ObjectNode event) {
    if (userPaused) {
      return;
    }
    streams.publishUser(event.toString());
  }

  private void publishMarket(String stream, ObjectNode event) {
    if (!marketPaused) {
      streams.publishMarket(stream, event);
    }
  }

  /** {@code {"listenKey": …}}: the current key (kept alive) or a new one. */
  synchronized JsonNode listenKeyJson() {
    return JSON.objectNode().put("listenKey", listenKey());
  }

  /** Closes the listen key. */
  JsonNode closeListenKey() {
    listenKeys.clear();
    return JSON.objectNode();
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

  JsonNode keepAlive() {
    if (listenKeys.isEmpty()) {
      throw new FakeReject(400, -1125, "This listenKey does not exist.");
    }
    listenKeys.replaceAll((k, v) -> serverTime());
    return JSON.objectNode();
  }

  /** The venue clock (with the clock-skew fault). */
  long now() {
    return serverTime();
  }

  private long serverTime() {
    return System.currentTimeMillis() + faults.clockSkewMs();
  }

  void route(
      HandlerType method,
      String path,
      Security security,
      int weight,
      Function<FakeRequest, JsonNode> body) {
    route(method, path, security, r -> weight, body);
  }

  void route(
      HandlerType method,
      String path,
      Security security,
      ToIntFunction<FakeRequest> weight,
      Function<FakeRequest, JsonNode> body) {
    app.addHttpHandler(
        method, path, ctx -> handle(ctx, method + " " + path, path, security, weight, body));
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

  /** Unknown path or method: Binance's JSON error body, never an HTML page. */
  private void unknownPath(Context ctx) {
    ctx.contentType("application/json")
        .result(
            FakeJson.error(-5000, "Path " + ctx.path() + ", Method " + ctx.method() + " is invalid")
                .toString());
  }

  private void handle(
      Context ctx,
      String key,
      String path,
      Security security,
      ToIntFunction<FakeRequest> weigh,
      Function<FakeRequest, JsonNode> body)
      throws InterruptedException {
    requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    ctx.contentType("application/json");
    FakeRequest request = new FakeRequest(params(ctx));
    int weight;
    try {
      weight = weigh.applyAsInt(request);
    } catch (FakeReject r) {
      weight = 1;
    }
    ctx.header("X-MBX-USED-WEIGHT-1M", Integer.toString(countWeight(weight)));
    FakeFaults.RestFault fault = faults.takeRestFault(path);
    if (answeredByFault(ctx, fault)) {
      return;
    }
    JsonNode result;
    try {
      authenticate(ctx, request, security);
      result = body.apply(request);
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
      serverError(ctx);
      return;
    }
    ctx.status(200).result(result.toString());
  }

  /** Answers a rate-limit, ban or server-error fault before processing; true when it did. */
  private static boolean answeredByFault(Context ctx, FakeFaults.RestFault fault) {
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
      return true;
    }
    if (fault != null && fault.kind() == FakeFaults.Kind.SERVER_ERROR) {
      serverError(ctx);
      return true;
    }
    return false;
  }

  private static void serverError(Context ctx) {
    ctx.status(503)
        .result(
            FakeJson.error(
                    -1001, "Internal error; unable to process your request. Please try again.")
                .toString());
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

  private void authenticate(Context ctx, FakeRequest request, Security security) {
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
    if (!signer.verify(query, formBody(ctx))) {
      throw new FakeReject(400, -1022, "Signature for this request is not valid.");
    }
    long timestamp = Long.parseLong(request.required("timestamp"));
    String window = request.get("recvWindow");
    long recvWindow = window == null ? 5000 : Long.parseLong(window);
    long now = serverTime();
    if (timestamp > now + 1000 || now - timestamp > recvWindow) {
      throw new FakeReject(400, -1021, "Timestamp for this request is outside of the recvWindow.");
    }
  }

  /** The raw body when it is form-urlencoded (the signed payload's second half), else "". */
  private static String formBody(Context ctx) {
    String type = ctx.contentType();
    boolean form = type != null && type.startsWith("application/x-www-form-urlencoded");
    return form ? ctx.body() : "";
  }

  /** Query parameters, then form-body parameters (the first value of a name wins). */
  private static Map<String, String> params(Context ctx) {
    Map<String, String> p = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (!e.getValue().isEmpty()) {
        p.put(e.getKey(), e.getValue().get(0));
      }
    }
    if (!formBody(ctx).isEmpty()) {
      for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
        if (!e.getValue().isEmpty()) {
          p.putIfAbsent(e.getKey(), e.getValue().get(0));
        }
      }
    }
    return p;
  }

  @Override
  public void close() {
    app.stop();
  }
}
