package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The futures account ({@code GET /fapi/v2/account}): totals, per-asset balances and positions.
 *
 * <p>Immutable.
 *
 * @param canTrade whether trading is enabled
 * @param totalWalletBalance wallet balance (settlement currency)
 * @param totalUnrealizedProfit unrealised PnL
 * @param totalMarginBalance wallet + unrealised
 * @param availableBalance free for new orders
 * @param assets per-asset balances
 * @param positions per-symbol positions
 * @param updateTimeMs last update, epoch ms
 */
public record AccountInfo(
    boolean canTrade,
    BigDecimal totalWalletBalance,
    BigDecimal totalUnrealizedProfit,
    BigDecimal totalMarginBalance,
    BigDecimal availableBalance,
    List<Asset> assets,
    List<Position> positions,
    long updateTimeMs) {

  /** Copies the lists. */
  public AccountInfo {
    assets = List.copyOf(assets);
    positions = List.copyOf(positions);
  }

  /**
   * One asset of the account.
   *
   * @param asset asset code
   * @param walletBalance wallet balance
   * @param unrealizedProfit unrealised PnL
   * @param availableBalance free balance
   */
  public record Asset(
      String asset,
      BigDecimal walletBalance,
      BigDecimal unrealizedProfit,
      BigDecimal availableBalance) {}

  /**
   * One position of the account.
   *
   * @param symbol venue symbol
   * @param positionSide BOTH, LONG or SHORT
   * @param positionAmt signed quantity
   * @param entryPrice average entry price
   * @param unrealizedProfit unrealised PnL
   * @param leverage leverage
   */
  public record Position(
      String symbol,
      String positionSide,
      BigDecimal positionAmt,
      BigDecimal entryPrice,
      BigDecimal unrealizedProfit,
      int leverage) {}

  /** Parses the answer. */
  public static AccountInfo fromJson(JsonNode n) {
    List<Asset> assets = new ArrayList<>();
    for (JsonNode a : n.path("assets")) {
      assets.add(
          new Asset(
              Json.text(a, "asset"),
              Json.decimal(a, "walletBalance"),
              Json.decimalOr(a, "unrealizedProfit", BigDecimal.ZERO),
              Json.decimalOr(a, "availableBalance", BigDecimal.ZERO)));
    }
    List<Position> positions = new ArrayList<>();
    for (JsonNode p : n.path("positions")) {
      positions.add(
          new Position(
              Json.text(p, "symbol"),
              Json.textOr(p, "positionSide", "BOTH"),
              Json.decimal(p, "positionAmt"),
              Json.decimalOr(p, "entryPrice", BigDecimal.ZERO),
              Json.decimalOr(p, "unrealizedProfit", BigDecimal.ZERO),
              (int) Json.longOr(p, "leverage", 1)));
    }
    return new AccountInfo(
        Json.bool(n, "canTrade"),
        Json.decimal(n, "totalWalletBalance"),
        Json.decimalOr(n, "totalUnrealizedProfit", BigDecimal.ZERO),
        Json.decimalOr(n, "totalMarginBalance", BigDecimal.ZERO),
        Json.decimalOr(n, "availableBalance", BigDecimal.ZERO),
        assets,
        positions,
        Json.longOr(n, "updateTime", 0));
  }
}
