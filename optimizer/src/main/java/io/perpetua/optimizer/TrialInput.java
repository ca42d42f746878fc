package io.perpetua.optimizer;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial to run: its number in the search and its parameters. Serializable, so a batch can run
 * as Spark tasks ({@link RemoteTrials}).
 *
 * @param index the trial's number (proposal order)
 * @param params the searched parameters' values
 */
public record TrialInput(int index, Map<String, Object> params) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies (keeping the order). */
  public TrialInput {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }
}
