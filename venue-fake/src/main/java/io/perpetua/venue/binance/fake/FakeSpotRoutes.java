package io.perpetua.venue.binance.fake;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.perpetua.venue.binance.fake.FakeBinanceServer.Security.NONE;
import static io.perpetua.venue.binance.fake.FakeBinanceServer.Security.SIGNED;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The fake's Binance <b>spot</b> REST routes ({@code /api/v3/...}): ping, time, bookTicker,
 * account, order new/query and openOrders, with spot's request weights. Same keys, signatures,
 * weight header and REST faults as the futures routes.
 */
final class FakeSpotRoutes {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final FakeBinanceServer server;
  private final FakeSpot spot;

  FakeSpotRoutes(FakeBinanceServer server, FakeSpot spot) {
    this.server = server;
    this.spot = spot;
  }

  void register() {
    server.route(GET, "/api/v3/ping", NONE, 1, r -> JSON.objectNode());
    server.route(
        GET, "/api/v3/time", NONE, 1, r -> JSON.objectNode().put("serverTime", server.now()));
    server.route(
        GET,
        "/api/v3/ticker/bookTicker",
        NONE,
        r -> r.get("symbol") == null ? 4 : 2,
        r -> r.get("symbol") == null ? spot.bookTickers() : spot.bookTicker(r.get("symbol")));
    server.route(GET, "/api/v3/account", SIGNED, 20, r -> spot.account());
    server.route(POST, "/api/v3/order", SIGNED, 1, r -> spot.newOrder(r.params()));
    server.route(GET, "/api/v3/order", SIGNED, 4, r -> spot.queryOrder(r.params()));
    server.route(GET, "/api/v3/openOrders", SIGNED, 6, r -> spot.openOrders());
  }
}
