package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code ACCOUNT_UPDATE} user-data event: balances and positions that changed, and why.
 *
 * <p>Immutable.
 *
 * @param eventTimeMs event time ({@code E})
 * @param transactionTimeMs transaction time ({@code T})
 * @param reason ORDER, FUNDING_FEE, DEPOSIT, WITHDRAW, ... ({@code a.m})
 * @param balances changed balances ({@code a.B})
 * @param positions changed positions ({@code a.P})
 */
public record AccountUpdate(
    long eventTimeMs,
    long transactionTimeMs,
    String reason,
    List<BalanceChange> balances,
    List<PositionChange> positions)
    implements UserDataEvent {

  /** Copies the lists. */
  public AccountUpdate {
    balances = List.copyOf(balances);
    positions = List.copyOf(positions);
  }

  /**
   * A balance after the change.
   *
   * @param asset asset ({@code a})
   * @param walletBalance wallet balance ({@code wb})
   * @param crossWalletBalance cross wallet balance ({@code cw})
   * @param balanceChange change other than PnL and commission ({@code bc})
   */
  public record BalanceChange(
      String asset,
      BigDecimal walletBalance,
      BigDecimal crossWalletBalance,
      BigDecimal balanceChange) {}

  /**
   * A position after the change.
   *
   * @param symbol symbol ({@code s})
   * @param positionAmount signed amount ({@code pa})
   * @param entryPrice entry price ({@code ep})
   * @param breakEvenPrice break-even price ({@code bep})
   * @param accumulatedRealized accumulated realised PnL ({@code cr})
   * @param unrealizedPnl unrealised PnL ({@code up})
   * @param marginType cross or isolated ({@code mt})
   * @param isolatedWallet isolated wallet ({@code iw})
   * @param positionSide BOTH, LONG or SHORT ({@code ps})
   */
  public record PositionChange(
      String symbol,
      BigDecimal positionAmount,
      BigDecimal entryPrice,
      BigDecimal breakEvenPrice,
      BigDecimal accumulatedRealized,
      BigDecimal unrealizedPnl,
      String marginType,
      BigDecimal isolatedWallet,
      String positionSide) {}

  /** Parses the event object (already unwrapped). */
  public static AccountUpdate fromJson(JsonNode event) {
    JsonNode a = Json.require(event, "a");
    List<BalanceChange> balances = new ArrayList<>();
    for (JsonNode b : a.path("B")) {
      balances.add(
          new BalanceChange(
              Json.text(b, "a"),
              Json.decimal(b, "wb"),
              Json.decimalOr(b, "cw", BigDecimal.ZERO),
              Json.decimalOr(b, "bc", BigDecimal.ZERO)));
    }
    List<PositionChange> positions = new ArrayList<>();
    for (JsonNode p : a.path("P")) {
      positions.add(
          new PositionChange(
              Json.text(p, "s"),
              Json.decimal(p, "pa"),
              Json.decimalOr(p, "ep", BigDecimal.ZERO),
              Json.decimalOr(p, "bep", BigDecimal.ZERO),
              Json.decimalOr(p, "cr", BigDecimal.ZERO),
              Json.decimalOr(p, "up", BigDecimal.ZERO),
              Json.textOr(p, "mt", "cross"),
              Json.decimalOr(p, "iw", BigDecimal.ZERO),
              Json.textOr(p, "ps", "BOTH")));
    }
    return new AccountUpdate(
        Json.longOr(event, "E", 0),
        Json.longOr(event, "T", 0),
        Json.text(a, "m"),
        balances,
        positions);
  }
}
