package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event of the user-data stream: {@link OrderTradeUpdate}, {@link AccountUpdate}, {@link
 * ListenKeyExpired}, or {@link Other} for event types the adapter does not interpret (TRADE_LITE,
 * ALGO_UPDATE, MARGIN_CALL, ...).
 */
public sealed interface UserDataEvent
    permits OrderTradeUpdate, AccountUpdate, UserDataEvent.ListenKeyExpired, UserDataEvent.Other {

  /** Event time, epoch ms. */
  long eventTimeMs();

  /**
   * The listen key expired: the stream is dead and a new key must be created.
   *
   * @param eventTimeMs event time
   */
  record ListenKeyExpired(long eventTimeMs) implements UserDataEvent {}

  /**
   * An event type the adapter does not interpret.
   *
   * @param type the {@code e} field
   * @param eventTimeMs event time
   */
  record Other(String type, long eventTimeMs) implements UserDataEvent {}

  /**
   * Parses one message (bare or in a combined-stream envelope).
   *
   * @throws IllegalArgumentException when the message is malformed
   */
  static UserDataEvent parse(String message) {
    JsonNode n = Json.unwrap(Json.parse(message));
    String type = Json.text(n, "e");
    long time = Json.longOr(n, "E", 0);
    return switch (type) {
      case "ORDER_TRADE_UPDATE" -> OrderTradeUpdate.fromJson(n);
      case "ACCOUNT_UPDATE" -> AccountUpdate.fromJson(n);
      case "listenKeyExpired" -> new ListenKeyExpired(time);
      default -> new Other(type, time);
    };
  }
}
