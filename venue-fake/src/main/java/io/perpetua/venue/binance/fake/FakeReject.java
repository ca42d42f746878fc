package io.perpetua.venue.binance.fake;

/**
 * An error answer of the fake venue: HTTP status plus Binance's {@code {code, msg}}.
 *
 * <p>Immutable.
 */
public final class FakeReject extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;
  private final int code;

  /** An error answer. */
  public FakeReject(int httpStatus, int code, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  /** HTTP status. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Binance error code. */
  public int code() {
    return code;
  }
}
