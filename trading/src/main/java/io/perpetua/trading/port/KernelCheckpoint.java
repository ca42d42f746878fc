package io.perpetua.trading.port;

import io.perpetua.core.event.FundingSettled;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import java.util.List;
import java.util.Map;

/**
 * Everything the kernel produced since its previous checkpoint, committed atomically: after a crash
 * the kernel resumes from the last committed checkpoint and re-derives the rest deterministically.
 *
 * @param account the account state after this step
 * @param cursor kernel cursor values (e.g. {@code replay_time}, {@code last_rebalance}), upserted
 * @param orders orders created or changed (upserted by client order id)
 * @param fills new fills (inserted once by trade id; duplicates ignored)
 * @param funding funding settlements
 * @param rebalances completed rebalances (upserted by rebalance id)
 * @param snapshots portfolio snapshots taken (upserted by interval and time)
 * @param decisions why each new order was decided (signal, features, each risk rule's reading);
 *     journaled with the orders for the decision replay
 */
public record KernelCheckpoint(
    AccountState account,
    Map<String, String> cursor,
    List<OrderRecord> orders,
    List<Fill> fills,
    List<FundingSettled> funding,
    List<RebalanceCompleted> rebalances,
    List<PortfolioSnapshot> snapshots,
    List<OrderDecision> decisions) {

  /** A checkpoint without decisions. */
  public KernelCheckpoint(
      AccountState account,
      Map<String, String> cursor,
      List<OrderRecord> orders,
      List<Fill> fills,
      List<FundingSettled> funding,
      List<RebalanceCompleted> rebalances,
      List<PortfolioSnapshot> snapshots) {
    this(account, cursor, orders, fills, funding, rebalances, snapshots, List.of());
  }

  /** A checkpoint without portfolio snapshots. */
  public KernelCheckpoint(
      AccountState account,
      Map<String, String> cursor,
      List<OrderRecord> orders,
      List<Fill> fills,
      List<FundingSettled> funding,
      List<RebalanceCompleted> rebalances) {
    this(account, cursor, orders, fills, funding, rebalances, List.of());
  }

  /** Copies the collections. */
  public KernelCheckpoint {
    snapshots = List.copyOf(snapshots);
    decisions = List.copyOf(decisions);
    cursor = Map.copyOf(cursor);
    orders = List.copyOf(orders);
    fills = List.copyOf(fills);
    funding = List.copyOf(funding);
    rebalances = List.copyOf(rebalances);
  }
}
