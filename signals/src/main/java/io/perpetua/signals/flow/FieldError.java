package io.perpetua.signals.flow;

/**
 * One validation failure, naming the field.
 *
 * <p>Immutable.
 *
 * @param field the field name (snake_case, as in the API)
 * @param message what is wrong and what is allowed
 */
public record FieldError(String field, String message) {
  /** Validates the fields. */
  public FieldError {
    if (field == null || field.isBlank() || message == null || message.isBlank()) {
      throw new IllegalArgumentException("field and message are required");
    }
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
