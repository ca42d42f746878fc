package io.perpetua.signals.flow;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Invalid strategy parameters: carries every failed field (never a silent clamp). The message lists
 * them all as {@code field: message; ...}.
 */
public final class FlowValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The failures. */
  private final transient List<FieldError> errors;

  /** An exception for {@code errors} (at least one). */
  public FlowValidationException(List<FieldError> errors) {
    super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("at least one error is required");
    }
    this.errors = List.copyOf(errors);
  }

  /** Every failed field, in check order. */
  public List<FieldError> errors() {
    return errors;
  }
}
