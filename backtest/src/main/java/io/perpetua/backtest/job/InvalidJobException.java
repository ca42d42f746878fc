package io.perpetua.backtest.job;

import java.util.Objects;

/**
 * A job request that is not accepted; no job was created. The message is client-facing: it names
 * the problem (and the offending parameter or symbol) but not the wire name of the field, which
 * {@link #field()} identifies for the API to name.
 */
public final class InvalidJobException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The offending field. */
  private final JobField field;

  /** An invalid {@code field}, with what is wrong. */
  public InvalidJobException(JobField field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The offending field. */
  public JobField field() {
    return field;
  }
}
