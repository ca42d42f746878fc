package io.perpetua.venue.binance.fake;

import static io.perpetua.venue.binance.fake.FakeExchange.plain;
import static io.perpetua.venue.binance.fake.FakeExchange.plain8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The account payloads ({@code /fapi/v2/account}, {@code /fapi/v3/account}, {@code balance}, {@code
 * /fapi/v2/positionRisk}, {@code /fapi/v3/positionRisk}) rendered from one {@link FakeMargin}
 * snapshot, so every margin field (initial, maintenance, available, liquidation price) comes from
 * the positions and open orders. Stateless.
 */
final class FakeAccountViews {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FakeAccountViews() {}

  static ObjectNode accountV2(FakeMargin m, long now) {
    ObjectNode a = totals(m, JSON.objectNode().put("feeTier", 0).put("canTrade", true));
    a.put("canDeposit", true).put("canWithdraw", true).put("updateTime", 0);
    a.put("multiAssetsMargin", false).put("tradeGroupId", -1);
    ObjectNode asset = a.putArray("assets").addObject();
    assetFields(m, asset, now);
    asset.put("marginAvailable", true);
    ArrayNode ps = a.putArray("positions");
    for (FakeMargin.Line l : m.lines()) {
      ObjectNode p =
          ps.addObject()
              .put("symbol", l.listing().symbol())
              .put(
                  "initialMargin",
                  plain8(l.positionInitialMargin().add(l.openOrderInitialMargin())))
              .put("maintMargin", plain8(l.maintMargin()));
      p.put("unrealizedProfit", plain8(l.unrealized()))
          .put("positionInitialMargin", plain8(l.positionInitialMargin()));
      p.put("openOrderInitialMargin", plain8(l.openOrderInitialMargin()))
          .put("leverage", Integer.toString(l.leverage()))
          .put("isolated", false)
          .put("entryPrice", plain(l.entry()));
      p.put("maxNotional", maxNotional(l.leverage()))
          .put("bidNotional", plain(l.bidNotional()))
          .put("askNotional", plain(l.askNotional()))
          .put("positionSide", "BOTH");
      p.put("positionAmt", plain(l.qty())).put("updateTime", 0);
    }
    return a;
  }

  /** {@code /fapi/v3/account}: the same totals; positions only where there is one. */
  static ObjectNode accountV3(FakeMargin m, long now) {
    ObjectNode a = totals(m, JSON.objectNode());
    assetFields(m, a.putArray("assets").addObject(), now);
    ArrayNode ps = a.putArray("positions");
    for (FakeMargin.Line l : m.lines()) {
      if (l.qty().signum() == 0) {
        continue;
      }
      ObjectNode p =
          ps.addObject()
              .put("symbol", l.listing().symbol())
              .put("positionSide", "BOTH")
              .put("positionAmt", plain(l.qty()));
      p.put("unrealizedProfit", plain8(l.unrealized()))
          .put("isolatedMargin", "0")
          .put("notional", plain8(l.notional()));
      p.put("isolatedWallet", "0")
          .put("initialMargin", plain8(l.positionInitialMargin()))
          .put("maintMargin", plain8(l.maintMargin()))
          .put("updateTime", now);
    }
    return a;
  }

  static ArrayNode balances(FakeMargin m, long now) {
    ArrayNode out = JSON.arrayNode();
    ObjectNode b =
        out.addObject()
            .put("accountAlias", "FakeVenue")
            .put("asset", "USDT")
            .put("balance", plain8(m.wallet()));
    b.put("crossWalletBalance", plain8(m.wallet()))
        .put("crossUnPnl", plain8(m.unrealized()))
        .put("availableBalance", plain8(m.available()));
    b.put("maxWithdrawAmount", plain8(m.maxWithdraw()))
        .put("marginAvailable", true)
        .put("updateTime", now);
    return out;
  }

  static ArrayNode positionRiskV2(FakeMargin m, long now) {
    ArrayNode out = JSON.arrayNode();
    for (FakeMargin.Line l : m.lines()) {
      ObjectNode p =
          out.addObject().put("symbol", l.listing().symbol()).put("positionAmt", plain(l.qty()));
      p.put("entryPrice", plain(l.entry())).put("markPrice", plain(l.mark()));
      p.put("unRealizedProfit", plain8(l.unrealized()))
          .put("liquidationPrice", plain(m.liquidationPrice(l)));
      p.put("leverage", Integer.toString(l.leverage()))
          .put("maxNotionalValue", maxNotional(l.leverage()))
          .put("marginType", "cross")
          .put("isolatedMargin", "0.00000000");
      p.put("isAutoAddMargin", "false")
          .put("positionSide", "BOTH")
          .put("notional", plain(l.notional()));
      p.put("isolatedWallet", "0").put("updateTime", now).put("breakEvenPrice", plain(l.entry()));
    }
    return out;
  }

  /** {@code /fapi/v3/positionRisk}: symbols with a position or open orders only. */
  static ArrayNode positionRiskV3(FakeMargin m, String symbol, long now) {
    ArrayNode out = JSON.arrayNode();
    for (FakeMargin.Line l : m.lines()) {
      boolean active =
          l.qty().signum() != 0 || l.bidNotional().signum() != 0 || l.askNotional().signum() != 0;
      if (!active || (symbol != null && !symbol.equals(l.listing().symbol()))) {
        continue;
      }
      ObjectNode p =
          out.addObject()
              .put("symbol", l.listing().symbol())
              .put("positionSide", "BOTH")
              .put("positionAmt", plain(l.qty()));
      p.put("entryPrice", plain(l.entry()))
          .put("breakEvenPrice", plain(l.entry()))
          .put("markPrice", plain(l.mark()));
      p.put("unRealizedProfit", plain8(l.unrealized()))
          .put("liquidationPrice", plain(m.liquidationPrice(l)))
          .put("isolatedMargin", "0");
      p.put("notional", plain8(l.notional())).put("marginAsset", "USDT").put("isolatedWallet", "0");
      p.put("initialMargin", plain8(l.positionInitialMargin().add(l.openOrderInitialMargin())))
          .put("maintMargin", plain8(l.maintMargin()))
          .put("positionInitialMargin", plain8(l.positionInitialMargin()));
      p.put("openOrderInitialMargin", plain8(l.openOrderInitialMargin()))
          .put("adl", 0)
          .put("bidNotional", plain(l.bidNotional()))
          .put("askNotional", plain(l.askNotional()));
      p.put("updateTime", now);
    }
    return out;
  }

  /** {@code leverageBracket} for one symbol. */
  static ObjectNode brackets(String symbol) {
    ObjectNode o = JSON.objectNode().put("symbol", symbol).put("notionalCoef", 1.0);
    ArrayNode bs = o.putArray("brackets");
    for (FakeMargin.Bracket b : FakeMargin.BRACKETS) {
      bs.addObject()
          .put("bracket", b.number())
          .put("initialLeverage", b.maxLeverage())
          .put("notionalCap", b.cap())
          .put("notionalFloor", b.floor())
          .put("maintMarginRatio", b.mmr().doubleValue())
          .put("cum", b.cum().doubleValue());
    }
    return o;
  }

  /** The largest notional {@code leverage} allows (the cap of the last bracket allowing it). */
  static String maxNotional(int leverage) {
    long cap = 0;
    for (FakeMargin.Bracket b : FakeMargin.BRACKETS) {
      if (leverage <= b.maxLeverage()) {
        cap = b.cap();
      }
    }
    return Long.toString(cap);
  }

  /**
   * {@code GET /papi/v1/account} (portfolio margin) from the futures account {@code futures}:
   * equity = margin balance, {@code uniMMR} = equity / maintenance margin ("0" with none); a {@code
   * uniMmr} given (fault injection) replaces the ratio and the maintenance margin follows.
   */
  static ObjectNode portfolioAccount(JsonNode futures, BigDecimal uniMmr, long now) {
    BigDecimal equity = new BigDecimal(futures.get("totalMarginBalance").asText());
    BigDecimal maint = new BigDecimal(futures.get("totalMaintMargin").asText());
    BigDecimal ratio;
    if (uniMmr != null && uniMmr.signum() > 0) {
      ratio = uniMmr;
      maint = equity.divide(uniMmr, 8, RoundingMode.HALF_EVEN);
    } else {
      ratio =
          maint.signum() == 0 ? BigDecimal.ZERO : equity.divide(maint, 8, RoundingMode.HALF_EVEN);
    }
    boolean call = maint.signum() > 0 && ratio.compareTo(new BigDecimal("1.2")) <= 0;
    ObjectNode a = JSON.objectNode().put("uniMMR", plain8(ratio));
    a.put("accountEquity", plain8(equity)).put("actualEquity", plain8(equity));
    a.put("accountInitialMargin", futures.get("totalInitialMargin").asText())
        .put("accountMaintMargin", plain8(maint))
        .put("accountStatus", call ? "MARGIN_CALL" : "NORMAL");
    a.put("virtualMaxWithdrawAmount", futures.get("maxWithdrawAmount").asText())
        .put("totalAvailableBalance", futures.get("availableBalance").asText())
        .put("totalMarginOpenLoss", "0.00000000")
        .put("updateTime", now);
    return a;
  }

  private static ObjectNode totals(FakeMargin m, ObjectNode a) {
    String w = plain8(m.wallet());
    a.put("totalInitialMargin", plain8(m.initialMargin()))
        .put("totalMaintMargin", plain8(m.maintMargin()))
        .put("totalWalletBalance", w);
    a.put("totalUnrealizedProfit", plain8(m.unrealized()))
        .put("totalMarginBalance", plain8(m.marginBalance()));
    a.put("totalPositionInitialMargin", plain8(m.positionInitialMargin()))
        .put("totalOpenOrderInitialMargin", plain8(m.openOrderInitialMargin()));
    a.put("totalCrossWalletBalance", w)
        .put("totalCrossUnPnl", plain8(m.unrealized()))
        .put("availableBalance", plain8(m.available()));
    a.put("maxWithdrawAmount", plain8(m.maxWithdraw()));
    return a;
  }

  private static void assetFields(FakeMargin m, ObjectNode asset, long now) {
    asset.put("asset", "USDT").put("walletBalance", plain8(m.wallet()));
    asset
        .put("unrealizedProfit", plain8(m.unrealized()))
        .put("marginBalance", plain8(m.marginBalance()))
        .put("maintMargin", plain8(m.maintMargin()));
    asset
        .put("initialMargin", plain8(m.initialMargin()))
        .put("positionInitialMargin", plain8(m.positionInitialMargin()))
        .put("openOrderInitialMargin", plain8(m.openOrderInitialMargin()));
    asset
        .put("crossWalletBalance", plain8(m.wallet()))
        .put("crossUnPnl", plain8(m.unrealized()))
        .put("availableBalance", plain8(m.available()));
    asset.put("maxWithdrawAmount", plain8(m.maxWithdraw())).put("updateTime", now);
  }
}
