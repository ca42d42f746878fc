package io.perpetua.optimizer.job;

import java.util.Objects;

/** An optimisation request that is not accepted; {@link #field()} names the request field. */
public final class InvalidOptimizationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The request field at fault, as the API spells it (e.g. {@code space}, {@code trials}). */
  private final String field;

  /** An error about {@code field}. */
  public InvalidOptimizationException(String field, String message) {
    super(message);
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The request field at fault. */
  public String field() {
    return field;
  }
}
