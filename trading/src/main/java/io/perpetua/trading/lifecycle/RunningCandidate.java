package io.perpetua.trading.lifecycle;

import java.util.Map;

/**
 * What the kernel runs beside a strategy's stable version: its candidate in shadow or canary.
 *
 * @param versionId the candidate
 * @param stage {@code shadow} (no capital: a virtual book only) or {@code canary}
 * @param parameters its parameters
 * @param capitalFraction its share of the strategy's capital: 0 in shadow
 */
public record RunningCandidate(
    String versionId, Stage stage, Map<String, Object> parameters, double capitalFraction) {
  /** Copies the parameters. */
  public RunningCandidate {
    parameters = Map.copyOf(parameters);
  }
}
