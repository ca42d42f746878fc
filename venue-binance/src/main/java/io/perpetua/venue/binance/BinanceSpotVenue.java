package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.TradeId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderType;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueListener;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Binance <b>spot</b> behind the kernel's venue port: the spot leg of a funding carry. Orders go to
 * {@code POST /api/v3/order} (signed) with {@code newClientOrderId} = the kernel's client order id;
 * limits are sent {@code IOC} (a carry leg never rests: what does not fill at once within its
 * slippage limit expires and is reported cancelled), markets as they are. The answer ({@code
 * newOrderRespType=FULL}) carries the fills, reported at once. A 5xx or a timeout leaves the
 * outcome unknown: the order is looked up by its client id ({@code GET /api/v3/order}) and reported
 * as the venue has it, rejected when it does not exist. Fees are converted to the quote currency at
 * the fill price when paid in the base asset. Thread-safe (one request at a time).
 */
public final class BinanceSpotVenue implements Venue {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String baseUrl;
  private final BinanceCredentials credentials;
  private final LongSupplier clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile VenueListener listener;

  /** A venue at {@code baseUrl} (e.g. {@code https://api.binance.com} or the local fake). */
  public BinanceSpotVenue(String baseUrl, BinanceCredentials credentials, LongSupplier clock) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void setListener(VenueListener listener) {
    this.listener = listener;
  }

  @Override
  public boolean isSimulated() {
    return false;
  }

  @Override
  public synchronized void submit(Order order) {
    String symbol = order.instrument().venueSymbol();
    StringBuilder q = new StringBuilder();
    q.append("symbol=").append(symbol).append("&side=").append(order.side().name());
    q.append("&type=").append(order.type().name());
    q.append("&quantity=").append(order.quantity().toBigDecimal().toPlainString());
    if (order.type() == OrderType.LIMIT) {
      q.append("&timeInForce=IOC&price=").append(order.limitPrice().toBigDecimal().toPlainString());
    }
    q.append("&newClientOrderId=").append(enc(order.clientOrderId().value()));
    q.append("&newOrderRespType=FULL");
    JsonNode answer;
    try {
      answer = signed("POST", "/api/v3/order", q.toString());
    } catch (IOException e) {
      answer = lookUp(symbol, order.clientOrderId());
      if (answer == null) {
        listener.onRejected(order, "venue unreachable: " + e.getMessage(), clock.getAsLong());
        return;
      }
    }
    report(order, answer);
  }

  /** Spot limit orders are IOC and never rest: nothing to cancel. */
  @Override
  public void cancel(ClientOrderId clientOrderId) {}

  private JsonNode lookUp(String symbol, ClientOrderId id) {
    try {
      JsonNode found =
          signed(
              "GET", "/api/v3/order", "symbol=" + symbol + "&origClientOrderId=" + enc(id.value()));
      return found.has("code") ? null : found;
    } catch (IOException e) {
      return null;
    }
  }

  private void report(Order order, JsonNode a) {
    long now = clock.getAsLong();
    if (a.has("code")) {
      listener.onRejected(order, a.get("code").asInt() + " " + a.path("msg").asText(), now);
      return;
    }
    listener.onAccepted(order, now);
    int scale = order.quantity().scale();
    int priceScale = order.limitPrice() != null ? order.limitPrice().scale() : 8;
    long filled = 0;
    for (JsonNode f : a.path("fills")) {
      BigDecimal price = new BigDecimal(f.get("price").asText());
      BigDecimal qty = new BigDecimal(f.get("qty").asText());
      BigDecimal fee = new BigDecimal(f.get("commission").asText());
      boolean inQuote = f.get("commissionAsset").asText().equals(order.instrument().quote());
      Quantity q = Quantity.of(qty, scale);
      filled += q.raw();
      listener.onFill(
          new Fill(
              new TradeId("spot-" + f.get("tradeId").asText()),
              order.clientOrderId(),
              order.instrument(),
              order.side(),
              q,
              Price.of(price, priceScale),
              Money.of(inQuote ? fee : fee.multiply(price)),
              Liquidity.TAKER,
              now));
    }
    String status = a.path("status").asText();
    if (filled < order.quantity().raw() && !status.equals("NEW")) {
      listener.onCancelled(order.clientOrderId(), now); // IOC remainder expired
    }
  }

  private JsonNode signed(String method, String path, String query) throws IOException {
    String q = query + "&timestamp=" + clock.getAsLong();
    String url = baseUrl + path + "?" + q + "&signature=" + credentials.signer().sign(q);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("X-MBX-APIKEY", credentials.apiKey())
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (r.statusCode() >= 500) {
      throw new IOException("HTTP " + r.statusCode() + " from " + path);
    }
    return JSON.readTree(r.body());
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }
}
