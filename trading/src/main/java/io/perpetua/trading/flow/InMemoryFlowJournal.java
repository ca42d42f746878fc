package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.FlowEvaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A {@link FlowJournal} in memory (tests, embedded runs). Thread-safe (synchronized). */
public final class InMemoryFlowJournal implements FlowJournal {
  private final Map<StrategyId, FactoryStrategyRow> strategies = new LinkedHashMap<>();
  private final Map<String, FactoryStrategyRow> versions = new TreeMap<>();
  private final Map<String, FlowEvaluation> evaluations = new LinkedHashMap<>();
  private final Map<String, PositionSnapshot> positions = new LinkedHashMap<>();
  private final Map<String, ClosedFlowTrade> trades = new LinkedHashMap<>();
  private final Map<String, FeatureEvent> features = new LinkedHashMap<>();
  private final Map<String, LabelEvent> labels = new LinkedHashMap<>();
  private final Map<String, ExecutionCostEvent> costs = new LinkedHashMap<>();

  @Override
  public synchronized void saveStrategy(FactoryStrategyRow row) {
    strategies.put(row.id(), row);
    versions.putIfAbsent(row.id().value() + ":" + (100_000_000 + row.version()), row);
  }

  @Override
  public synchronized List<FactoryStrategyRow> strategies() {
    return new ArrayList<>(strategies.values());
  }

  @Override
  public synchronized List<FactoryStrategyRow> versions(StrategyId id) {
    return versions.values().stream().filter(r -> r.id().equals(id)).toList();
  }

  @Override
  public synchronized void recordEvaluation(FlowEvaluation evaluation) {
    evaluations.put(FeatureEvent.idOf(evaluation), evaluation);
  }

  @Override
  public synchronized Page<FlowEvaluation> evaluations(EvaluationQuery q) {
    return page(
        evaluations.values(),
        q::matches,
        Comparator.comparingLong(FlowEvaluation::timeMs).reversed(),
        q.page(),
        q.pageSize());
  }

  @Override
  public synchronized List<FlowEvaluation> latestEvaluations() {
    Map<StrategyKey, FlowEvaluation> latest = new LinkedHashMap<>();
    for (FlowEvaluation e : evaluations.values()) {
      latest.merge(
          new StrategyKey(e.strategyId(), e.instrument()),
          e,
          (a, b) -> b.timeMs() >= a.timeMs() ? b : a);
    }
    return new ArrayList<>(latest.values());
  }

  @Override
  public synchronized void savePosition(PositionSnapshot position) {
    positions.put(position.id(), position);
  }

  @Override
  public synchronized void removePosition(String positionId) {
    positions.remove(positionId);
  }

  @Override
  public synchronized List<PositionSnapshot> positions() {
    return new ArrayList<>(positions.values());
  }

  @Override
  public synchronized void recordTrade(ClosedFlowTrade trade) {
    trades.put(trade.id(), trade);
  }

  @Override
  public synchronized Page<ClosedFlowTrade> trades(TradeQuery q) {
    return page(
        trades.values(),
        q::matches,
        Comparator.comparingLong(ClosedFlowTrade::exitTimeMs).reversed(),
        q.page(),
        q.pageSize());
  }

  @Override
  public synchronized List<ClosedFlowTrade> closedTrades(StrategyId strategy, InstrumentId symbol) {
    return trades.values().stream()
        .filter(t -> strategy == null || strategy.equals(t.strategyId()))
        .filter(t -> symbol == null || symbol.equals(t.instrument()))
        .sorted(Comparator.comparingLong(ClosedFlowTrade::exitTimeMs))
        .toList();
  }

  @Override
  public synchronized void recordFeature(FeatureEvent feature) {
    features.put(feature.evaluationId(), feature);
  }

  @Override
  public synchronized void recordLabel(LabelEvent label) {
    labels.put(label.evaluationId(), label);
  }

  @Override
  public synchronized List<LabelEvent> labels(int limit) {
    return labels.values().stream()
        .sorted(Comparator.comparingLong(LabelEvent::evaluationTimeMs))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void recordExecutionCost(ExecutionCostEvent cost) {
    costs.put(cost.tradeId(), cost);
  }

  @Override
  public synchronized Counts counts() {
    return new Counts(
        strategies.size(),
        evaluations.size(),
        positions.size(),
        trades.size(),
        features.size(),
        labels.size(),
        costs.size());
  }

  private static <T> Page<T> page(
      java.util.Collection<T> all, Predicate<T> filter, Comparator<T> order, int page, int size) {
    List<T> matching = all.stream().filter(filter).sorted(order).toList();
    int from = (int) Math.min(matching.size(), (long) (page - 1) * size);
    int to = Math.min(matching.size(), from + size);
    return new Page<>(matching.subList(from, to), matching.size());
  }
}
