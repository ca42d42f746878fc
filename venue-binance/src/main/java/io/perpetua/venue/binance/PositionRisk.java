package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One position with its risk figures ({@code GET /fapi/v2/positionRisk}).
 *
 * <p>Immutable.
 *
 * @param symbol venue symbol
 * @param positionSide BOTH, LONG or SHORT
 * @param positionAmt signed quantity
 * @param entryPrice average entry price
 * @param markPrice mark price
 * @param unrealizedProfit unrealised PnL
 * @param liquidationPrice liquidation price (0 when none)
 * @param leverage leverage
 * @param marginType cross or isolated
 * @param notional signed notional at mark
 * @param updateTimeMs last update, epoch ms
 */
public record PositionRisk(
    String symbol,
    String positionSide,
    BigDecimal positionAmt,
    BigDecimal entryPrice,
    BigDecimal markPrice,
    BigDecimal unrealizedProfit,
    BigDecimal liquidationPrice,
    int leverage,
    String marginType,
    BigDecimal notional,
    long updateTimeMs) {

  /** Parses one array element. */
  public static PositionRisk fromJson(JsonNode n) {
    return new PositionRisk(
        Json.text(n, "symbol"),
        Json.textOr(n, "positionSide", "BOTH"),
        Json.decimal(n, "positionAmt"),
        Json.decimalOr(n, "entryPrice", BigDecimal.ZERO),
        Json.decimalOr(n, "markPrice", BigDecimal.ZERO),
        Json.decimalOr(n, "unRealizedProfit", BigDecimal.ZERO),
        Json.decimalOr(n, "liquidationPrice", BigDecimal.ZERO),
        (int) Json.longOr(n, "leverage", 1),
        Json.textOr(n, "marginType", "cross"),
        Json.decimalOr(n, "notional", BigDecimal.ZERO),
        Json.longOr(n, "updateTime", 0));
  }
}
