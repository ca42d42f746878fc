package io.perpetua.market;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;

/**
 * What the {@link BarCatalog} holds for one instrument and timeframe.
 *
 * <p>Immutable.
 *
 * @param instrument the instrument
 * @param timeframe the bar interval
 * @param barCount number of bars stored
 * @param firstOpenTimeMs open time of the first bar (0 when there are none)
 * @param lastOpenTimeMs open time of the last bar (0 when there are none)
 * @param gapCount number of gaps (see {@link Gaps})
 */
public record BarCatalogEntry(
    InstrumentId instrument,
    Timeframe timeframe,
    int barCount,
    long firstOpenTimeMs,
    long lastOpenTimeMs,
    int gapCount) {}
