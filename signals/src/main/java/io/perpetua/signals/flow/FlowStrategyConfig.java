package io.perpetua.signals.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One order-flow strategy on one instrument: scoring family, windows, schedule, thresholds, exits,
 * sizing and gates. A strategy running on several instruments has one config per instrument with
 * the same id (its positions and balance are counted per id).
 *
 * <p>Immutable.
 *
 * @param id the strategy id
 * @param version the strategy version (changes with every release of its parameters)
 * @param family the scoring family
 * @param instrument the instrument
 * @param directionFilter which directions may open
 * @param fastWindow the fast CVD window
 * @param slowWindow the slow CVD window (longer than the fast one)
 * @param evalIntervalMs evaluation period on the event clock (15 s)
 * @param entryScore the score needed to open
 * @param heavyScore the score of the heavy tier
 * @param flipScore the opposite score that closes (and may reverse) a position
 * @param cooldownMs the minimum time between entries per symbol and strategy
 * @param maxOpenPositions open positions allowed per strategy
 * @param levelUnit whether SL/TP multipliers are in ATR or in R
 * @param slMultiplier stop distance in ATR (defines 1R)
 * @param tp1 TP1 distance, in {@code levelUnit}
 * @param tp2 TP2 distance, in {@code levelUnit}
 * @param timeoutMs maximum holding time
 * @param riskPerTrade fraction of the balance risked per 1R (0.02)
 * @param heavyMultiplier size multiplier of the heavy tier (1.5; standard is 1.0)
 * @param gates the v53 gates (factory and v53)
 * @param weights the factory weights (null for the built-in families)
 * @param initialBalance the paper balance the strategy starts with
 */
public record FlowStrategyConfig(
    StrategyId id,
    String version,
    FlowFamily family,
    InstrumentId instrument,
    DirectionFilter directionFilter,
    FlowWindow fastWindow,
    FlowWindow slowWindow,
    long evalIntervalMs,
    double entryScore,
    double heavyScore,
    double flipScore,
    long cooldownMs,
    int maxOpenPositions,
    LevelUnit levelUnit,
    double slMultiplier,
    double tp1,
    double tp2,
    long timeoutMs,
    double riskPerTrade,
    double heavyMultiplier,
    GateSettings gates,
    FactoryWeights weights,
    double initialBalance) {

  /** The unit of TP distances. */
  public enum LevelUnit {
    /** Multiples of ATR (v51, v52). */
    ATR,
    /** Multiples of 1R = {@code slMultiplier × ATR} (v53, factory). */
    R
  }

  /** Validates the fields. */
  public FlowStrategyConfig {
    if (id == null || family == null || instrument == null || directionFilter == null) {
      throw new IllegalArgumentException("id, family, instrument and direction are required");
    }
    if (version == null || version.isBlank() || levelUnit == null || gates == null) {
      throw new IllegalArgumentException("version, level unit and gates are required");
    }
    if (fastWindow == null || slowWindow == null || fastWindow.millis() >= slowWindow.millis()) {
      throw new IllegalArgumentException("fast window must be shorter than slow window");
    }
    if ((family == FlowFamily.FACTORY) != (weights != null)) {
      throw new IllegalArgumentException("weights are required exactly for factory strategies");
    }
    if (evalIntervalMs <= 0 || cooldownMs < 0 || maxOpenPositions <= 0 || timeoutMs <= 0) {
      throw new IllegalArgumentException("interval, positions and timeout must be positive");
    }
    if (!(slMultiplier > 0) || !(tp1 > 0) || !(tp2 > tp1)) {
      throw new IllegalArgumentException("need slMultiplier > 0 and 0 < tp1 < tp2");
    }
    if (!(entryScore > 0 && entryScore <= 100) || flipScore < entryScore || heavyScore <= 0) {
      throw new IllegalArgumentException("need 0 < entry ≤ 100, flip ≥ entry, heavy > 0");
    }
    if (!(riskPerTrade > 0 && riskPerTrade < 1)
        || !(heavyMultiplier > 0)
        || !(initialBalance > 0)) {
      throw new IllegalArgumentException("need 0 < risk < 1, heavy multiplier and balance > 0");
    }
  }

  /** {@code v51_baseline}: open ≥ 75, heavy ≥ 85, SL 1.4 ATR, TP1 1.05 ATR, TP2 2.1 ATR. */
  public static FlowStrategyConfig v51(StrategyId id, InstrumentId instrument) {
    return builtIn(id, FlowFamily.V51_BASELINE, instrument, LevelUnit.ATR, 1.4, 1.05, 2.1);
  }

  /** {@code v52_8signals}: as v51 with SL 3.0 ATR, TP1 2.0 ATR, TP2 4.5 ATR. */
  public static FlowStrategyConfig v52(StrategyId id, InstrumentId instrument) {
    return builtIn(id, FlowFamily.V52_8SIGNALS, instrument, LevelUnit.ATR, 3.0, 2.0, 4.5);
  }

  /**
   * {@code v53}: open ≥ 75, flip/heavy ≥ 85; exits as the factory defaults (1.5 ATR, 0.75/1.5R).
   */
  public static FlowStrategyConfig v53(StrategyId id, InstrumentId instrument) {
    return builtIn(id, FlowFamily.V53, instrument, LevelUnit.R, 1.5, 0.75, 1.5);
  }

  private static FlowStrategyConfig builtIn(
      StrategyId id,
      FlowFamily family,
      InstrumentId instrument,
      LevelUnit unit,
      double sl,
      double tp1,
      double tp2) {
    return new FlowStrategyConfig(
        id,
        "1",
        family,
        instrument,
        DirectionFilter.BOTH,
        FlowWindow.M30,
        FlowWindow.H4,
        15_000,
        75,
        85,
        85,
        600_000,
        4,
        unit,
        sl,
        tp1,
        tp2,
        240 * 60_000L,
        0.02,
        1.5,
        GateSettings.defaultsFor(instrument),
        null,
        10_000);
  }

  /** The TP1 distance in price for an ATR. */
  public double tp1Distance(double atr) {
    return levelUnit == LevelUnit.ATR ? tp1 * atr : tp1 * slMultiplier * atr;
  }

  /** The TP2 distance in price for an ATR. */
  public double tp2Distance(double atr) {
    return levelUnit == LevelUnit.ATR ? tp2 * atr : tp2 * slMultiplier * atr;
  }

  /** A short, stable hash of every parameter (hex SHA-256 prefix), tagging learning records. */
  public String configHash() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** A copy with other thresholds. */
  public FlowStrategyConfig withScores(double entry, double heavy, double flip) {
    return new FlowStrategyConfig(
        id,
        version,
        family,
        instrument,
        directionFilter,
        fastWindow,
        slowWindow,
        evalIntervalMs,
        entry,
        heavy,
        flip,
        cooldownMs,
        maxOpenPositions,
        levelUnit,
        slMultiplier,
        tp1,
        tp2,
        timeoutMs,
        riskPerTrade,
        heavyMultiplier,
        gates,
        weights,
        initialBalance);
  }

  /** A copy with other gates. */
  public FlowStrategyConfig withGates(GateSettings value) {
    return new FlowStrategyConfig(
        id,
        version,
        family,
        instrument,
        directionFilter,
        fastWindow,
        slowWindow,
        evalIntervalMs,
        entryScore,
        heavyScore,
        flipScore,
        cooldownMs,
        maxOpenPositions,
        levelUnit,
        slMultiplier,
        tp1,
        tp2,
        timeoutMs,
        riskPerTrade,
        heavyMultiplier,
        value,
        weights,
        initialBalance);
  }

  /** A copy with other windows. */
  public FlowStrategyConfig withWindows(FlowWindow fast, FlowWindow slow) {
    return new FlowStrategyConfig(
        id,
        version,
        family,
        instrument,
        directionFilter,
        fast,
        slow,
        evalIntervalMs,
        entryScore,
        heavyScore,
        flipScore,
        cooldownMs,
        maxOpenPositions,
        levelUnit,
        slMultiplier,
        tp1,
        tp2,
        timeoutMs,
        riskPerTrade,
        heavyMultiplier,
        gates,
        weights,
        initialBalance);
  }

  /** A copy with another cooldown and position limit. */
  public FlowStrategyConfig withLimits(long cooldown, int maxOpen, long timeout) {
    return new FlowStrategyConfig(
        id,
        version,
        family,
        instrument,
        directionFilter,
        fastWindow,
        slowWindow,
        evalIntervalMs,
        entryScore,
        heavyScore,
        flipScore,
        cooldown,
        maxOpen,
        levelUnit,
        slMultiplier,
        tp1,
        tp2,
        timeout,
        riskPerTrade,
        heavyMultiplier,
        gates,
        weights,
        initialBalance);
  }

  /** A copy for another version. */
  public FlowStrategyConfig withVersion(String value) {
    return new FlowStrategyConfig(
        id,
        value,
        family,
        instrument,
        directionFilter,
        fastWindow,
        slowWindow,
        evalIntervalMs,
        entryScore,
        heavyScore,
        flipScore,
        cooldownMs,
        maxOpenPositions,
        levelUnit,
        slMultiplier,
        tp1,
        tp2,
        timeoutMs,
        riskPerTrade,
        heavyMultiplier,
        gates,
        weights,
        initialBalance);
  }
}
