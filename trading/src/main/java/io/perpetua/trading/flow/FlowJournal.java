package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowEvaluation;
import java.util.List;
import java.util.Optional;

/**
 * Port: where the order-flow strategies' output and the factory strategy rows are kept — strategy
 * rows with their version history, evaluations, open paper positions, closed paper trades, feature,
 * label and execution-cost events — and read back for the API. Every write is idempotent (keyed by
 * the record's id), so a replay after a crash between a write and the next snapshot stores nothing
 * twice. Implementations: {@link InMemoryFlowJournal}; the JDBC adapter in {@code store}.
 */
public interface FlowJournal {
  /** Saves a strategy row (upsert by id) and its version in the history (once per version). */
  void saveStrategy(FactoryStrategyRow row);

  /** Every strategy row, in creation order. */
  List<FactoryStrategyRow> strategies();

  /** Every stored version of a strategy, oldest first. */
  List<FactoryStrategyRow> versions(StrategyId id);

  /** Stores an evaluation (id {@link FeatureEvent#idOf}). */
  void recordEvaluation(FlowEvaluation evaluation);

  /** A page of evaluations, newest first. */
  Page<FlowEvaluation> evaluations(EvaluationQuery query);

  /** The latest evaluation of every strategy and symbol. */
  List<FlowEvaluation> latestEvaluations();

  /** Stores (or replaces) an open position. */
  void savePosition(PositionSnapshot position);

  /** Removes an open position (closed). */
  void removePosition(String positionId);

  /** The open positions as last stored. */
  List<PositionSnapshot> positions();

  /** Stores a closed trade. */
  void recordTrade(ClosedFlowTrade trade);

  /** A page of closed trades, newest exit first. */
  Page<ClosedFlowTrade> trades(TradeQuery query);

  /** Every closed trade matching the filters (null = any), in exit order. */
  List<ClosedFlowTrade> closedTrades(StrategyId strategy, InstrumentId symbol);

  /** Stores a feature row. */
  void recordFeature(FeatureEvent feature);

  /** Stores a label. */
  void recordLabel(LabelEvent label);

  /** Labels, oldest evaluation first, at most {@code limit}. */
  List<LabelEvent> labels(int limit);

  /** Stores the execution costs of a closed trade. */
  void recordExecutionCost(ExecutionCostEvent cost);

  /** How many records of each kind are stored. */
  Counts counts();

  /**
   * A page of results.
   *
   * @param items the items on the page
   * @param totalItems items matching in all
   * @param <T> the item type
   */
  record Page<T>(List<T> items, long totalItems) {
    /** Copies. */
    public Page {
      items = List.copyOf(items);
    }
  }

  /**
   * Filters of the evaluation history (null = any).
   *
   * @param strategy the strategy
   * @param symbol the symbol
   * @param fromMs earliest time (inclusive)
   * @param toMs latest time (inclusive)
   * @param page 1-based page
   * @param pageSize items per page
   */
  record EvaluationQuery(
      StrategyId strategy, InstrumentId symbol, long fromMs, long toMs, int page, int pageSize) {
    /** Validates paging. */
    public EvaluationQuery {
      if (page < 1 || pageSize < 1) {
        throw new IllegalArgumentException("page and page size start at 1");
      }
    }

    /** True when {@code e} matches. */
    public boolean matches(FlowEvaluation e) {
      return (strategy == null || strategy.equals(e.strategyId()))
          && (symbol == null || symbol.equals(e.instrument()))
          && e.timeMs() >= fromMs
          && e.timeMs() <= toMs;
    }
  }

  /**
   * Filters of the trade history (null = any).
   *
   * @param strategy the strategy
   * @param symbol the symbol
   * @param win true = wins only ({@code pnl_r > 0}), false = losses only
   * @param status the closing status
   * @param page 1-based page
   * @param pageSize items per page
   */
  record TradeQuery(
      StrategyId strategy,
      InstrumentId symbol,
      Boolean win,
      FlowTradeStatus status,
      int page,
      int pageSize) {
    /** Validates paging. */
    public TradeQuery {
      if (page < 1 || pageSize < 1) {
        throw new IllegalArgumentException("page and page size start at 1");
      }
    }

    /** True when {@code t} matches. */
    public boolean matches(ClosedFlowTrade t) {
      return (strategy == null || strategy.equals(t.strategyId()))
          && (symbol == null || symbol.equals(t.instrument()))
          && (win == null || win == t.win())
          && (status == null || status == t.status());
    }
  }

  /**
   * Stored record counts.
   *
   * @param strategies strategy rows
   * @param evaluations evaluations
   * @param positions open positions
   * @param trades closed trades
   * @param features feature rows
   * @param labels labels
   * @param executionCosts execution-cost rows
   */
  record Counts(
      long strategies,
      long evaluations,
      long positions,
      long trades,
      long features,
      long labels,
      long executionCosts) {}

  /** The latest evaluation of {@code strategy} on {@code symbol}, if any. */
  default Optional<FlowEvaluation> latest(StrategyId strategy, InstrumentId symbol) {
    return latestEvaluations().stream()
        .filter(e -> e.strategyId().equals(strategy) && e.instrument().equals(symbol))
        .findFirst();
  }
}
