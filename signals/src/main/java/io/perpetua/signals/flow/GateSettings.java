package io.perpetua.signals.flow;

import io.perpetua.core.InstrumentId;

/**
 * The v53 gates (spec §3.3) with their on/off switches and thresholds, including the original
 * system's switch of the CVD-resonance gate ({@code gate_cvd_enabled}).
 *
 * <p>Immutable.
 *
 * @param volFloorOn whether the volatility floor applies
 * @param volMin the minimum {@code ATR/price}
 * @param whaleOn whether the whale gate applies
 * @param whaleMode flow ratio (BTC) or largest trade (others)
 * @param whaleUsd the whale notional of the largest-trade rule
 * @param whaleFlowPct the whale-flow ratio beyond which an opposing flow vetoes (0–1)
 * @param obiOn whether the book-imbalance veto applies
 * @param obiVeto the |OBI| beyond which an opposing book vetoes
 * @param spotPerpOn whether the spot–perp divergence veto applies (off by default)
 * @param spotPerpVeto the |divergence| beyond which an opposing divergence vetoes
 * @param cvdGateOn whether disagreeing CVDs veto (on by default); off, the fast CVD's sign sets the
 *     direction (SHORT when it is 0) and the resonance points are 0, as in the original system
 */
public record GateSettings(
    boolean volFloorOn,
    double volMin,
    boolean whaleOn,
    WhaleGateMode whaleMode,
    double whaleUsd,
    double whaleFlowPct,
    boolean obiOn,
    double obiVeto,
    boolean spotPerpOn,
    double spotPerpVeto,
    boolean cvdGateOn) {

  /** How the whale gate reads whale activity. */
  public enum WhaleGateMode {
    /** Veto if {@code whale_cvd_ratio} opposes by more than {@code whaleFlowPct} (BTC). */
    FLOW_RATIO,
    /** Veto if a trade ≥ {@code whaleUsd} opposes and none supports (other symbols). */
    LARGEST_TRADE
  }

  /** Validates the fields. */
  public GateSettings {
    if (whaleMode == null) {
      throw new IllegalArgumentException("whaleMode is required");
    }
    if (!(volMin >= 0) || !(whaleUsd >= 0) || !(whaleFlowPct >= 0 && whaleFlowPct <= 1)) {
      throw new IllegalArgumentException("gate thresholds out of range");
    }
    if (!(obiVeto >= 0 && obiVeto <= 1) || !(spotPerpVeto >= 0)) {
      throw new IllegalArgumentException("gate thresholds out of range");
    }
  }

  /**
   * The per-symbol defaults of spec §3.3 (BTC, ETH, SOL, XRP; any other symbol gets the ETH row),
   * spot–perp veto off, CVD gate on.
   */
  public static GateSettings defaultsFor(InstrumentId instrument) {
    return switch (instrument.venueSymbol()) {
      case "BTCUSDT" ->
          new GateSettings(
              true,
              0.002,
              true,
              WhaleGateMode.FLOW_RATIO,
              100_000,
              0.5,
              true,
              0.30,
              false,
              0.003,
              true);
      case "SOLUSDT" ->
          new GateSettings(
              true,
              0.004,
              true,
              WhaleGateMode.LARGEST_TRADE,
              20_000,
              0.5,
              true,
              0.45,
              false,
              0.008,
              true);
      case "XRPUSDT" ->
          new GateSettings(
              true,
              0.0025,
              true,
              WhaleGateMode.LARGEST_TRADE,
              30_000,
              0.5,
              true,
              0.40,
              false,
              0.006,
              true);
      default ->
          new GateSettings(
              true,
              0.003,
              true,
              WhaleGateMode.LARGEST_TRADE,
              50_000,
              0.5,
              true,
              0.35,
              false,
              0.005,
              true);
    };
  }

  /** A copy with the volatility floor set. */
  public GateSettings withVolFloor(boolean on, double min) {
    return new GateSettings(
        on,
        min,
        whaleOn,
        whaleMode,
        whaleUsd,
        whaleFlowPct,
        obiOn,
        obiVeto,
        spotPerpOn,
        spotPerpVeto,
        cvdGateOn);
  }

  /** A copy with the whale gate set. */
  public GateSettings withWhale(boolean on, double usd, double flowPct) {
    return new GateSettings(
        volFloorOn,
        volMin,
        on,
        whaleMode,
        usd,
        flowPct,
        obiOn,
        obiVeto,
        spotPerpOn,
        spotPerpVeto,
        cvdGateOn);
  }

  /** A copy with the OBI veto set. */
  public GateSettings withObi(boolean on, double veto) {
    return new GateSettings(
        volFloorOn,
        volMin,
        whaleOn,
        whaleMode,
        whaleUsd,
        whaleFlowPct,
        on,
        veto,
        spotPerpOn,
        spotPerpVeto,
        cvdGateOn);
  }

  /** A copy with the spot–perp veto set. */
  public GateSettings withSpotPerp(boolean on, double veto) {
    return new GateSettings(
        volFloorOn,
        volMin,
        whaleOn,
        whaleMode,
        whaleUsd,
        whaleFlowPct,
        obiOn,
        obiVeto,
        on,
        veto,
        cvdGateOn);
  }

  /** A copy with the CVD-resonance gate switched on or off. */
  public GateSettings withCvdGate(boolean on) {
    return new GateSettings(
        volFloorOn,
        volMin,
        whaleOn,
        whaleMode,
        whaleUsd,
        whaleFlowPct,
        obiOn,
        obiVeto,
        spotPerpOn,
        spotPerpVeto,
        on);
  }
}
