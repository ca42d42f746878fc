package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.signals.flow.SymbolFlowConfig;
import java.util.Map;

/**
 * Settings of the order-flow strategies on the kernel ({@link KernelFlowStrategy}, {@link
 * FlowService}).
 *
 * <p>Immutable.
 *
 * @param engineInstance the instance name tagging every learning record (e.g. {@code paper-1})
 * @param execution the fill model
 * @param fees the fee rates
 * @param defaultWarmupMs warm-up of symbols without an explicit configuration
 * @param symbols explicit per-symbol configurations (others get {@link SymbolFlowConfig#defaults})
 */
public record FlowEngineSettings(
    String engineInstance,
    ExecutionSettings execution,
    FeeSchedule fees,
    long defaultWarmupMs,
    Map<InstrumentId, SymbolFlowConfig> symbols) {

  /** Validates and copies. */
  public FlowEngineSettings {
    if (engineInstance == null || engineInstance.isBlank() || execution == null || fees == null) {
      throw new IllegalArgumentException("engine instance, execution and fees are required");
    }
    if (defaultWarmupMs < 0) {
      throw new IllegalArgumentException("warm-up must not be negative");
    }
    symbols = Map.copyOf(symbols);
  }

  /** Immediate paper fills, default fees, 24 h warm-up. */
  public static FlowEngineSettings paper(String engineInstance) {
    return new FlowEngineSettings(
        engineInstance,
        ExecutionSettings.immediate(),
        FeeSchedule.defaults(),
        86_400_000L,
        Map.of());
  }

  /** A copy with another warm-up for unconfigured symbols. */
  public FlowEngineSettings withDefaultWarmupMs(long value) {
    return new FlowEngineSettings(engineInstance, execution, fees, value, symbols);
  }

  /** A copy with another fill model. */
  public FlowEngineSettings withExecution(ExecutionSettings value) {
    return new FlowEngineSettings(engineInstance, value, fees, defaultWarmupMs, symbols);
  }

  /** The configuration of {@code instrument}. */
  public SymbolFlowConfig symbolConfig(InstrumentId instrument) {
    SymbolFlowConfig c = symbols.get(instrument);
    return c != null ? c : SymbolFlowConfig.defaults(instrument).withWarmupMs(defaultWarmupMs);
  }
}
