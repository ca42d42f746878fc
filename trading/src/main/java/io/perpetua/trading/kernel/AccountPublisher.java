package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.Position;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.state.AccountBalance;
import io.perpetua.trading.state.PlatformState;
import io.perpetua.trading.state.PositionView;
import io.perpetua.trading.state.PositionsSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes the account's balance and positions in the API's terms. Leverage 1 (fully
 * collateralised): used margin is the gross notional, liquidation price is not applicable.
 * Stateless.
 */
final class AccountPublisher {
  private AccountPublisher() {}

  static void publish(
      PlatformState state,
      Account account,
      List<Instrument> instruments,
      double[] marks,
      Map<InstrumentId, Integer> index,
      long now) {
    List<PositionView> views = new ArrayList<>();
    double unrealized = 0;
    double margin = 0;
    for (Position p : account.openPositions()) {
      Integer i = index.get(p.instrument());
      double mark = i == null ? Double.NaN : marks[i];
      if (!(mark > 0)) {
        mark = p.averageEntryPrice();
      }
      double u = p.unrealizedPnl(mark);
      double qty = p.quantity().toDouble();
      double m = Math.abs(qty * mark);
      unrealized += u;
      margin += m;
      views.add(
          new PositionView(
              p.instrument().apiSymbol(),
              qty > 0 ? "long" : "short",
              Math.abs(qty),
              p.averageEntryPrice(),
              mark,
              u,
              1,
              m,
              null,
              now));
    }
    double equity = account.wallet().toDouble() + unrealized;
    state.putBalance(new AccountBalance(equity, equity - margin, margin, unrealized, "USDT", now));
    state.putPositions(new PositionsSnapshot(views, now));
  }
}
