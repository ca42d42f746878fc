package io.perpetua.market;

/** A value column of a bar: what {@link AlignedBars#get} and {@link AlignedBars#copyRow} select. */
public enum BarField {
  /** Opening price. */
  OPEN,
  /** Highest price. */
  HIGH,
  /** Lowest price. */
  LOW,
  /** Closing price. */
  CLOSE,
  /** Base-asset volume. */
  VOLUME,
  /** Quote-asset volume. */
  QUOTE_VOLUME
}
