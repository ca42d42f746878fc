package io.perpetua.readmodel;

import java.util.List;

/**
 * All open positions at one time.
 *
 * @param positions open positions
 * @param updatedAtMs kernel time of the snapshot
 */
public record PositionsSnapshot(List<PositionView> positions, long updatedAtMs) {
  /** Copies the list. */
  public PositionsSnapshot {
    positions = List.copyOf(positions);
  }

  /** Number of long positions. */
  public long longCount() {
    return positions.stream().filter(p -> "long".equals(p.side())).count();
  }

  /** Number of short positions. */
  public long shortCount() {
    return positions.stream().filter(p -> "short".equals(p.side())).count();
  }
}
