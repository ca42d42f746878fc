package io.perpetua.server.http;

/**
 * The error body of {@link Route.Style#BARE} routes (the job API): {@code {"error": {"code":
 * "RATE_LIMITED", "message": "..."}}}, sent with the error's HTTP status. {@code code} is the
 * {@link ApiError} constant name. Immutable.
 *
 * @param error the error
 */
public record ErrorObject(Detail error) {
  /**
   * The error itself.
   *
   * @param code the {@link ApiError} name, e.g. {@code INVALID_PARAMETER}
   * @param message what went wrong, naming the offending field
   */
  public record Detail(String code, String message) {}

  /** The object for {@code error} with {@code message}. */
  public static ErrorObject of(ApiError error, String message) {
    return new ErrorObject(new Detail(error.name(), message));
  }
}
