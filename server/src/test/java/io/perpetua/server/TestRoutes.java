package io.perpetua.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Nullable;
import java.time.LocalDate;
import java.util.List;

/** A route group added through the {@link RouteGroup} hook: a body route and a path route. */
final class TestRoutes implements RouteGroup {
  static final Param<String> ITEM_ID = Param.string("item_id", "[a-z0-9-]+", 32).inPath();
  static final Param<Integer> PAGE = Param.integer("page", 1, 100).withDefault(1);
  static final Param<LocalDate> START = Param.date("start_date").required();
  static final Param<Boolean> VERBOSE = Param.bool("verbose");

  /** A request body: symbol and amount are required; amount must be positive. */
  record OrderBody(
      @JsonProperty(required = true) String symbol,
      @JsonProperty(required = true) int amount,
      LocalDate startDate,
      Boolean dryRun) {
    OrderBody {
      if (amount <= 0) {
        throw ApiException.invalid("amount", "a positive integer", String.valueOf(amount));
      }
    }
  }

  /** What the body route answers. */
  record Accepted(String symbol, int amount, @Nullable LocalDate startDate, boolean dryRun) {}

  /** What the path route answers. */
  record Item(String itemId, int page, LocalDate startDate, @Nullable Boolean verbose) {}

  @Override
  public List<Route> routes() {
    return List.of(
        Route.post("/api/v1/test/orders")
            .tag("Test")
            .summary("Accepts an order body")
            .body(OrderBody.class, "{\"symbol\":\"BTC/USDT:USDT\",\"amount\":5}")
            .successStatus(201)
            .response(Accepted.class, null)
            .handle(this::accept),
        Route.get("/api/v1/test/items/{item_id}")
            .tag("Test")
            .summary("Echoes typed parameters")
            .param(ITEM_ID)
            .param(PAGE)
            .param(START)
            .param(VERBOSE)
            .response(Item.class, null)
            .handle(this::item));
  }

  private Accepted accept(ApiRequest request) {
    OrderBody body = request.body(OrderBody.class);
    return new Accepted(
        body.symbol(), body.amount(), body.startDate(), Boolean.TRUE.equals(body.dryRun()));
  }

  private Item item(ApiRequest request) {
    return new Item(
        request.value(ITEM_ID),
        request.value(PAGE),
        request.value(START),
        request.param(VERBOSE).orElse(null));
  }
}
