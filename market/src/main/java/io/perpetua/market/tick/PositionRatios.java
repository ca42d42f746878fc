package io.perpetua.market.tick;

import io.perpetua.core.InstrumentId;

/**
 * Positioning sample (5 min): the global long/short account ratio ({@code
 * globalLongShortAccountRatio}) and the top-trader long/short position ratio ({@code
 * topLongShortPositionRatio}).
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param timeMs sample time, epoch ms
 * @param longShortRatio long accounts / short accounts (positive)
 * @param topTraderRatio top traders' long position / short position (positive)
 */
public record PositionRatios(
    InstrumentId instrument, long timeMs, double longShortRatio, double topTraderRatio)
    implements FlowTick {

  /** Validates the fields. */
  public PositionRatios {
    Ticks.requireInstrument(instrument);
    Ticks.requirePositive("longShortRatio", longShortRatio);
    Ticks.requirePositive("topTraderRatio", topTraderRatio);
  }

  /** The top traders' long share of positions, {@code r / (1 + r)}, in (0, 1). */
  public double topTraderLongShare() {
    return topTraderRatio / (1 + topTraderRatio);
  }
}
