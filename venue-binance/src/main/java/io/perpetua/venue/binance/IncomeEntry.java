package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One entry of the income history ({@code GET /fapi/v1/income}), e.g. a {@code FUNDING_FEE}.
 *
 * <p>Immutable.
 *
 * @param symbol venue symbol (empty for transfers)
 * @param incomeType FUNDING_FEE, COMMISSION, REALIZED_PNL, TRANSFER, ...
 * @param income signed amount
 * @param asset asset code
 * @param timeMs epoch ms
 * @param tranId transaction id (unique)
 */
public record IncomeEntry(
    String symbol, String incomeType, BigDecimal income, String asset, long timeMs, long tranId) {

  /** Parses one array element. */
  public static IncomeEntry fromJson(JsonNode n) {
    return new IncomeEntry(
        Json.textOr(n, "symbol", ""),
        Json.text(n, "incomeType"),
        Json.decimal(n, "income"),
        Json.text(n, "asset"),
        Json.longValue(n, "time"),
        Json.longOr(n, "tranId", 0));
  }
}
