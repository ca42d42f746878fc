package io.perpetua.trading.flow;

import io.perpetua.signals.flow.FlowEvaluation;
import java.util.ArrayList;
import java.util.List;

/** Records everything a flow strategy emits. */
class Recorder implements FlowListener {
  final List<FlowEvaluation> evaluations = new ArrayList<>();
  final List<FeatureEvent> features = new ArrayList<>();
  final List<ClosedFlowTrade> closed = new ArrayList<>();
  final List<ExecutionCostEvent> costs = new ArrayList<>();
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
  public void onTradeClosed(ClosedFlowTrade trade) {
    closed.add(trade);
  }

  @Override
  public void onExecutionCost(ExecutionCostEvent cost) {
    costs.add(cost);
  }

  @Override
  public void onLabel(LabelEvent label) {
    labels.add(label);
  }
}
