package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.signals.flow.FlowDirection;
import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowStrategyConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON objects {@code perpetua flow score} prints: a result or a line's error. Stateless. */
final class FlowScoreOutput {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private FlowScoreOutput() {}

  /** The result of line {@code lineNo}. */
  static ObjectNode result(long lineNo, JsonNode id, FlowStrategyConfig config, FlowEvaluation ev) {
    ObjectNode o = NODES.objectNode();
    o.put("line", lineNo);
    if (id != null) {
      o.set("id", id);
    }
    o.put("symbol", config.instrument().venueSymbol());
    o.put("family", config.family().code());
    o.put("score", ev.score());
    o.put("direction", ev.direction() == FlowDirection.NONE ? null : ev.direction().code());
    o.put("tier", ev.tier().code());
    o.put("opens", ev.opens());
    o.put("gate_passed", ev.gatePassed());
    o.put("block_reason", ev.blockReason());
    ObjectNode f = o.putObject("factors");
    for (Map.Entry<String, Double> e : new TreeMap<>(ev.factors()).entrySet()) {
      double v = e.getValue();
      if (Double.isFinite(v)) {
        f.put(e.getKey(), v);
      } else {
        f.putNull(e.getKey());
      }
    }
    return o;
  }

  /** The error object of a malformed line. */
  static ObjectNode error(long lineNo, List<FlowScoreInput.Problem> problems) {
    ObjectNode o = NODES.objectNode();
    o.put("line", lineNo);
    ArrayNode errors = o.putArray("errors");
    for (FlowScoreInput.Problem p : problems) {
      errors.addObject().put("field", p.field()).put("message", p.message());
    }
    return o;
  }
}
