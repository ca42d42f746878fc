package io.perpetua.venue.binance;

import static io.perpetua.venue.binance.FakeVenueSupport.limit;
import static io.perpetua.venue.binance.FakeVenueSupport.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.venue.binance.fake.FakeBinanceServer;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestClientAgainstFakeTest {
  private static final String NEW_ORDER = "POST /fapi/v1/order";
  private FakeBinanceServer server;
  private BinanceRestClient client;

  @BeforeEach
  void start() {
    server = FakeVenueSupport.start();
    client = FakeVenueSupport.client(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void signedOrder_isAcceptedAndFilled_andWeightHeaderIsAdopted() {
    OrderState s = client.placeOrder(market("pp-m1", "BUY", "0.010"));
    assertThat(s.status()).isEqualTo("FILLED");
    assertThat(s.executedQty()).isEqualByComparingTo("0.010");
    assertThat(s.avgPrice()).isEqualByComparingTo("50000");
    assertThat(client.limiter().used()).isBetween(1, 2);
    assertThat(client.queryOrder("BTCUSDT", "pp-m1").orderId()).isEqualTo(s.orderId());
    assertThat(client.positionRisk())
        .filteredOn(p -> p.symbol().equals("BTCUSDT"))
        .singleElement()
        .satisfies(p -> assertThat(p.positionAmt()).isEqualByComparingTo("0.01"));
    assertThat(client.userTrades("BTCUSDT", s.orderId()))
        .singleElement()
        .satisfies(t -> assertThat(t.commission()).isEqualByComparingTo("0.25"));
    assertThat(client.account().totalWalletBalance()).isEqualByComparingTo("9999.75");
    assertThat(client.balances().get(0).balance()).isEqualByComparingTo("9999.75");
  }

  @Test
  void wrongSecret_isRejectedBySignatureCheck() {
    BinanceRestClient bad =
        new BinanceRestClient(
            FakeVenueSupport.config(server, 0, java.time.Duration.ofHours(1)),
            new BinanceCredentials(FakeBinanceServer.API_KEY, "not-the-secret"),
            io.perpetua.core.time.Clock.system());
    bad.syncTime();
    assertThatThrownBy(() -> bad.newOrder(market("pp-bad", "BUY", "0.010")))
        .isInstanceOfSatisfying(
            BinanceApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(-1022);
              assertThat(e.getMessage())
                  .doesNotContain("not-the-secret")
                  .doesNotContain("signature=");
            });
    assertThat(server.exchange().orderCount()).isZero();
  }

  @Test
  void driftBeyondOneSecond_blocksTrading_butNotReads() {
    server.faults().clockSkew(1_500);
    assertThat(client.syncTime()).isBetween(1_300L, 1_700L);
    assertThatThrownBy(() -> client.placeOrder(market("pp-d1", "BUY", "0.010")))
        .isInstanceOfSatisfying(
            BinanceApiException.class,
            e -> assertThat(e.kind()).isEqualTo(BinanceApiException.Kind.CLOCK_DRIFT));
    assertThat(server.requestCount(NEW_ORDER)).isZero();
    assertThat(client.account().canTrade()).isTrue();
    server.faults().clockSkew(300);
    client.syncTime();
    assertThat(client.placeOrder(market("pp-d1", "BUY", "0.010")).status()).isEqualTo("FILLED");
  }

  @Test
  void retryAfter429_blocksRequestsUntilItPasses() {
    BinanceRestClient impatient = FakeVenueSupport.client(server, 0);
    server.faults().rateLimitNext(1);
    assertThatThrownBy(impatient::syncTime)
        .isInstanceOfSatisfying(
            BinanceApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BinanceApiException.Kind.RATE_LIMITED);
              assertThat(e.httpStatus()).isEqualTo(429);
              assertThat(e.retryAfterMs()).isEqualTo(1_000);
            });
    int sent = server.requestCount("GET /fapi/v1/time");
    assertThatThrownBy(impatient::syncTime)
        .isInstanceOfSatisfying(
            BinanceApiException.class, e -> assertThat(e.httpStatus()).isZero());
    assertThat(server.requestCount("GET /fapi/v1/time")).isEqualTo(sent);

    server.faults().banNext(1);
    long t0 = System.nanoTime();
    assertThatThrownBy(client::syncTime)
        .isInstanceOfSatisfying(
            BinanceApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(418));
    client.syncTime();
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(900);
  }

  @Test
  void serverErrorBeforeProcessing_retriesOnce_withOneOrder() {
    server.faults().serverErrorNext("/fapi/v1/order");
    OrderState s = client.placeOrder(market("pp-5xx", "BUY", "0.010"));
    assertThat(s.clientOrderId()).isEqualTo("pp-5xx");
    assertThat(server.exchange().orderCount()).isEqualTo(1);
    assertThat(server.requestCount(NEW_ORDER)).isEqualTo(2);
  }

  @Test
  void serverErrorAfterProcessing_findsTheOrder_insteadOfSendingItAgain() {
    server.faults().serverErrorAfterProcessingNext("/fapi/v1/order");
    OrderState s = client.placeOrder(market("pp-5xx-late", "BUY", "0.010"));
    assertThat(s.status()).isEqualTo("FILLED");
    assertThat(server.exchange().orderCount()).isEqualTo(1);
    assertThat(server.requestCount(NEW_ORDER)).isEqualTo(1);
  }

  @Test
  void timeout_isFollowedByQueryByClientId_neverByASecondOrder() {
    BinanceRestClient hasty = FakeVenueSupport.client(server, 2_000, 300);
    server.faults().timeoutNext("/fapi/v1/order", 700);
    OrderState s = hasty.placeOrder(limit("pp-slow", "BUY", "0.010", "49000.0", "GTC"));
    assertThat(s.status()).isEqualTo("NEW");
    assertThat(server.exchange().orderCount()).isEqualTo(1);
    assertThat(server.requestCount(NEW_ORDER)).isEqualTo(1);
    assertThat(server.requestCount("GET /fapi/v1/order")).isEqualTo(1);
  }

  @Test
  void duplicateClientOrderId_returnsTheExistingOrder() {
    OrderState first = client.placeOrder(limit("pp-dup", "BUY", "0.010", "49000.0", "GTC"));
    OrderState again = client.placeOrder(limit("pp-dup", "BUY", "0.010", "49000.0", "GTC"));
    assertThat(again.orderId()).isEqualTo(first.orderId());
    assertThat(server.exchange().orderCount()).isEqualTo(1);
    assertThatThrownBy(() -> client.newOrder(limit("pp-dup", "BUY", "0.010", "49000.0", "GTC")))
        .isInstanceOfSatisfying(
            BinanceApiException.class,
            e -> assertThat(e.code()).isEqualTo(BinanceApiException.DUPLICATE_CLIENT_ORDER_ID));
  }

  @Test
  void rejectedOrder_isNotRetried() {
    server.faults().rejectNextOrder(-2019, "Margin is insufficient.");
    assertThatThrownBy(() -> client.placeOrder(market("pp-rej", "BUY", "0.010")))
        .isInstanceOfSatisfying(
            BinanceApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(BinanceApiException.Kind.REJECTED);
              assertThat(e.code()).isEqualTo(-2019);
              assertThat(e.getMessage()).contains("Margin is insufficient");
            });
    assertThat(server.requestCount(NEW_ORDER)).isEqualTo(1);
  }

  @Test
  void partialFill_thenCancel_leavesTheRemainderCancelled() {
    OrderState resting = client.placeOrder(limit("pp-part", "BUY", "0.020", "49900.0", "GTC"));
    server.faults().partialFillNext(1);
    server.exchange().trade("BTCUSDT", new BigDecimal("49900.0"), new BigDecimal("1"), true);
    OrderState half = client.queryOrder("BTCUSDT", "pp-part");
    assertThat(half.status()).isEqualTo("PARTIALLY_FILLED");
    assertThat(half.executedQty()).isEqualByComparingTo("0.010");
    OrderState cancelled = client.cancelOrder("BTCUSDT", "pp-part");
    assertThat(cancelled.status()).isEqualTo("CANCELED");
    assertThat(cancelled.orderId()).isEqualTo(resting.orderId());
    assertThatThrownBy(() -> client.cancelOrder("BTCUSDT", "pp-part"))
        .isInstanceOfSatisfying(
            BinanceApiException.class,
            e -> assertThat(e.code()).isEqualTo(BinanceApiException.UNKNOWN_ORDER));
  }

  @Test
  void fundingIncome_isReported() {
    client.placeOrder(market("pp-f", "SELL", "0.010"));
    server.exchange().settleFunding(new BigDecimal("0.0001"));
    assertThat(client.fundingIncome("BTCUSDT", 0))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.incomeType()).isEqualTo("FUNDING_FEE");
              assertThat(i.income()).isEqualByComparingTo("0.05");
            });
  }

  @Test
  void exchangeInfo_setsTheWeightLimit_andAggTradesPage() {
    ExchangeInfo info = client.exchangeInfo();
    assertThat(client.limiter().limit()).isEqualTo(2400);
    assertThat(info.filters("ETHUSDT")).isPresent();
    for (int i = 0; i < 5; i++) {
      server.exchange().trade("BTCUSDT", new BigDecimal("50000.0"), BigDecimal.ONE, false);
    }
    assertThat(client.aggTrades("BTCUSDT", 3, 10))
        .extracting(AggTrade::aggregateId)
        .containsExactly(3L, 4L, 5L);
  }
}
