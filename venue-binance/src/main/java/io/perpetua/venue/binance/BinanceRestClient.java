package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.port.VenueMeter;
import io.perpetua.venue.binance.order.NewOrderRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Binance USDT-M futures REST API: HMAC-SHA256 signed requests with {@code recvWindow} and a
 * server-time-corrected timestamp, the clock-drift guard ({@link ClockSync}), request-weight
 * limiting ({@link RequestWeightLimiter}) fed by {@code X-MBX-USED-WEIGHT-1M} and back-off on
 * 429/418 {@code Retry-After}, and idempotent order placement ({@link #placeOrder}).
 *
 * <p>Thread-safe. The API key is sent only as the {@code X-MBX-APIKEY} header; neither it nor the
 * secret nor signed query strings ever appear in logs or exception messages.
 */
public final class BinanceRestClient {
  private static final Logger LOG = LoggerFactory.getLogger(BinanceRestClient.class);
  private static final int PLACE_ATTEMPTS = 3;
  private static final long DEFAULT_429_BACKOFF_MS = 1_000;
  private static final long DEFAULT_418_BACKOFF_MS = 120_000;

  private enum Security {
    NONE,
    API_KEY,
    SIGNED_READ,
    SIGNED_TRADE
  }

  private final BinanceConfig config;
  private final String apiKey;
  private final HmacSigner signer;
  private final HttpClient http;
  private final RequestWeightLimiter limiter;
  private final ClockSync clockSync;
  private final RestMetering metering;

  /**
   * A client for {@code config}; {@code credentials} may be null for public endpoints only.
   *
   * @param clock the local clock (timestamps, rate-limit windows)
   */
  public BinanceRestClient(BinanceConfig config, BinanceCredentials credentials, Clock clock) {
    this(config, credentials, clock, VenueMeter.NONE);
  }

  /**
   * A client that reports each request's latency, the used request weight and its streams'
   * reconnects to {@code meter}.
   */
  public BinanceRestClient(
      BinanceConfig config, BinanceCredentials credentials, Clock clock, VenueMeter meter) {
    this.config = config;
    this.apiKey = credentials == null ? null : credentials.apiKey();
    this.signer = credentials == null ? null : credentials.signer();
    this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    this.limiter = new RequestWeightLimiter(clock, 2400);
    this.clockSync = new ClockSync(clock, config.maxClockDriftMs());
    this.metering = new RestMetering(limiter, meter);
  }

  /** Where this client and the streams over it report their measurements. */
  public VenueMeter meter() {
    return metering.meter();
  }

  /** The weight limiter (read its state; tests and metrics). */
  public RequestWeightLimiter limiter() {
    return limiter;
  }

  /** The clock synchronisation and drift guard. */
  public ClockSync clockSync() {
    return clockSync;
  }

  /** The configuration. */
  public BinanceConfig config() {
    return config;
  }

  /** Measures the server-time offset ({@code GET /fapi/v1/time}); returns the offset in ms. */
  public long syncTime() {
    long sent = clockSync.clock().nowMillis();
    JsonNode n = call("GET", "/fapi/v1/time", new LinkedHashMap<>(), Security.NONE, 1);
    long received = clockSync.clock().nowMillis();
    clockSync.update(sent, Json.longValue(n, "serverTime"), received);
    return clockSync.offsetMs();
  }

  /** The exchange rules; also adopts the request-weight limit. */
  public ExchangeInfo exchangeInfo() {
    ExchangeInfo info =
        ExchangeInfo.fromJson(
            call("GET", "/fapi/v1/exchangeInfo", new LinkedHashMap<>(), Security.NONE, 1));
    limiter.setLimit(info.requestWeightPerMinute());
    return info;
  }

  /** Aggregate trades of {@code symbol} from id {@code fromId} (at most {@code limit}). */
  public List<AggTrade> aggTrades(String symbol, long fromId, int limit) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("fromId", Long.toString(fromId));
    p.put("limit", Integer.toString(limit));
    return list(
        call("GET", "/fapi/v1/aggTrades", p, Security.NONE, 20), n -> AggTrade.fromJson(n, symbol));
  }

  /** Largest {@code limit} of {@code GET /fapi/v1/klines}. */
  public static final int MAX_KLINES = 1500;

  /**
   * Klines (candlesticks) of {@code symbol} ({@code GET /fapi/v1/klines}), oldest first. As on
   * Binance, the bar in progress is included when the range reaches it.
   *
   * @param interval a Binance interval code, e.g. {@code 1h}
   * @param startTimeMs first open time (null: as the venue chooses)
   * @param endTimeMs last open time (null: up to now)
   * @param limit 1 to {@value #MAX_KLINES} rows; the request weight is Binance's 1 (limit below
   *     100), 2 (below 500), 5 (up to 1000) or 10 (above)
   */
  public List<Kline> klines(
      String symbol, String interval, Long startTimeMs, Long endTimeMs, int limit) {
    if (limit < 1 || limit > MAX_KLINES) {
      throw new IllegalArgumentException("kline limit must be 1.." + MAX_KLINES + ": " + limit);
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("interval", interval);
    if (startTimeMs != null) {
      p.put("startTime", Long.toString(startTimeMs));
    }
    if (endTimeMs != null) {
      p.put("endTime", Long.toString(endTimeMs));
    }
    p.put("limit", Integer.toString(limit));
    return list(
        call("GET", "/fapi/v1/klines", p, Security.NONE, klineWeight(limit)), Kline::fromJson);
  }

  /** A GET of {@code path} with {@code weight}, signed or public ({@link BinanceHistory}). */
  JsonNode get(String path, Map<String, String> params, boolean signed, int weight) {
    Security security = signed ? Security.SIGNED_READ : Security.NONE;
    return call("GET", path, new LinkedHashMap<>(params), security, weight);
  }

  /** Binance's request weight of {@code GET /fapi/v1/klines} for {@code limit}. */
  public static int klineWeight(int limit) {
    if (limit < 100) {
      return 1;
    }
    if (limit < 500) {
      return 2;
    }
    return limit <= 1000 ? 5 : 10;
  }

  /** Sends a new order once (see {@link #placeOrder} for the retry-safe variant). */
  public OrderState newOrder(NewOrderRequest request) {
    return OrderState.fromJson(
        call("POST", "/fapi/v1/order", request.params(), Security.SIGNED_TRADE, 1));
  }

  /**
   * Places an order so that retries can never double it: the client order id is fixed by the
   * request; after an unknown outcome (timeout, 5xx, network) the order is looked up by {@code
   * origClientOrderId} before it is sent again, and a duplicate-id rejection ({@code -4116}) is
   * answered with the existing order. Binance keeps client order ids unique among <em>open</em>
   * orders only, so a lost request that reaches the venue late could fill and close before a
   * re-send arrives and the re-send would be a second order: the id is therefore not re-sent before
   * the first request's {@code recvWindow} (plus a second of margin) has passed with the lookups
   * still not finding it; after that the venue refuses the first request (-1021).
   *
   * @throws BinanceApiException when the venue rejects the order or the outcome stays unknown
   */
  public OrderState placeOrder(NewOrderRequest request) {
    return place(request).state();
  }

  /**
   * An order's state after {@link #place}.
   *
   * @param state the order as the venue holds it
   * @param existed true when the venue already had the order (duplicate id, or found on retry)
   */
  public record Placement(OrderState state, boolean existed) {}

  /** {@link #placeOrder}, also telling whether the venue already had the order. */
  public Placement place(NewOrderRequest request) {
    BinanceApiException last = null;
    long firstSent = System.nanoTime();
    for (int attempt = 0; attempt < PLACE_ATTEMPTS; attempt++) {
      try {
        if (attempt > 0) {
          Optional<OrderState> existing = LostOrders.await(this, request, firstSent);
          if (existing.isPresent()) {
            return new Placement(existing.get(), true);
          }
        }
        return new Placement(newOrder(request), false);
      } catch (BinanceApiException e) {
        if (e.code() == BinanceApiException.DUPLICATE_CLIENT_ORDER_ID) {
          return new Placement(queryOrder(request.symbol(), request.clientOrderId()), true);
        }
        if (!e.isRetryable()) {
          throw e;
        }
        LOG.warn(
            "order {} attempt {} failed ({}): {}",
            request.clientOrderId(),
            attempt + 1,
            e.kind(),
            e.getMessage());
        last = e;
      }
    }
    throw last;
  }

  /** The order with our id, or empty when the venue does not know it ({@code -2013}). */
  public Optional<OrderState> findOrder(String symbol, String clientOrderId) {
    try {
      return Optional.of(queryOrder(symbol, clientOrderId));
    } catch (BinanceApiException e) {
      if (e.code() == BinanceApiException.ORDER_DOES_NOT_EXIST) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Queries an order by {@code origClientOrderId}. */
  public OrderState queryOrder(String symbol, String clientOrderId) {
    return OrderState.fromJson(
        call("GET", "/fapi/v1/order", byClientId(symbol, clientOrderId), Security.SIGNED_READ, 1));
  }

  /** Cancels an order by {@code origClientOrderId}. */
  public OrderState cancelOrder(String symbol, String clientOrderId) {
    return OrderState.fromJson(
        call(
            "DELETE",
            "/fapi/v1/order",
            byClientId(symbol, clientOrderId),
            Security.SIGNED_TRADE,
            1));
  }

  /** Open orders of {@code symbol}. */
  public List<OrderState> openOrders(String symbol) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    return list(
        call("GET", "/fapi/v1/openOrders", p, Security.SIGNED_READ, 1), OrderState::fromJson);
  }

  /** Open orders of every symbol (weight 40). */
  public List<OrderState> openOrders() {
    return list(
        call("GET", "/fapi/v1/openOrders", new LinkedHashMap<>(), Security.SIGNED_READ, 40),
        OrderState::fromJson);
  }

  /** Our executions of one order. */
  public List<UserTrade> userTrades(String symbol, long orderId) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("orderId", Long.toString(orderId));
    return list(
        call("GET", "/fapi/v1/userTrades", p, Security.SIGNED_READ, 5), UserTrade::fromJson);
  }

  /** The account: totals, assets and positions. */
  public AccountInfo account() {
    return AccountInfo.fromJson(
        call("GET", "/fapi/v2/account", new LinkedHashMap<>(), Security.SIGNED_READ, 5));
  }

  /** Balances per asset. */
  public List<Balance> balances() {
    return list(
        call("GET", "/fapi/v2/balance", new LinkedHashMap<>(), Security.SIGNED_READ, 5),
        Balance::fromJson);
  }

  /** Positions with risk figures. */
  public List<PositionRisk> positionRisk() {
    return list(
        call("GET", "/fapi/v2/positionRisk", new LinkedHashMap<>(), Security.SIGNED_READ, 5),
        PositionRisk::fromJson);
  }

  /** Funding payments since {@code startTimeMs} (all symbols when {@code symbol} is null). */
  public List<IncomeEntry> fundingIncome(String symbol, long startTimeMs) {
    Map<String, String> p = new LinkedHashMap<>();
    if (symbol != null) {
      p.put("symbol", symbol);
    }
    p.put("incomeType", "FUNDING_FEE");
    p.put("startTime", Long.toString(startTimeMs));
    p.put("limit", "1000");
    return list(call("GET", "/fapi/v1/income", p, Security.SIGNED_READ, 30), IncomeEntry::fromJson);
  }

  /** Creates (or extends and returns the active) user-data listen key. */
  public String createListenKey() {
    return Json.text(
        call("POST", "/fapi/v1/listenKey", new LinkedHashMap<>(), Security.API_KEY, 1),
        "listenKey");
  }

  /** Keeps the listen key alive for another 60 minutes. */
  public void keepAliveListenKey() {
    call("PUT", "/fapi/v1/listenKey", new LinkedHashMap<>(), Security.API_KEY, 1);
  }

  /** Closes the listen key. */
  public void closeListenKey() {
    call("DELETE", "/fapi/v1/listenKey", new LinkedHashMap<>(), Security.API_KEY, 1);
  }

  private static Map<String, String> byClientId(String symbol, String clientOrderId) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("origClientOrderId", clientOrderId);
    return p;
  }

  private static <T> List<T> list(JsonNode array, Function<JsonNode, T> parse) {
    List<T> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      out.add(parse.apply(n));
    }
    return out;
  }

  private JsonNode call(
      String method, String path, Map<String, String> params, Security security, int weight) {
    awaitWeight(weight);
    String query = buildQuery(params, security);
    URI uri = URI.create(config.restBaseUrl() + path + (query.isEmpty() ? "" : "?" + query));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (security != Security.NONE) {
      if (apiKey == null) {
        throw new IllegalStateException(path + " needs API credentials");
      }
      b.header("X-MBX-APIKEY", apiKey);
    }
    String endpoint = method + " " + path;
    HttpResponse<String> response;
    long sent = System.nanoTime();
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      metering.failed(endpoint, sent);
      throw new BinanceApiException(
          BinanceApiException.Kind.TIMEOUT, 0, 0, endpoint + " timed out", 0, e);
    } catch (IOException e) {
      metering.failed(endpoint, sent);
      throw new BinanceApiException(
          BinanceApiException.Kind.NETWORK,
          0,
          0,
          endpoint + " failed: " + e.getClass().getSimpleName(),
          0,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BinanceApiException(
          BinanceApiException.Kind.NETWORK, 0, 0, endpoint + " interrupted", 0, e);
    }
    metering.responded(endpoint, response, sent);
    return handle(endpoint, response);
  }

  private String buildQuery(Map<String, String> params, Security security) {
    Map<String, String> p = new LinkedHashMap<>(params);
    if (security == Security.SIGNED_READ || security == Security.SIGNED_TRADE) {
      if (signer == null) {
        throw new IllegalStateException("signed endpoint needs API credentials");
      }
      p.put("recvWindow", Long.toString(config.recvWindowMs()));
      p.put(
          "timestamp", Long.toString(clockSync.signedTimestamp(security == Security.SIGNED_TRADE)));
      String q = encode(p);
      return q + "&signature=" + signer.sign(q);
    }
    return encode(p);
  }

  /** URL-encodes parameters in order, as they are signed. */
  static String encode(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private void awaitWeight(int weight) {
    long delay = limiter.reserve(weight);
    while (delay > 0) {
      if (delay > config.maxRateLimitWait().toMillis()) {
        throw new BinanceApiException(
            BinanceApiException.Kind.RATE_LIMITED,
            0,
            0,
            "request weight exhausted; retry in " + delay + " ms",
            delay,
            null);
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BinanceApiException(
            BinanceApiException.Kind.NETWORK, 0, 0, "interrupted while rate limited", 0, e);
      }
      delay = limiter.reserve(weight);
    }
  }

  private JsonNode handle(String what, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 200) {
      return Json.parse(response.body());
    }
    if (status == 429 || status == 418) {
      long retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .map(v -> RestMetering.parseIntOr(v, -1) * 1000L)
              .filter(v -> v >= 0)
              .orElse(status == 429 ? DEFAULT_429_BACKOFF_MS : DEFAULT_418_BACKOFF_MS);
      limiter.onRetryAfter(retryAfter);
      throw new BinanceApiException(
          BinanceApiException.Kind.RATE_LIMITED,
          status,
          errorCode(response.body()),
          what + ": rate limited (" + status + "), retry after " + retryAfter + " ms",
          retryAfter,
          null);
    }
    if (status >= 500) {
      throw new BinanceApiException(
          BinanceApiException.Kind.SERVER_ERROR,
          status,
          errorCode(response.body()),
          what + ": venue error " + status + " (outcome unknown)");
    }
    int code = errorCode(response.body());
    throw new BinanceApiException(
        BinanceApiException.Kind.REJECTED,
        status,
        code,
        what + ": " + code + " " + errorMessage(response.body()));
  }

  private static int errorCode(String body) {
    try {
      return Json.parse(body).path("code").asInt(0);
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }

  private static String errorMessage(String body) {
    try {
      return Json.parse(body).path("msg").asText("");
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
