package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.trading.account.Account;
import io.perpetua.trading.portfolio.OrderPlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Portfolio construction for one rebalance: the strategy's target weights (analytics, {@code
 * double}) become market orders through the {@link OrderPlanner}, against the account's current
 * positions. What follows — risk checks, submission, fills — is the fixed-point order path of
 * {@link ExecutionService}. Not thread-safe (kernel thread).
 */
final class RebalancePlanning {
  private final OrderPlanner planner = new OrderPlanner();
  private final Account account;

  RebalancePlanning(Account account) {
    this.account = account;
  }

  /**
   * The orders moving the instruments in {@code selection} (all when null) toward {@code weights}
   * of {@code equity} at {@code marks}, skipping changes below {@code minTradeFraction × equity}.
   */
  List<Order> plan(
      StrategyId strategy,
      RebalanceId id,
      long nowMs,
      List<Instrument> instruments,
      double[] weights,
      Marks marks,
      double equity,
      double minTradeFraction,
      int[] selection) {
    int count = selection == null ? instruments.size() : selection.length;
    List<OrderPlanner.Line> lines = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int i = selection == null ? k : selection[k];
      Instrument inst = instruments.get(i);
      var pos = account.position(inst.id());
      Quantity current = pos == null ? Quantity.zero(inst.quantityScale()) : pos.quantity();
      lines.add(new OrderPlanner.Line(inst, weights[i], marks.price()[i], current));
    }
    return planner.plan(strategy, id, nowMs, equity, lines, minTradeFraction * equity).orders();
  }
}
