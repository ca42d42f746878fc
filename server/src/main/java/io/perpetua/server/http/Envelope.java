package io.perpetua.server.http;

import io.perpetua.server.json.Nullable;
import java.time.Instant;

/**
 * The wrapper of every API response, success or error: {@code {code, message, data, timestamp}}.
 * Success has code 0, message {@code success} and the payload in {@code data}; an error has an
 * {@link ApiError} code, a message naming the problem and {@code data: null}. Immutable.
 *
 * @param code 0 or an {@link ApiError#code()}
 * @param message {@code success} or what went wrong
 * @param data the payload, null on errors
 * @param timestamp when the response was produced (second precision UTC)
 */
public record Envelope(int code, String message, @Nullable Object data, Instant timestamp) {
  /** The success message. */
  public static final String SUCCESS = "success";

  /** A success with {@code data}. */
  public static Envelope success(Object data, Instant now) {
    return new Envelope(0, SUCCESS, data, now);
  }

  /** An error. */
  public static Envelope error(ApiError error, String message, Instant now) {
    return new Envelope(error.code(), message, null, now);
  }
}
