package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * One asset balance ({@code GET /fapi/v2/balance}).
 *
 * <p>Immutable.
 *
 * @param asset asset code
 * @param balance wallet balance
 * @param crossWalletBalance cross-margin wallet balance
 * @param availableBalance free balance
 * @param updateTimeMs last update, epoch ms
 */
public record Balance(
    String asset,
    BigDecimal balance,
    BigDecimal crossWalletBalance,
    BigDecimal availableBalance,
    long updateTimeMs) {

  /** Parses one array element. */
  public static Balance fromJson(JsonNode n) {
    return new Balance(
        Json.text(n, "asset"),
        Json.decimal(n, "balance"),
        Json.decimalOr(n, "crossWalletBalance", BigDecimal.ZERO),
        Json.decimalOr(n, "availableBalance", BigDecimal.ZERO),
        Json.longOr(n, "updateTime", 0));
  }
}
