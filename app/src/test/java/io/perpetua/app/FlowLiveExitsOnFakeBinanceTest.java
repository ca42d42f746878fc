package io.perpetua.app;

import static io.perpetua.trading.testing.FlowFixtures.BTC;
import static io.perpetua.trading.testing.FlowFixtures.STRATEGY;
import static io.perpetua.trading.testing.FlowFixtures.T0;
import static io.perpetua.trading.testing.FlowFixtures.liveRisk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.trading.flow.ClosedFlowTrade;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.PositionSnapshot;
import io.perpetua.trading.flow.live.FlowLiveExecutor;
import io.perpetua.trading.flow.live.FlowLiveExitKpis;
import io.perpetua.trading.flow.live.FlowLiveSettings;
import io.perpetua.trading.testing.FlowFixtures;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.venue.binance.fake.FakeExchange;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.fake.FakeVenuePriceFeed;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live executor's maker-first exits over signed HTTP and the user-data WebSocket against the
 * fake Binance account, with prices moved by hand and real wall-clock timeouts (300 ms): the TP
 * limits rest as {@code LIMIT}/{@code GTX} reduce-only orders the fake accepts; a TP the price does
 * not reach is cancelled after {@code tp_timeout_ms} and its half closed at market while the other
 * TP fills as maker; the timeout exit's limit fills in part, the rest goes at market after the
 * grace; a stop cancels the TPs and closes at market. The fake account ends flat, and the
 * executor's fills are the venue's trades.
 */
class FlowLiveExitsOnFakeBinanceTest {
  private static final long WAIT = 300;

  private FakeVenueConnection connection;
  private FakeExchange fake;
  private FakeVenuePriceFeed feed;
  private FlowLiveExecutor executor;
  private long now = T0;

  @BeforeEach
  void start() throws InterruptedException {
    connection =
        FakeVenueConnection.start(
            List.of(FakeListing.standard("BTCUSDT", new BigDecimal("9700.0"))),
            0,
            new BigDecimal("10000"),
            new MakerFirstSettings(true, 1, 60_000, 10));
    fake = connection.fake.exchange();
    feed = new FakeVenuePriceFeed(fake, connection.venue::onMarkPrice);
    executor =
        new FlowLiveExecutor(
            connection.flowLiveVenue(),
            connection.venue.instruments(),
            liveRisk(),
            null,
            new FlowLiveSettings(10_000, 60_000, 3, WAIT, WAIT));
    await("user stream connected", () -> connection.fake.userConnections() == 1);
    print(9_700.0, "1");
  }

  @AfterEach
  void stop() {
    executor.close();
    connection.close();
  }

  private void print(double price, String qty) {
    feed.onTrade(BTC, price, new BigDecimal(qty), false);
    now += 1_000;
    executor.onPrice(BTC, price, now);
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long end = System.currentTimeMillis() + 10_000;
    while (!done.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(end);
      Thread.sleep(5);
    }
  }

  /**
   * The long of 1 on its way: TP1 hit (its last exit at 9,705) once {@code remaining} is below 1.
   */
  private static PositionSnapshot position(String id, double remaining) {
    return FlowFixtures.position(
        id, FlowDirection.LONG, 1, remaining, remaining < 1 ? 9_705 : Double.NaN);
  }

  private static ClosedFlowTrade closed(String id, FlowTradeStatus status, double exit) {
    return FlowFixtures.closed(id, FlowDirection.LONG, 1, status, exit);
  }

  private JsonNode venueOrder(String position, String name) {
    return fake.queryOrder(Map.of("symbol", "BTCUSDT", "origClientOrderId", id(position, name)));
  }

  private static String id(String position, String name) {
    return ClientOrderIds.derive(STRATEGY, position, name).value();
  }

  /** The client ids of the orders open at the venue. */
  private List<String> open() {
    List<String> ids = new java.util.ArrayList<>();
    fake.openOrders("BTCUSDT").forEach(o -> ids.add(o.get("clientOrderId").asText()));
    return ids;
  }

  private BigDecimal venuePosition() {
    for (JsonNode p : fake.positionRisk()) {
      if (p.get("symbol").asText().equals("BTCUSDT")) {
        return new BigDecimal(p.get("positionAmt").asText());
      }
    }
    return BigDecimal.ZERO;
  }

  /** Opens a long of 1 and fills its maker-first entry; returns once both TP limits rest. */
  private void enteredLong(String id) throws InterruptedException {
    executor.onPositionOpened(position(id, 1));
    await("entry rests", () -> open().equals(List.of(id(id, "entry"))));
    print(9_699.9, "5");
    await("TP limits rest", () -> open().equals(List.of(id(id, "tp1"), id(id, "tp2"))));
    JsonNode tp1 = venueOrder(id, "tp1");
    assertThat(tp1.get("type").asText()).isEqualTo("LIMIT");
    assertThat(tp1.get("timeInForce").asText()).isEqualTo("GTX");
    assertThat(tp1.get("reduceOnly").asBoolean()).isTrue();
    assertThat(tp1.get("side").asText()).isEqualTo("SELL");
    assertThat(new BigDecimal(tp1.get("price").asText())).isEqualByComparingTo("9705.0");
    assertThat(new BigDecimal(tp1.get("origQty").asText())).isEqualByComparingTo("0.5");
    assertThat(new BigDecimal(venueOrder(id, "tp2").get("price").asText()))
        .isEqualByComparingTo("9710");
  }

  private void flatAndBooked() throws InterruptedException {
    await("flat", () -> venuePosition().signum() == 0);
    assertThat(executor.awaitIdle(5_000)).isTrue();
    await(
        "every venue trade booked",
        () -> executor.positions().get(0).fills() == fake.userTrades("BTCUSDT", null).size());
    assertThat(executor.netPositions().get(BTC)).isEqualByComparingTo("0");
    assertThat(fake.openOrders("BTCUSDT")).isEmpty();
    assertThat(executor.kpis().venueRejected()).isZero();
  }

  @Test
  void tpNotReached_goesToMarketAfterTheTimeout_whileTheOtherTpFillsAsMaker() throws Exception {
    String id = "factory-1:BTCUSDT:tp";
    enteredLong(id);
    print(9_704.9, "3"); // one tick short of TP1: the paper (at its own prices) says TP1
    executor.onPositionUpdated(position(id, 0.5));
    await("TP1's half at market", () -> venuePosition().compareTo(new BigDecimal("0.5")) == 0);
    JsonNode limit = venueOrder(id, "tp1");
    assertThat(limit.get("status").asText()).isEqualTo("CANCELED");
    JsonNode market = venueOrder(id, "tp1-mkt");
    assertThat(market.get("type").asText()).isEqualTo("MARKET");
    assertThat(market.get("reduceOnly").asBoolean()).isTrue();
    assertThat(new BigDecimal(market.get("executedQty").asText())).isEqualByComparingTo("0.5");

    print(9_710.0, "3"); // TP2 reached at the venue: its limit fills as maker
    executor.onTradeClosed(closed(id, FlowTradeStatus.TP, 9_710));
    flatAndBooked();
    Thread.sleep(2 * WAIT); // the TP2 timer comes and finds nothing to do
    assertThat(executor.awaitIdle(5_000)).isTrue();
    assertThat(fake.orderCount()).isEqualTo(4); // entry, tp1, tp2, tp1-mkt
    assertThat(venueOrder(id, "tp2").get("status").asText()).isEqualTo("FILLED");
    FlowLiveExitKpis k = executor.kpis().exits();
    assertThat(k.tpTranches()).isEqualTo(2);
    assertThat(k.tpMakerTranches()).isEqualTo(1);
    assertThat(k.tpFallbacks()).isEqualTo(1);
    assertThat(k.tpOvershootRate()).isEqualTo(0.5);
    assertThat(k.tpMakerShare()).isEqualTo(0.5);
  }

  @Test
  void timeout_limitFillsInPart_theRestGoesAtMarketAfterTheGrace() throws Exception {
    String id = "factory-1:BTCUSDT:timeout";
    enteredLong(id);
    print(9_702.0, "1");
    executor.onTradeClosed(closed(id, FlowTradeStatus.TIMEOUT, 9_702));
    await("the timeout limit alone rests", () -> open().equals(List.of(id(id, "timeout"))));
    JsonNode limit = venueOrder(id, "timeout");
    assertThat(limit.get("timeInForce").asText()).isEqualTo("GTX");
    assertThat(limit.get("reduceOnly").asBoolean()).isTrue();
    assertThat(new BigDecimal(limit.get("price").asText())).isEqualByComparingTo("9702.1");
    assertThat(new BigDecimal(limit.get("origQty").asText())).isEqualByComparingTo("1");
    connection.fake.faults().partialFillNext(1);
    print(9_702.1, "1"); // half of it fills as maker
    flatAndBooked();
    assertThat(new BigDecimal(venueOrder(id, "timeout").get("executedQty").asText()))
        .isEqualByComparingTo("0.5");
    assertThat(new BigDecimal(venueOrder(id, "exit").get("executedQty").asText()))
        .isEqualByComparingTo("0.5");
    assertThat(executor.kpis().exits().timeoutFallbacks()).isEqualTo(1);
  }

  @Test
  void stop_cancelsTheTpLimitsAndClosesAtMarket() throws Exception {
    String id = "factory-1:BTCUSDT:stop";
    enteredLong(id);
    print(9_689.0, "1");
    executor.onTradeClosed(closed(id, FlowTradeStatus.SL, 9_690));
    flatAndBooked();
    assertThat(venueOrder(id, "tp1").get("status").asText()).isEqualTo("CANCELED");
    assertThat(venueOrder(id, "tp2").get("status").asText()).isEqualTo("CANCELED");
    JsonNode exit = venueOrder(id, "exit");
    assertThat(exit.get("type").asText()).isEqualTo("MARKET");
    assertThat(new BigDecimal(exit.get("executedQty").asText())).isEqualByComparingTo("1");
    assertThat(executor.kpis().exits().stopCloses()).isEqualTo(1);
  }
}
