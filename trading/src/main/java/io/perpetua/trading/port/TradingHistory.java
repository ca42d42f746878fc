package io.perpetua.trading.port;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.OrderSide;
import java.util.List;

/**
 * The audit trail read back: orders, fills, rebalances and portfolio snapshots with filters and
 * pagination, for the API. Implemented by the JDBC journal. Thread-safe.
 */
public interface TradingHistory {
  /** Orders created in the query's time range, newest first. */
  Page<OrderRecord> orders(Query query);

  /** Fills in the query's time range, newest first ({@code side} applies too). */
  Page<Fill> fills(Query query);

  /** Rebalances completed in the query's time range, newest first ({@code symbol} is ignored). */
  Page<RebalanceCompleted> rebalances(Query query);

  /** Orders not yet terminal (pending, open, partially filled), newest first. */
  List<OrderRecord> openOrders();

  /**
   * Snapshots of {@code accountId} at {@code interval} with {@code fromMs <= time <= toMs}, oldest
   * first.
   */
  List<PortfolioSnapshot> snapshots(
      String accountId, PortfolioSnapshot.Interval interval, long fromMs, long toMs);

  /**
   * Filters and a page.
   *
   * @param symbol only this instrument, or null
   * @param side only this side, or null
   * @param fromMs inclusive lower time bound
   * @param toMs inclusive upper time bound
   * @param page 1-based page
   * @param pageSize items per page (1..1000)
   */
  record Query(
      InstrumentId symbol, OrderSide side, long fromMs, long toMs, int page, int pageSize) {
    /** Validates. */
    public Query {
      if (page < 1) {
        throw new IllegalArgumentException("page must be >= 1, was " + page);
      }
      if (pageSize < 1 || pageSize > 1000) {
        throw new IllegalArgumentException("page_size must be in 1..1000, was " + pageSize);
      }
      if (toMs < fromMs) {
        throw new IllegalArgumentException("end before start");
      }
    }

    /** Rows to skip. */
    public long offset() {
      return (long) (page - 1) * pageSize;
    }
  }

  /**
   * One page.
   *
   * @param items the items on this page
   * @param totalItems how many match in all
   */
  record Page<T>(List<T> items, long totalItems) {
    /** Copies the list. */
    public Page {
      items = List.copyOf(items);
    }
  }
}
