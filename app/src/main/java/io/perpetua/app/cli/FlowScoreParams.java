package io.perpetua.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.signals.flow.DirectionFilter;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FlowFamily;
import io.perpetua.signals.flow.FlowStrategyConfig;
import io.perpetua.signals.flow.FlowValidationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The strategy that {@code perpetua flow score} scores with: a family and the {@code --params}
 * object (the factory strategy fields of the API, {@code docs/orderflow.md}). Values are checked by
 * {@link FactoryStrategyDefinition} against the factory ranges; the configuration of each symbol is
 * built once.
 *
 * <p>Not thread-safe (per-symbol cache).
 */
final class FlowScoreParams {
  private static final StrategyId ID = StrategyId.of("flow-score");

  /** Parameters of every family. */
  private static final Set<String> COMMON =
      Set.of("symbol", "direction", "entry_score", "flip_threshold");

  /** Gate parameters (v53 and factory). */
  private static final Set<String> GATES =
      Set.of(
          "vol_gate_on",
          "vol_min",
          "whale_gate_on",
          "whale_usd",
          "whale_flow_pct",
          "obi_gate_on",
          "obi_veto",
          "spot_perp_gate_on",
          "spot_perp_veto",
          "cvd_gate_on");

  /** Parameters of a factory strategy only. */
  private static final Set<String> FACTORY =
      Set.of(
          "display_name",
          "initial_balance",
          "cvd_fast_window",
          "cvd_slow_window",
          "weight_direction",
          "weight_env",
          "weight_aux",
          "weight_momentum",
          "sl_atr_multiplier",
          "tp1_ratio",
          "tp2_ratio",
          "timeout_minutes");

  private final FlowFamily family;
  private final ObjectNode params;
  private final String defaultSymbol;
  private final Map<String, FlowStrategyConfig> configs = new HashMap<>();

  private FlowScoreParams(FlowFamily family, ObjectNode params) {
    this.family = family;
    this.params = params;
    JsonNode s = params.get("symbol");
    this.defaultSymbol = s == null || s.isNull() ? "BTCUSDT" : s.asText();
  }

  /**
   * Checks {@code params} for {@code family} and builds the configuration of its symbol; throws
   * {@link IllegalArgumentException} naming the bad parameter.
   */
  static FlowScoreParams of(FlowFamily family, JsonNode params) {
    if (!(params instanceof ObjectNode o)) {
      throw new IllegalArgumentException("--params must be a JSON object");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      boolean known = COMMON.contains(k) || GATES.contains(k) || FACTORY.contains(k);
      if (!known) {
        throw new IllegalArgumentException("--params: unknown parameter '" + k + "'");
      }
      if (FACTORY.contains(k) && family != FlowFamily.FACTORY) {
        throw new IllegalArgumentException("--params: '" + k + "' applies to --family factory");
      }
      if (GATES.contains(k)
          && (family == FlowFamily.V51_BASELINE || family == FlowFamily.V52_8SIGNALS)) {
        throw new IllegalArgumentException(
            "--params: '" + k + "' applies to --family v53 or factory (v51/v52 have no gates)");
      }
    }
    FlowScoreParams p = new FlowScoreParams(family, o);
    p.config(null);
    return p;
  }

  /** The configuration for {@code symbol} (null: the parameters' symbol, default BTCUSDT). */
  FlowStrategyConfig config(String symbol) {
    String s = symbol == null ? defaultSymbol : symbol;
    FlowStrategyConfig c = configs.get(s);
    if (c == null) {
      c = build(s);
      configs.put(s, c);
    }
    return c;
  }

  private FlowStrategyConfig build(String symbol) {
    FactoryStrategyDefinition d;
    try {
      InstrumentId instrument = InstrumentId.fromVenueSymbol(symbol);
      d = definition(FactoryStrategyDefinition.defaults("flow-score", instrument.venueSymbol()));
    } catch (FlowValidationException e) {
      throw new IllegalArgumentException("--params: " + e.getMessage(), e);
    }
    FlowStrategyConfig f = d.toConfig(ID, "1");
    f = f.withGates(f.gates().withCvdGate(bool("cvd_gate_on", true)));
    FlowStrategyConfig base =
        switch (family) {
          case FACTORY -> f;
          case V53 -> FlowStrategyConfig.v53(ID, f.instrument()).withGates(f.gates());
          case V51_BASELINE -> FlowStrategyConfig.v51(ID, f.instrument());
          case V52_8SIGNALS -> FlowStrategyConfig.v52(ID, f.instrument());
        };
    double entry = num("entry_score", base.entryScore());
    double flip = num("flip_threshold", base.flipScore());
    double heavy = family == FlowFamily.FACTORY ? f.heavyScore() : base.heavyScore();
    return withDirection(base.withScores(entry, heavy, flip), d.direction());
  }

  /** The defaults of the symbol with every given parameter over them (validated). */
  private FactoryStrategyDefinition definition(FactoryStrategyDefinition b) {
    double entry = num("entry_score", family == FlowFamily.FACTORY ? b.entryScore() : 75);
    double flip = num("flip_threshold", family == FlowFamily.FACTORY ? b.flipThreshold() : 85);
    return new FactoryStrategyDefinition(
        str("display_name", b.displayName()),
        b.symbol(),
        str("direction", b.direction()),
        num("initial_balance", b.initialBalance()),
        str("cvd_fast_window", b.cvdFastWindow()),
        str("cvd_slow_window", b.cvdSlowWindow()),
        num("weight_direction", b.weightDirection()),
        num("weight_env", b.weightEnv()),
        num("weight_aux", b.weightAux()),
        num("weight_momentum", b.weightMomentum()),
        entry,
        bool("vol_gate_on", b.volGateOn()),
        num("vol_min", b.volMin()),
        bool("whale_gate_on", b.whaleGateOn()),
        num("whale_usd", b.whaleUsd()),
        num("whale_flow_pct", b.whaleFlowPct()),
        bool("obi_gate_on", b.obiGateOn()),
        num("obi_veto", b.obiVeto()),
        bool("spot_perp_gate_on", b.spotPerpGateOn()),
        num("spot_perp_veto", b.spotPerpVeto()),
        num("sl_atr_multiplier", b.slAtrMultiplier()),
        num("tp1_ratio", b.tp1Ratio()),
        num("tp2_ratio", b.tp2Ratio()),
        (int) num("timeout_minutes", b.timeoutMinutes()),
        flip);
  }

  private double num(String key, double fallback) {
    JsonNode v = params.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException("--params: '" + key + "' must be a number, got " + v);
    }
    return v.asDouble();
  }

  private boolean bool(String key, boolean fallback) {
    JsonNode v = params.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("--params: '" + key + "' must be true or false, got " + v);
    }
    return v.asBoolean();
  }

  private String str(String key, String fallback) {
    JsonNode v = params.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("--params: '" + key + "' must be a string, got " + v);
    }
    return v.asText();
  }

  private static FlowStrategyConfig withDirection(FlowStrategyConfig c, String direction) {
    DirectionFilter filter = DirectionFilter.parse(direction);
    return new FlowStrategyConfig(
        c.id(),
        c.version(),
        c.family(),
        c.instrument(),
        filter,
        c.fastWindow(),
        c.slowWindow(),
        c.evalIntervalMs(),
        c.entryScore(),
        c.heavyScore(),
        c.flipScore(),
        c.cooldownMs(),
        c.maxOpenPositions(),
        c.levelUnit(),
        c.slMultiplier(),
        c.tp1(),
        c.tp2(),
        c.timeoutMs(),
        c.riskPerTrade(),
        c.heavyMultiplier(),
        c.gates(),
        c.weights(),
        c.initialBalance());
  }
}
