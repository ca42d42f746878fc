package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.Position;
import io.perpetua.readmodel.AccountBalance;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.readmodel.PositionView;
import io.perpetua.readmodel.PositionsSnapshot;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.account.CrossMargin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes the account's balance and positions in the API's terms, with the numbers a USDT-M venue
 * shows under {@link CrossMargin}: each position's margin is its notional at the mark / leverage;
 * used margin adds the initial margin of the working orders; available balance is equity − used
 * margin, never negative. Liquidation price is not given (cross margin: it depends on the whole
 * book). Stateless.
 */
final class AccountPublisher {
  private AccountPublisher() {}

  static void publish(
      PlatformState state,
      Account account,
      List<Instrument> instruments,
      double[] marks,
      Map<InstrumentId, Integer> index,
      long now,
      CrossMargin margin,
      double openOrderNotional) {
    List<PositionView> views = new ArrayList<>();
    double unrealized = 0;
    double positionMargin = 0;
    for (Position p : account.openPositions()) {
      Integer i = index.get(p.instrument());
      double mark = i == null ? Double.NaN : marks[i];
      if (!(mark > 0)) {
        mark = p.averageEntryPrice();
      }
      double u = p.unrealizedPnl(mark);
      double qty = p.quantity().toDouble();
      double m = margin.initialMargin(qty * mark);
      unrealized += u;
      positionMargin += m;
      views.add(
          new PositionView(
              p.instrument().apiSymbol(),
              qty > 0 ? "long" : "short",
              Math.abs(qty),
              p.averageEntryPrice(),
              mark,
              u,
              margin.leverage(),
              m,
              null,
              now));
    }
    double equity = account.wallet().toDouble() + unrealized;
    double used = positionMargin + margin.initialMargin(openOrderNotional);
    state.putBalance(
        new AccountBalance(equity, margin.available(equity, used), used, unrealized, "USDT", now));
    state.putPositions(new PositionsSnapshot(views, now));
  }
}
