package io.perpetua.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.testing.SharedData;
import io.perpetua.venue.binance.order.SymbolFilters;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Parses the real Binance payload examples in ../shared/data/binance-api-fixtures. */
class FixtureParsingTest {
  private static final String ROOT = "binance-api-fixtures/";

  private static String read(String relative) throws IOException {
    return Files.readString(SharedData.require(ROOT + relative));
  }

  @Test
  void everyOrderUpdateFixture_parses() throws IOException {
    Path dir = SharedData.require(ROOT + "ws-user");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().contains("order_update")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(19);
    for (Path f : files) {
      UserDataEvent e = UserDataEvent.parse(Files.readString(f));
      assertThat(e).as(f.getFileName().toString()).isInstanceOf(OrderTradeUpdate.class);
      OrderTradeUpdate u = (OrderTradeUpdate) e;
      assertThat(u.symbol()).as(f.toString()).isNotBlank();
      assertThat(u.clientOrderId()).isNotBlank();
      assertThat(u.orderId()).isPositive();
      assertThat(u.cumulativeFilledQty().compareTo(u.origQty()) <= 0 || u.origQty().signum() == 0)
          .as(f.toString())
          .isTrue();
    }
  }

  @Test
  void orderUpdateTrade_carriesTheExecution() throws IOException {
    OrderTradeUpdate u =
        (OrderTradeUpdate) UserDataEvent.parse(read("ws-user/order_update_trade.json"));
    assertThat(u.isTrade()).isTrue();
    assertThat(u.orderStatus()).isEqualTo("PARTIALLY_FILLED");
    assertThat(u.lastFilledQty()).isEqualByComparingTo("0.001");
    assertThat(u.lastFilledPrice()).isEqualByComparingTo("7100.50");
    assertThat(u.commission()).isEqualByComparingTo("0.01");
    assertThat(u.commissionAsset()).isEqualTo("USDT");
    assertThat(u.tradeId()).isEqualTo(12345678L);
    assertThat(u.maker()).isTrue();
    assertThat(u.realizedProfit()).isEqualByComparingTo("12.34");
    assertThat(u.transactionTimeMs()).isEqualTo(1568879465651L);

    OrderTradeUpdate n =
        (OrderTradeUpdate) UserDataEvent.parse(read("ws-user/order_update_new.json"));
    assertThat(n.isTrade()).isFalse();
    assertThat(n.executionType()).isEqualTo("NEW");
    assertThat(n.orderType()).isEqualTo("TRAILING_STOP_MARKET");

    OrderTradeUpdate wrapped =
        (OrderTradeUpdate)
            UserDataEvent.parse(read("ws-user/futures_order_update_trade_reduce_only_qty.json"));
    assertThat(wrapped.reduceOnly()).isTrue();
    assertThat(wrapped.isTerminal()).isTrue();
  }

  @Test
  void accountUpdates_parse() throws IOException {
    AccountUpdate a = (AccountUpdate) UserDataEvent.parse(read("ws-user/account_update.json"));
    assertThat(a.reason()).isEqualTo("ORDER");
    assertThat(a.balances())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.asset()).isEqualTo("USDT");
              assertThat(b.walletBalance()).isEqualByComparingTo("122624.12345678");
              assertThat(b.balanceChange()).isEqualByComparingTo("50.12345678");
            });
    assertThat(a.positions()).hasSize(3);
    assertThat(a.positions().get(2).positionAmount()).isEqualByComparingTo("-10");
    assertThat(a.positions().get(2).positionSide()).isEqualTo("SHORT");
    AccountUpdate bnfcr =
        (AccountUpdate) UserDataEvent.parse(read("ws-user/account_update_bnfcr.json"));
    assertThat(bnfcr.balances().get(0).asset()).isEqualTo("BNFCR");
    assertThat(bnfcr.positions()).isEmpty();
  }

  @Test
  void otherUserEvents_areRecognisedButNotInterpreted() throws IOException {
    assertThat(UserDataEvent.parse(read("ws-user/trade_lite.json")))
        .isEqualTo(new UserDataEvent.Other("TRADE_LITE", 1568879465651L));
    assertThat(UserDataEvent.parse(read("ws-user/algo_update_new.json")))
        .isInstanceOf(UserDataEvent.Other.class);
  }

  @Test
  void restFixtures_parse() throws IOException {
    OrderState o = OrderState.fromJson(Json.parse(read("rest/order_response.json")));
    assertThat(o.orderId()).isEqualTo(12345678L);
    assertThat(o.clientOrderId()).isEqualTo("testOrder123");
    assertThat(o.status()).isEqualTo("NEW");
    assertThat(o.origQty()).isEqualByComparingTo("0.001");
    assertThat(o.isTerminal()).isFalse();

    PositionRisk p = PositionRisk.fromJson(Json.parse(read("rest/position_risk.json")).get(0));
    assertThat(p.positionAmt()).isEqualByComparingTo("0.001");
    assertThat(p.liquidationPrice()).isEqualByComparingTo("45000");
    assertThat(p.leverage()).isEqualTo(20);

    AccountInfo a = AccountInfo.fromJson(Json.parse(read("rest/account_info_v2.json")));
    assertThat(a.canTrade()).isTrue();
    assertThat(a.totalWalletBalance()).isEqualByComparingTo("23.72469206");
    assertThat(a.assets()).singleElement().extracting(AccountInfo.Asset::asset).isEqualTo("USDT");
    assertThat(a.positions().get(0).leverage()).isEqualTo(100);

    Balance b = Balance.fromJson(Json.parse(read("rest/balance.json")).get(0));
    assertThat(b.balance()).isEqualByComparingTo("122.12345678");

    AggTrade t =
        AggTrade.fromJson(
            Json.parse(read("rest/futures_market_agg_trades.json")).get(0), "BTCUSDT");
    assertThat(t.aggregateId()).isEqualTo(26129);
    assertThat(t.symbol()).isEqualTo("BTCUSDT");
    assertThat(t.buyerMaker()).isTrue();

    var trades = Json.parse(read("rest/futures_account_trades.json"));
    UserTrade ut = UserTrade.fromJson(trades.get(1));
    assertThat(ut.id()).isEqualTo(82357629L);
    assertThat(ut.realizedPnl()).isEqualByComparingTo("-0.00325");
    assertThat(ut.maker()).isFalse();
  }

  @Test
  void restKlines_parseEveryPositionalField() throws IOException {
    var rows = Json.parse(read("rest/futures_market_klines.json"));
    assertThat(rows).hasSize(1);
    Kline k = Kline.fromJson(rows.get(0));
    assertThat(k.openTimeMs()).isEqualTo(1499040000000L);
    assertThat(k.open()).isEqualByComparingTo("0.01634790");
    assertThat(k.high()).isEqualByComparingTo("0.80000000");
    assertThat(k.low()).isEqualByComparingTo("0.01575800");
    assertThat(k.close()).isEqualByComparingTo("0.01577100");
    assertThat(k.volume()).isEqualByComparingTo("148976.11427815");
    assertThat(k.closeTimeMs()).isEqualTo(1499644799999L);
    assertThat(k.quoteVolume()).isEqualByComparingTo("2434.19055334");
    assertThat(k.trades()).isEqualTo(308);
  }

  @Test
  void klineStreams_carryQuoteVolumeAndTradeCount() throws IOException {
    for (String f : List.of("kline_stream_closed", "kline_stream_open")) {
      MarketEvent.Kline k =
          (MarketEvent.Kline) MarketEvent.parse(read("ws-market/" + f + ".json")).orElseThrow();
      assertThat(k.symbol()).isEqualTo("BTCUSDT");
      assertThat(k.interval()).isEqualTo("1m");
      assertThat(k.openTimeMs()).isEqualTo(1638747660000L);
      assertThat(k.closeTimeMs()).isEqualTo(1638747719999L);
      assertThat(k.close()).isEqualByComparingTo("0.0020");
      assertThat(k.volume()).isEqualByComparingTo("1000");
      assertThat(k.quoteVolume()).isEqualByComparingTo("1.0000");
      assertThat(k.trades()).isEqualTo(100);
      assertThat(k.closed()).isEqualTo(f.endsWith("closed"));
    }
  }

  @Test
  void exchangeInfo_filtersAndLimits() throws IOException {
    ExchangeInfo info =
        ExchangeInfo.fromJson(Json.parse(read("rest/futures_market_exchange_info.json")));
    assertThat(info.requestWeightPerMinute()).isEqualTo(6000);
    assertThat(info.ordersPerMinute()).isEqualTo(1200);
    SymbolFilters btc = info.filters("BTCUSDT").orElseThrow();
    assertThat(btc.tickSize()).isEqualByComparingTo("0.10");
    assertThat(btc.stepSize()).isEqualByComparingTo("0.001");
    assertThat(btc.minNotional()).isEqualByComparingTo("10");
    assertThat(btc.multiplierUp()).isEqualByComparingTo("1.1");
    var inst = btc.toInstrument();
    assertThat(inst.id().apiSymbol()).isEqualTo("BTC/USDT:USDT");
    assertThat(inst.priceScale()).isEqualTo(1);
    assertThat(inst.quantityScale()).isEqualTo(3);
  }

  @Test
  void everyMarketStreamFixture_parses() throws IOException {
    assertThat(MarketEvent.parse(read("ws-market/agg_trade_stream.json")).orElseThrow())
        .isInstanceOfSatisfying(
            MarketEvent.Trade.class, t -> assertThat(t.trade().aggregateId()).isEqualTo(5933014));
    assertThat(MarketEvent.parse(read("ws-market/mark_price_stream.json")).orElseThrow())
        .isInstanceOfSatisfying(
            MarketEvent.MarkPrice.class,
            m -> assertThat(m.fundingRate()).isEqualByComparingTo("0.00038167"));
    assertThat(MarketEvent.parse(read("ws-market/kline_stream_closed.json")).orElseThrow())
        .isInstanceOfSatisfying(MarketEvent.Kline.class, k -> assertThat(k.closed()).isTrue());
    assertThat(MarketEvent.parse(read("ws-market/liquidation_stream.json")).orElseThrow())
        .isInstanceOfSatisfying(
            MarketEvent.ForceOrder.class,
            f -> assertThat(f.quantity()).isEqualByComparingTo("0.014"));
    assertThat(MarketEvent.parse(read("ws-market/book_ticker_stream.json")).orElseThrow())
        .isInstanceOfSatisfying(
            MarketEvent.BookTicker.class,
            b -> assertThat(b.askPrice()).isEqualByComparingTo("25.3652"));
    assertThat(MarketEvent.parse(read("ws-market/depth_update_stream.json")).orElseThrow())
        .isInstanceOfSatisfying(
            MarketEvent.DepthUpdate.class,
            d -> {
              assertThat(d.previousFinalUpdateId()).isEqualTo(149);
              assertThat(d.bids().get(0)[1]).isEqualByComparingTo(new BigDecimal("10"));
            });
    assertThat(MarketEvent.parse(read("ws-market/ticker_stream.json"))).isEmpty();
    assertThat(MarketEvent.parse(read("ws-market/trade_stream.json"))).isEmpty();
  }
}
