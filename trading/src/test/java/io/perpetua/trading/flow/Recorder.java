package io.perpetua.trading.flow;

import io.perpetua.signals.flow.FlowEvaluation;
import java.util.ArrayList;
import java.util.List;

/** Records everything an engine emits. */
class Recorder implements FlowListener {
  final List<FlowEvaluation> evaluations = new ArrayList<>();
  final List<FeatureEvent> features = new ArrayList<>();
  final List<PositionSnapshot> opened = new ArrayList<>();
  final List<PositionSnapshot> updated = new ArrayList<>();
  final List<ClosedFlowTrade> closed = new ArrayList<>();
  final List<ExecutionCostEvent> costs = new ArrayList<>();
  final List<PendingEntrySnapshot> cancelled = new ArrayList<>();
  final List<LabelEvent> labels = new ArrayList<>();

  @Override
  public void onEvaluation(FlowEvaluation evaluation) {
    evaluations.add(evaluation);
  }

  @Override
  public void onFeature(FeatureEvent feature) {
    features.add(feature);
  }

  @Override
  public void onPositionOpened(PositionSnapshot position) {
    opened.add(position);
  }

  @Override
  public void onPositionUpdated(PositionSnapshot position) {
    updated.add(position);
  }

  @Override
  public void onTradeClosed(ClosedFlowTrade trade) {
    closed.add(trade);
  }

  @Override
  public void onExecutionCost(ExecutionCostEvent cost) {
    costs.add(cost);
  }

  @Override
  public void onEntryCancelled(PendingEntrySnapshot entry) {
    cancelled.add(entry);
  }

  @Override
  public void onLabel(LabelEvent label) {
    labels.add(label);
  }

  void clear() {
    evaluations.clear();
    features.clear();
    opened.clear();
    updated.clear();
    closed.clear();
    costs.clear();
    cancelled.clear();
    labels.clear();
  }
}
