package io.perpetua.server.http;

import io.perpetua.core.Echo;
import java.util.Objects;

/**
 * A request that fails with a known {@link ApiError}. Thrown by handlers, parameter parsing and
 * body parsing; the server turns it into an error envelope with the error's HTTP status. The
 * message goes to the client verbatim, so it must name the offending field and never contain
 * secrets or internal details.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The error. */
  private final ApiError error;

  /** An error with a client-facing message. */
  public ApiException(ApiError error, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The error code. */
  public ApiError error() {
    return error;
  }

  /**
   * 40001 for parameter or field {@code name}: {@code Invalid parameter 'name': expected <what>,
   * got '<value>'}.
   */
  public static ApiException invalid(String name, String expected, String got) {
    return new ApiException(
        ApiError.INVALID_PARAMETER,
        "Invalid parameter '" + name + "': expected " + expected + ", got '" + echo(got) + "'");
  }

  /** 40002 for a required parameter or field {@code name} that is absent. */
  public static ApiException missing(String name) {
    return new ApiException(
        ApiError.MISSING_PARAMETER, "Missing required parameter '" + name + "'");
  }

  /** 40401 with a message saying what does not exist (yet). */
  public static ApiException notFound(String message) {
    return new ApiException(ApiError.NOT_FOUND, message);
  }

  /**
   * Client input echoed in messages: cut ({@link Echo}) so a huge value cannot bloat the response.
   */
  public static String echo(String value) {
    return Echo.of(value);
  }
}
