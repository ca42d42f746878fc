package io.perpetua.signals.flow;

/**
 * CVD slope and acceleration of one strategy on one symbol: slope = change of the fast CVD since
 * the previous evaluation, acceleration = change of the slope. The first evaluation has no slope
 * and the first two have no acceleration (NaN) — nothing is invented.
 *
 * <p>Mutable, not thread-safe; {@link #snapshot()} / {@link #restore(Snapshot)} carry it across a
 * restart.
 */
public final class CvdMomentum {
  private double previousCvd = Double.NaN;
  private double previousSlope = Double.NaN;
  private double slope = Double.NaN;
  private double acceleration = Double.NaN;

  /** Records the fast CVD of a new evaluation and updates slope and acceleration. */
  public void update(double cvdFast) {
    slope = Double.isNaN(previousCvd) ? Double.NaN : cvdFast - previousCvd;
    acceleration =
        Double.isNaN(slope) || Double.isNaN(previousSlope) ? Double.NaN : slope - previousSlope;
    previousCvd = cvdFast;
    previousSlope = slope;
  }

  /** The latest slope (NaN on the first evaluation). */
  public double slope() {
    return slope;
  }

  /** The latest acceleration (NaN until two slopes exist). */
  public double acceleration() {
    return acceleration;
  }

  /** The persistent part of the state. */
  public Snapshot snapshot() {
    return new Snapshot(previousCvd, previousSlope);
  }

  /** Restores a snapshot. */
  public void restore(Snapshot s) {
    previousCvd = s.previousCvd();
    previousSlope = s.previousSlope();
    slope = Double.NaN;
    acceleration = Double.NaN;
  }

  /**
   * What survives a restart.
   *
   * @param previousCvd the fast CVD at the last evaluation (NaN if none)
   * @param previousSlope the slope at the last evaluation (NaN if none)
   */
  public record Snapshot(double previousCvd, double previousSlope) {}
}
