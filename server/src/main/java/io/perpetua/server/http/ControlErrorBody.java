package io.perpetua.server.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The error body of spec 001's dialect ({@link Route.Style#CONTROL}): {@code {"success": false,
 * "code": 1001, "error": "accounts: unknown account 'x'", "apiCode": 40080, "timestamp":
 * 1698393600000}}, sent with the error's HTTP status. {@code code} is the 001 code, {@code apiCode}
 * the platform's {@link ApiError} code. Immutable.
 *
 * @param success always false
 * @param code the 001 code (1001-3002)
 * @param error what went wrong, naming the field
 * @param apiCode the platform error code
 * @param timestamp epoch ms
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ControlErrorBody(
    boolean success, int code, String error, int apiCode, long timestamp) {

  /** The body for {@code error} with {@code message} at {@code timeMs}. */
  public static ControlErrorBody of(ApiError error, String message, long timeMs) {
    return new ControlErrorBody(false, codeOf(error), message, error.code(), timeMs);
  }

  /**
   * The 001 code of a platform error: the control errors map one to one; authentication and roles
   * 3001, rate limits 3002, timeouts 2001, upstream failures 2002, a stopped or blocked operation
   * 1004, anything else about the request (malformed JSON, a field of the wrong type) 1001.
   */
  public static int codeOf(ApiError error) {
    return switch (error) {
      case CONTROL_INVALID_ACCOUNT, CONTROL_ACCOUNT_NOT_FOUND -> 1001;
      case CONTROL_DELTA_DEVIATION -> 1002;
      case CONTROL_HEDGE_FAILED -> 1003;
      case CONTROL_RISK_BLOCKED -> 1004;
      case CONTROL_MARKET_DATA -> 1005;
      case CONTROL_SERVICE_TIMEOUT, REQUEST_TIMEOUT -> 2001;
      case CONTROL_PROXY_FAILED, UPSTREAM_UNAVAILABLE -> 2002;
      case RATE_LIMITED -> 3002;
      default ->
          error.httpStatus() == 401 || error.httpStatus() == 403
              ? 3001
              : error.httpStatus() >= 500 ? 2002 : 1001;
    };
  }
}
