package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.ClientOrderId;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Liquidity;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.account.MultiVenueAccount;
import io.perpetua.trading.account.VenueAccountView;
import io.perpetua.trading.port.VenueListener;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.trading.venue.MakerFirstVenue;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Market, post-only and reduce-only orders end to end: adapter → signed REST → fake venue (the
 * right Binance order types) → fill → {@code ORDER_TRADE_UPDATE} on the user stream → {@code
 * VenueListener} fills → the account model's position, which equals the venue's.
 */
class OrderKindsEndToEndTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final StrategyId STRATEGY = StrategyId.of("e2e");
  private FakeBinanceServer server;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<OrderTradeUpdate> streamed = new CopyOnWriteArrayList<>();
  private final List<Fill> fills = new CopyOnWriteArrayList<>();
  private final MultiVenueAccount account = new MultiVenueAccount();

  @BeforeEach
  void start() throws InterruptedException {
    server = FakeVenueSupport.start();
    account.open("binance", "binance", Money.parse("10000"), 0.1);
    UserDataStream observer =
        new UserDataStream(
            FakeVenueSupport.client(server),
            e -> {
              if (e instanceof OrderTradeUpdate u) {
                streamed.add(u);
              }
            },
            () -> {});
    open.add(observer::close);
    observer.start();
    assertThat(await(() -> server.userConnections() == 1, 5_000)).isTrue();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
  }

  private VenueListener listener() {
    VenueListener model = account.listenerFor("binance");
    return new VenueListener() {
      @Override
      public void onAccepted(Order order, long timeMs) {}

      @Override
      public void onFill(Fill fill) {
        fills.add(fill);
        model.onFill(fill);
      }

      @Override
      public void onRejected(Order order, String reason, long timeMs) {}

      @Override
      public void onCancelled(ClientOrderId clientOrderId, long timeMs) {}
    };
  }

  private BinanceVenue venue(boolean postOnly) throws InterruptedException {
    int streams = server.userConnectionsOpened();
    BinanceVenue v =
        BinanceVenue.connect(FakeVenueSupport.client(server), postOnly, Clock.system());
    open.add(v);
    assertThat(await(() -> server.userConnectionsOpened() > streams, 5_000)).isTrue();
    v.onMarkPrice("BTCUSDT", new BigDecimal("50000.0"));
    return v;
  }

  private static Order order(String decision, OrderSide side, String qty, boolean reduceOnly) {
    return new Order(
        ClientOrderIds.derive(STRATEGY, decision, "BTCUSDT"),
        BTC,
        side,
        OrderType.MARKET,
        Quantity.parse(qty, 3),
        null,
        reduceOnly,
        STRATEGY,
        null,
        1L);
  }

  private double filled(ClientOrderId id) {
    return fills.stream()
        .filter(f -> f.clientOrderId().equals(id))
        .mapToDouble(f -> f.quantity().toBigDecimal().doubleValue())
        .sum();
  }

  private JsonNode venueOrder(ClientOrderId id) {
    return server
        .exchange()
        .queryOrder(Map.of("symbol", "BTCUSDT", "origClientOrderId", id.value()));
  }

  private List<OrderTradeUpdate> trades(ClientOrderId id) {
    return streamed.stream()
        .filter(u -> u.clientOrderId().equals(id.value()) && u.isTrade())
        .toList();
  }

  @Test
  void marketPostOnlyAndReduceOnly_reachTheVenueAsTheirTypes_andEndAsTheVenuesPosition()
      throws Exception {
    BinanceVenue plain = venue(false);
    plain.setListener(listener());
    BinanceVenue gtx = venue(true);
    MakerFirstVenue makerFirst =
        new MakerFirstVenue(
            gtx,
            gtx.instruments(),
            id -> server.exchange().lastPrice(id.venueSymbol()).doubleValue(),
            new MakerFirstSettings(true, 1, 10_000, 10));
    open.add(makerFirst);
    makerFirst.setListener(listener());

    Order market = order("market", OrderSide.BUY, "0.020", false);
    plain.submit(market);
    assertThat(await(() -> filled(market.clientOrderId()) >= 0.020 - 1e-9, 5_000)).isTrue();

    Order postOnly = order("post-only", OrderSide.BUY, "0.020", false);
    makerFirst.submit(postOnly);
    assertThat(await(() -> server.exchange().openOrders("BTCUSDT").size() == 1, 5_000)).isTrue();
    server.exchange().trade("BTCUSDT", new BigDecimal("49990.0"), BigDecimal.ONE, true);
    assertThat(await(() -> filled(postOnly.clientOrderId()) >= 0.020 - 1e-9, 5_000)).isTrue();

    Order reduce = order("reduce-only", OrderSide.SELL, "0.030", true);
    plain.submit(reduce);
    assertThat(await(() -> filled(reduce.clientOrderId()) >= 0.030 - 1e-9, 5_000)).isTrue();

    // the fake holds them as the right Binance order types, all filled
    JsonNode m = venueOrder(market.clientOrderId());
    assertThat(m.get("type").asText()).isEqualTo("MARKET");
    assertThat(m.get("reduceOnly").asBoolean()).isFalse();
    JsonNode p = venueOrder(postOnly.clientOrderId());
    assertThat(p.get("type").asText()).isEqualTo("LIMIT");
    assertThat(p.get("timeInForce").asText()).isEqualTo("GTX");
    JsonNode r = venueOrder(reduce.clientOrderId());
    assertThat(r.get("type").asText()).isEqualTo("MARKET");
    assertThat(r.get("reduceOnly").asBoolean()).isTrue();
    for (JsonNode o : List.of(m, p, r)) {
      assertThat(o.get("status").asText()).isEqualTo("FILLED");
    }
    assertThat(server.exchange().orderCount()).isEqualTo(3);

    // each produced ORDER_TRADE_UPDATE trades with the same type, time in force and flag
    assertThat(await(() -> streamed.stream().filter(OrderTradeUpdate::isTrade).count() == 3, 5_000))
        .isTrue();
    assertThat(trades(market.clientOrderId()))
        .singleElement()
        .satisfies(u -> assertThat(u.orderType()).isEqualTo("MARKET"));
    assertThat(trades(postOnly.clientOrderId()))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.orderType()).isEqualTo("LIMIT");
              assertThat(u.timeInForce()).isEqualTo("GTX");
              assertThat(u.maker()).isTrue();
            });
    assertThat(trades(reduce.clientOrderId()))
        .singleElement()
        .satisfies(u -> assertThat(u.reduceOnly()).isTrue());
    assertThat(fills.stream().filter(f -> f.liquidity() == Liquidity.MAKER).count()).isEqualTo(1);

    // the booked position equals the venue's: 0.020 + 0.020 - 0.030
    VenueAccountView view = account.view("binance");
    assertThat(view.positions())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.instrument()).isEqualTo(BTC);
              assertThat(l.quantity())
                  .isEqualTo(venuePosition(), org.assertj.core.data.Offset.offset(1e-9));
            });
    assertThat(venuePosition()).isEqualTo(0.010, org.assertj.core.data.Offset.offset(1e-9));
  }

  private double venuePosition() {
    for (JsonNode n : server.exchange().positionRisk()) {
      if ("BTCUSDT".equals(n.get("symbol").asText())) {
        return n.get("positionAmt").asDouble();
      }
    }
    return 0;
  }
}
