package io.perpetua.server.v1;

import io.perpetua.readmodel.AccountBalance;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.PositionView;
import io.perpetua.readmodel.PositionsSnapshot;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Param;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/v1/account/balance} and {@code GET /api/v1/account/positions} (spec 2.2). Both
 * answer 404/40401 until the kernel has published a snapshot. Thread-safe.
 */
public final class AccountRoutes implements RouteGroup {
  private static final String TAG = "Account";

  /** Optional filter of positions by side. */
  static final Param<String> SIDE =
      Param.oneOf("side", "long", "short")
          .description(
              "Only positions on this side. The counts (total_positions, long_count, short_count)"
                  + " always describe the whole book.");

  private final PlatformState state;

  /** Account routes over {@code state}. */
  public AccountRoutes(PlatformState state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/account/balance")
            .tag(TAG)
            .summary("Account balance")
            .description("Equity, available balance, used margin and unrealised PnL (USDT, 2 dp).")
            .errors(ApiError.NOT_FOUND)
            .response(Balance.class, Examples.load("balance.json"))
            .handle(this::balance),
        Route.get("/api/v1/account/positions")
            .tag(TAG)
            .summary("Open positions")
            .description(
                "The open positions (prices 8 dp, money 2 dp) with counts by side. 404 (40401)"
                    + " until a positions snapshot has been published.")
            .param(SIDE)
            .errors(ApiError.NOT_FOUND)
            .response(Positions.class, Examples.load("positions.json"))
            .handle(this::positions));
  }

  private Balance balance(ApiRequest request) {
    AccountBalance b =
        state
            .balance()
            .orElseThrow(() -> ApiException.notFound("No account balance has been published yet"));
    return new Balance(
        b.totalEquity(),
        b.availableBalance(),
        b.usedMargin(),
        b.unrealizedPnl(),
        b.currency(),
        Instant.ofEpochMilli(b.updatedAtMs()));
  }

  private Positions positions(ApiRequest request) {
    PositionsSnapshot snapshot =
        state
            .positions()
            .orElseThrow(
                () -> ApiException.notFound("No positions snapshot has been published yet"));
    Optional<String> side = request.param(SIDE);
    List<Position> positions =
        snapshot.positions().stream()
            .filter(p -> side.isEmpty() || side.get().equals(p.side()))
            .map(AccountRoutes::view)
            .toList();
    return new Positions(
        positions,
        snapshot.positions().size(),
        Math.toIntExact(snapshot.longCount()),
        Math.toIntExact(snapshot.shortCount()),
        Instant.ofEpochMilli(snapshot.updatedAtMs()));
  }

  private static Position view(PositionView p) {
    return new Position(
        p.symbol(),
        p.side(),
        p.contracts(),
        p.entryPrice(),
        p.markPrice(),
        p.unrealizedPnl(),
        p.leverage(),
        p.margin(),
        p.liquidationPrice(),
        Instant.ofEpochMilli(p.updatedAtMs()));
  }

  /** Response of {@code /api/v1/account/balance}; USDT amounts. */
  record Balance(
      @Decimals(Decimals.MONEY) @Doc("Wallet balance + unrealised PnL") double totalEquity,
      @Decimals(Decimals.MONEY) @Doc("Equity - used margin") double availableBalance,
      @Decimals(Decimals.MONEY) @Doc("Initial margin of open positions") double usedMargin,
      @Decimals(Decimals.MONEY) @Doc("Unrealised PnL at mark prices") double unrealizedPnl,
      @Doc("Settlement currency") String currency,
      @Doc("Time of the snapshot") Instant updatedAt) {}

  /** Response of {@code /api/v1/account/positions}. */
  record Positions(
      List<Position> positions,
      @Doc("Number of open positions (whole book)") int totalPositions,
      @Doc("Number of long positions (whole book)") int longCount,
      @Doc("Number of short positions (whole book)") int shortCount,
      @Doc("Time of the snapshot") Instant updatedAt) {}

  /** One open position. */
  record Position(
      @Doc("Symbol, e.g. BTC/USDT:USDT") String symbol,
      @Doc(
              value = "Side",
              allowed = {"long", "short"})
          String side,
      @Decimals(Decimals.PRICE) @Doc("Absolute quantity") double contracts,
      @Decimals(Decimals.PRICE) @Doc("Average entry price") double entryPrice,
      @Decimals(Decimals.PRICE) @Doc("Mark price") double markPrice,
      @Decimals(Decimals.MONEY) @Doc("Unrealised PnL") double unrealizedPnl,
      @Doc("Leverage") int leverage,
      @Decimals(Decimals.MONEY) @Doc("Initial margin") double margin,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Liquidation price, null when not applicable")
          Double liquidationPrice,
      @Doc("Time of the position update") Instant updatedAt) {}
}
