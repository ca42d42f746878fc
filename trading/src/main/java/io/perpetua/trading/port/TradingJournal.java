package io.perpetua.trading.port;

import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable record of trading: account state, kernel cursor, orders, fills, funding and
 * rebalances. Implemented on JDBC (H2 embedded by default, PostgreSQL by configuration).
 *
 * <p>{@link #commit} is atomic and idempotent: committing the same checkpoint twice leaves the same
 * state (orders upserted by client order id, fills keyed by trade id, rebalances by id).
 * Implementations are thread-safe.
 */
public interface TradingJournal {
  /** Commits a checkpoint in one transaction. */
  void commit(KernelCheckpoint checkpoint);

  /** The last committed account state of {@code accountId}. */
  Optional<AccountState> loadAccount(String accountId);

  /** The kernel cursor of {@code accountId} (empty map when none). */
  Map<String, String> loadCursor(String accountId);

  /**
   * The orders of {@code accountId} not yet terminal (pending, open, partially filled), newest
   * first: what a kernel of that account takes back when it resumes. Orders of other accounts
   * journaled here (a second kernel on the same journal) are not among them.
   */
  List<OrderRecord> openOrders(String accountId);

  /** Orders, newest first, at most {@code limit}. */
  List<OrderRecord> recentOrders(int limit);

  /** Fills, newest first, at most {@code limit}. */
  List<Fill> recentFills(int limit);

  /** Rebalances, newest first, at most {@code limit}. */
  List<RebalanceCompleted> recentRebalances(int limit);

  /** Number of fills journaled. */
  long fillCount();
}
