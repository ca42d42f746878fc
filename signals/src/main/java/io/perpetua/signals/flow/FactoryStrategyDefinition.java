package io.perpetua.signals.flow;

import io.perpetua.core.Echo;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A user-defined (factory) strategy as the user entered it (spec §3.4), with field names as in the
 * API. The constructor checks every parameter against its allowed range and throws one {@link
 * FlowValidationException} listing every failed field (never a silent clamp); {@link #checkContext}
 * adds the checks that need the platform (known symbols, unique names).
 *
 * <p>Immutable.
 *
 * @param displayName 1–50 characters, unique
 * @param symbol venue symbol, e.g. {@code BTCUSDT}
 * @param direction {@code long_only}, {@code short_only} or {@code both}
 * @param initialBalance 1,000–1,000,000
 * @param cvdFastWindow {@code 5m}, {@code 15m} or {@code 30m}
 * @param cvdSlowWindow {@code 30m}, {@code 1h} or {@code 4h}, longer than the fast window
 * @param weightDirection 10–80
 * @param weightEnv 5–60
 * @param weightAux 0–40
 * @param weightMomentum 0–20; the four weights sum to exactly 100
 * @param entryScore 60–95
 * @param volGateOn volatility floor on/off
 * @param volMin 0.0001–0.02
 * @param whaleGateOn whale gate on/off
 * @param whaleUsd 1,000–1,000,000
 * @param whaleFlowPct 0–1
 * @param obiGateOn OBI veto on/off
 * @param obiVeto 0.1–0.9
 * @param spotPerpGateOn spot–perp veto on/off
 * @param spotPerpVeto 0.0005–0.01
 * @param slAtrMultiplier 0.5–3.0 (1R)
 * @param tp1Ratio 0.3–2.0 R
 * @param tp2Ratio 0.5–4.0 R, above tp1
 * @param timeoutMinutes 30–1440
 * @param flipThreshold 60–95, at least the entry score
 */
public record FactoryStrategyDefinition(
    String displayName,
    String symbol,
    String direction,
    double initialBalance,
    String cvdFastWindow,
    String cvdSlowWindow,
    double weightDirection,
    double weightEnv,
    double weightAux,
    double weightMomentum,
    double entryScore,
    boolean volGateOn,
    double volMin,
    boolean whaleGateOn,
    double whaleUsd,
    double whaleFlowPct,
    boolean obiGateOn,
    double obiVeto,
    boolean spotPerpGateOn,
    double spotPerpVeto,
    double slAtrMultiplier,
    double tp1Ratio,
    double tp2Ratio,
    int timeoutMinutes,
    double flipThreshold) {

  private static final Set<FlowWindow> FAST = Set.of(FlowWindow.M5, FlowWindow.M15, FlowWindow.M30);
  private static final Set<FlowWindow> SLOW = Set.of(FlowWindow.M30, FlowWindow.H1, FlowWindow.H4);

  /** Validates every field, reporting all failures at once. */
  public FactoryStrategyDefinition {
    List<FieldError> e = new ArrayList<>();
    if (displayName == null || displayName.isBlank() || displayName.strip().length() > 50) {
      e.add(new FieldError("display_name", "must be 1–50 characters"));
    }
    InstrumentId id = null;
    try {
      id = InstrumentId.fromVenueSymbol(symbol);
    } catch (IllegalArgumentException ex) {
      e.add(new FieldError("symbol", ex.getMessage()));
    }
    try {
      DirectionFilter.parse(direction);
    } catch (IllegalArgumentException ex) {
      e.add(new FieldError("direction", ex.getMessage()));
    }
    range(e, "initial_balance", initialBalance, 1_000, 1_000_000);
    FlowWindow fast = window(e, "cvd_fast_window", cvdFastWindow, FAST);
    FlowWindow slow = window(e, "cvd_slow_window", cvdSlowWindow, SLOW);
    if (fast != null && slow != null && fast.millis() >= slow.millis()) {
      e.add(new FieldError("cvd_slow_window", "must be longer than cvd_fast_window"));
    }
    range(e, "weight_direction", weightDirection, 10, 80);
    range(e, "weight_env", weightEnv, 5, 60);
    range(e, "weight_aux", weightAux, 0, 40);
    range(e, "weight_momentum", weightMomentum, 0, 20);
    double sum = weightDirection + weightEnv + weightAux + weightMomentum;
    if (Math.abs(sum - 100) > 1e-9) {
      e.add(new FieldError("weights", "must sum to exactly 100, got " + sum));
    }
    range(e, "entry_score", entryScore, 60, 95);
    range(e, "vol_min", volMin, 0.0001, 0.02);
    range(e, "whale_usd", whaleUsd, 1_000, 1_000_000);
    range(e, "whale_flow_pct", whaleFlowPct, 0, 1);
    range(e, "obi_veto", obiVeto, 0.1, 0.9);
    range(e, "spot_perp_veto", spotPerpVeto, 0.0005, 0.01);
    range(e, "sl_atr_multiplier", slAtrMultiplier, 0.5, 3.0);
    range(e, "tp1_ratio", tp1Ratio, 0.3, 2.0);
    range(e, "tp2_ratio", tp2Ratio, 0.5, 4.0);
    if (tp2Ratio <= tp1Ratio) {
      e.add(new FieldError("tp2_ratio", "must be greater than tp1_ratio (" + tp1Ratio + ")"));
    }
    range(e, "timeout_minutes", timeoutMinutes, 30, 1440);
    range(e, "flip_threshold", flipThreshold, 60, 95);
    if (flipThreshold < entryScore) {
      e.add(new FieldError("flip_threshold", "must be at least entry_score (" + entryScore + ")"));
    }
    if (!e.isEmpty()) {
      throw new FlowValidationException(e);
    }
    displayName = displayName.strip();
    symbol = id.venueSymbol();
  }

  private static void range(List<FieldError> e, String field, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      e.add(new FieldError(field, "must be in [" + num(lo) + ", " + num(hi) + "], got " + num(v)));
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static FlowWindow window(
      List<FieldError> e, String field, String code, Set<FlowWindow> allowed) {
    try {
      FlowWindow w = FlowWindow.parse(code);
      if (allowed.contains(w)) {
        return w;
      }
    } catch (IllegalArgumentException ignored) {
      // reported below with the allowed values
    }
    List<String> codes = allowed.stream().sorted().map(FlowWindow::code).toList();
    e.add(new FieldError(field, "must be one of " + codes + ", got '" + Echo.of(code) + "'"));
    return null;
  }

  /**
   * The defaults of §3.4 for {@code symbol} (gate thresholds from the symbol's v53 row; the whale
   * flow ratio applies to BTC, the largest-trade rule to others).
   */
  public static FactoryStrategyDefinition defaults(String displayName, String symbol) {
    GateSettings g = GateSettings.defaultsFor(InstrumentId.fromVenueSymbol(symbol));
    return new FactoryStrategyDefinition(
        displayName,
        symbol,
        "both",
        10_000,
        "30m",
        "4h",
        55,
        25,
        15,
        5,
        75,
        g.volFloorOn(),
        g.volMin(),
        g.whaleOn(),
        g.whaleUsd(),
        g.whaleFlowPct(),
        g.obiOn(),
        g.obiVeto(),
        g.spotPerpOn(),
        g.spotPerpVeto(),
        1.5,
        0.75,
        1.5,
        240,
        80);
  }

  /** The instrument. */
  public InstrumentId instrument() {
    return InstrumentId.fromVenueSymbol(symbol);
  }

  /**
   * The checks that need the platform: the symbol must be known and the display name unused
   * (case-insensitive; pass the other strategies' names when editing).
   */
  public void checkContext(Set<InstrumentId> knownInstruments, Set<String> takenNames) {
    List<FieldError> e = new ArrayList<>();
    if (!knownInstruments.contains(instrument())) {
      e.add(new FieldError("symbol", "unknown symbol '" + symbol + "'"));
    }
    for (String taken : takenNames) {
      if (taken.strip().equalsIgnoreCase(displayName)) {
        e.add(new FieldError("display_name", "'" + displayName + "' is already used"));
        break;
      }
    }
    if (!e.isEmpty()) {
      throw new FlowValidationException(e);
    }
  }

  /** The engine configuration of this definition. */
  public FlowStrategyConfig toConfig(StrategyId id, String version) {
    InstrumentId instrument = instrument();
    GateSettings base = GateSettings.defaultsFor(instrument);
    GateSettings gates =
        base.withVolFloor(volGateOn, volMin)
            .withWhale(whaleGateOn, whaleUsd, whaleFlowPct)
            .withObi(obiGateOn, obiVeto)
            .withSpotPerp(spotPerpGateOn, spotPerpVeto);
    return new FlowStrategyConfig(
        id,
        version,
        FlowFamily.FACTORY,
        instrument,
        DirectionFilter.parse(direction),
        FlowWindow.parse(cvdFastWindow),
        FlowWindow.parse(cvdSlowWindow),
        15_000,
        entryScore,
        flipThreshold,
        flipThreshold,
        600_000,
        4,
        FlowStrategyConfig.LevelUnit.R,
        slAtrMultiplier,
        tp1Ratio,
        tp2Ratio,
        timeoutMinutes * 60_000L,
        0.02,
        1.5,
        gates,
        new FactoryWeights(weightDirection, weightEnv, weightAux, weightMomentum),
        initialBalance);
  }
}
