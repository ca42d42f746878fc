package io.perpetua.trading.flow;

import io.perpetua.signals.flow.FlowEvaluation;

/**
 * Receives everything a {@link KernelFlowStrategy} produces, on the kernel thread, in event order.
 * Every method defaults to doing nothing. A persistence adapter stores evaluations, features,
 * labels, trades and costs; a bus adapter publishes them.
 */
public interface FlowListener {
  /** An evaluation (with strategy-level blocks such as cooldown applied). */
  default void onEvaluation(FlowEvaluation evaluation) {}

  /** The learning-loop row of an evaluation. */
  default void onFeature(FeatureEvent feature) {}

  /** A position closed. */
  default void onTradeClosed(ClosedFlowTrade trade) {}

  /** The execution costs of a closed trade. */
  default void onExecutionCost(ExecutionCostEvent cost) {}

  /** A label was back-filled. */
  default void onLabel(LabelEvent label) {}

  /** A listener that hands every call to {@code first}, then to {@code second}. */
  static FlowListener both(FlowListener first, FlowListener second) {
    return new FlowListener() {
      @Override
      public void onEvaluation(FlowEvaluation evaluation) {
        first.onEvaluation(evaluation);
        second.onEvaluation(evaluation);
      }

      @Override
      public void onFeature(FeatureEvent feature) {
        first.onFeature(feature);
        second.onFeature(feature);
      }

      @Override
      public void onTradeClosed(ClosedFlowTrade trade) {
        first.onTradeClosed(trade);
        second.onTradeClosed(trade);
      }

      @Override
      public void onExecutionCost(ExecutionCostEvent cost) {
        first.onExecutionCost(cost);
        second.onExecutionCost(cost);
      }

      @Override
      public void onLabel(LabelEvent label) {
        first.onLabel(label);
        second.onLabel(label);
      }
    };
  }
}
