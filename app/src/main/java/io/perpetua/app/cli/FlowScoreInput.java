package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.signals.flow.FlowInputs;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjDoubleConsumer;

/**
 * One JSONL line of {@code perpetua flow score}: the raw inputs of one evaluation ({@link
 * FlowInputs} in snake_case) and an optional {@code symbol} and {@code id}. A field that is absent
 * or {@code null} is missing (NaN, or 0 for the counts and sums listed in {@code
 * docs/orderflow.md}); every other value must be a finite number. Parsing collects every bad field
 * of the line.
 *
 * <p>Immutable.
 *
 * @param symbol the line's symbol, or null for the one of {@code --params}
 * @param id the line's {@code id} echoed in the result, or null
 * @param inputs the inputs
 */
record FlowScoreInput(String symbol, JsonNode id, FlowInputs inputs) {

  /** A bad field of a line. */
  record Problem(String field, String message) {}

  /** A line that cannot be scored; {@link #problems()} names every bad field. */
  static final class LineException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    LineException(List<Problem> problems) {
      super(describe(problems));
      this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
      return problems;
    }

    private static String describe(List<Problem> problems) {
      List<String> parts = new ArrayList<>();
      for (Problem p : problems) {
        parts.add("field '" + p.field() + "': " + p.message());
      }
      return String.join("; ", parts);
    }
  }

  /** The numeric fields and how each sets the builder. */
  private static final Map<String, ObjDoubleConsumer<FlowInputs.Builder>> FIELDS = fields();

  private static Map<String, ObjDoubleConsumer<FlowInputs.Builder>> fields() {
    Map<String, ObjDoubleConsumer<FlowInputs.Builder>> m = new LinkedHashMap<>();
    m.put("time_ms", (b, v) -> b.timeMs((long) v));
    m.put("price", FlowInputs.Builder::price);
    m.put("atr", FlowInputs.Builder::atr);
    m.put("atr_percentile", FlowInputs.Builder::atrPercentile);
    m.put("cvd_fast", FlowInputs.Builder::cvdFast);
    m.put("cvd_slow", FlowInputs.Builder::cvdSlow);
    m.put("cvd_slope", FlowInputs.Builder::cvdSlope);
    m.put("cvd_acceleration", FlowInputs.Builder::cvdAcceleration);
    m.put("vwap_fast", FlowInputs.Builder::vwapFast);
    m.put("vwap_slow", FlowInputs.Builder::vwapSlow);
    m.put("p95", FlowInputs.Builder::p95);
    m.put("p99", FlowInputs.Builder::p99);
    m.put("large_buy_qty", FlowInputs.Builder::largeBuyQty);
    m.put("large_sell_qty", FlowInputs.Builder::largeSellQty);
    m.put("whale_buy_usd", FlowInputs.Builder::whaleBuyUsd);
    m.put("whale_sell_usd", FlowInputs.Builder::whaleSellUsd);
    m.put("max_buy_notional", FlowInputs.Builder::maxBuyNotional);
    m.put("max_sell_notional", FlowInputs.Builder::maxSellNotional);
    m.put("long_short_ratio", FlowInputs.Builder::longShortRatio);
    m.put("top_trader_long_share", FlowInputs.Builder::topTraderLongShare);
    m.put("oi_change", FlowInputs.Builder::oiChange);
    m.put("funding_rate", FlowInputs.Builder::fundingRate);
    m.put("max_abs_funding", FlowInputs.Builder::maxAbsFunding);
    m.put("liquidated_long_usd", FlowInputs.Builder::liquidatedLongUsd);
    m.put("liquidated_short_usd", FlowInputs.Builder::liquidatedShortUsd);
    m.put("book_imbalance", FlowInputs.Builder::bookImbalance);
    m.put("spot_perp_divergence", FlowInputs.Builder::spotPerpDivergence);
    m.put("premium", FlowInputs.Builder::premium);
    return m;
  }

  /** Fields that are sums, counts or sizes and so cannot be negative. */
  private static final List<String> NON_NEGATIVE =
      List.of(
          "atr",
          "large_buy_qty",
          "large_sell_qty",
          "whale_buy_usd",
          "whale_sell_usd",
          "max_buy_notional",
          "max_sell_notional",
          "liquidated_long_usd",
          "liquidated_short_usd");

  /** Fields a line must have. */
  private static final List<String> REQUIRED = List.of("price", "cvd_fast", "cvd_slow");

  /** Parses one line's JSON value; throws naming every bad field. */
  static FlowScoreInput parse(JsonNode node) throws LineException {
    if (!(node instanceof ObjectNode o)) {
      throw new LineException(
          List.of(new Problem("(line)", "expected a JSON object, got " + kind(node))));
    }
    List<Problem> problems = new ArrayList<>();
    FlowInputs.Builder b = FlowInputs.builder().atr(Double.NaN).p95(Double.NaN).p99(Double.NaN);
    b.vwapFast(Double.NaN).vwapSlow(Double.NaN).atrPercentile(Double.NaN);
    String symbol = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (name.equals("id")) {
        continue;
      }
      if (name.equals("symbol")) {
        if (v.isTextual() && !v.asText().isBlank()) {
          symbol = v.asText().strip();
        } else if (!v.isNull()) {
          problems.add(new Problem(name, "expected a symbol such as \"BTCUSDT\", got " + kind(v)));
        }
        continue;
      }
      ObjDoubleConsumer<FlowInputs.Builder> setter = FIELDS.get(name);
      if (setter == null) {
        problems.add(new Problem(name, "unknown field (see docs/orderflow.md)"));
      } else if (v.isNull()) {
        continue;
      } else if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        problems.add(new Problem(name, "expected a finite number or null, got " + kind(v)));
      } else if (NON_NEGATIVE.contains(name) && v.asDouble() < 0) {
        problems.add(new Problem(name, "must not be negative, got " + v.asText()));
      } else {
        setter.accept(b, v.asDouble());
      }
    }
    for (String r : REQUIRED) {
      JsonNode v = o.get(r);
      if (v == null || v.isNull()) {
        problems.add(new Problem(r, "required"));
      }
    }
    JsonNode price = o.get("price");
    if (price != null && price.isNumber() && !(price.asDouble() > 0)) {
      problems.add(new Problem("price", "must be positive, got " + price.asText()));
    }
    if (!problems.isEmpty()) {
      throw new LineException(problems);
    }
    return new FlowScoreInput(symbol, o.get("id"), b.build());
  }

  private static String kind(JsonNode v) {
    if (v == null) {
      return "nothing";
    }
    String text = v.toString();
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
