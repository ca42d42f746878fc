package io.perpetua.trading.flow;

import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowInputs;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One learning-loop feature row (spec §5): an evaluation with every raw input, layer scores, gate
 * result and block reason, tagged with strategy version, config hash and engine instance.
 *
 * <p>Immutable.
 *
 * @param evaluationId {@code strategy:symbol:timeMs}, the key labels refer to
 * @param engineInstance the engine instance that evaluated
 * @param evaluation the evaluation (carries version, config hash, inputs and factors)
 */
public record FeatureEvent(String evaluationId, String engineInstance, FlowEvaluation evaluation) {
  /** Validates the fields. */
  public FeatureEvent {
    if (evaluationId == null || engineInstance == null || evaluation == null) {
      throw new IllegalArgumentException("evaluation id, engine instance and evaluation required");
    }
  }

  /** The id of an evaluation. */
  public static String idOf(FlowEvaluation e) {
    return e.strategyId().value() + ":" + e.instrument().venueSymbol() + ":" + e.timeMs();
  }

  /** The flat row: tags, result, every input (snake_case) and every factor ({@code f_...}). */
  public Map<String, Object> toRow() {
    FlowEvaluation e = evaluation;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("evaluation_id", evaluationId);
    row.put("engine_instance", engineInstance);
    row.put("strategy_id", e.strategyId().value());
    row.put("strategy_version", e.strategyVersion());
    row.put("config_hash", e.configHash());
    row.put("family", e.family().code());
    row.put("symbol", e.instrument().venueSymbol());
    row.put("time_ms", e.timeMs());
    row.put("score", e.score());
    row.put("direction", e.direction().code());
    row.put("tier", e.tier().code());
    row.put("gate_passed", e.gatePassed());
    row.put("block_reason", e.blockReason());
    for (RecordComponent c : FlowInputs.class.getRecordComponents()) {
      try {
        row.put(snake(c.getName()), c.getAccessor().invoke(e.inputs()));
      } catch (IllegalAccessException | InvocationTargetException ex) {
        throw new IllegalStateException("cannot read input " + c.getName(), ex);
      }
    }
    e.factors().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(f -> row.put("f_" + f.getKey().replace('.', '_'), f.getValue()));
    return row;
  }

  private static String snake(String camel) {
    StringBuilder b = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)
          || Character.isDigit(ch)
              && !b.isEmpty()
              && !Character.isDigit(b.charAt(b.length() - 1))) {
        b.append('_').append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
