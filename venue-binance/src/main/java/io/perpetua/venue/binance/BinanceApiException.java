package io.perpetua.venue.binance;

/**
 * A failed Binance request. {@link #kind()} says whether the request certainly did not take effect
 * ({@link Kind#REJECTED}, {@link Kind#RATE_LIMITED}, {@link Kind#CLOCK_DRIFT}) or whether its
 * outcome is unknown ({@link Kind#TIMEOUT}, {@link Kind#NETWORK}, {@link Kind#SERVER_ERROR}), in
 * which case an order may exist and must be looked up by its client order id before any resend.
 *
 * <p>Messages carry the venue's error code and text, never credentials or signed query strings.
 */
public final class BinanceApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Binance: "Order does not exist." */
  public static final int ORDER_DOES_NOT_EXIST = -2013;

  /** Binance: "Unknown order sent." (cancel of an order that is not open). */
  public static final int UNKNOWN_ORDER = -2011;

  /** Binance: "ClientOrderId is duplicated." */
  public static final int DUPLICATE_CLIENT_ORDER_ID = -4116;

  /** Binance: "Timestamp for this request is outside of the recvWindow." */
  public static final int TIMESTAMP_OUTSIDE_RECV_WINDOW = -1021;

  /** Binance: "This listenKey does not exist." */
  public static final int LISTEN_KEY_NOT_FOUND = -1125;

  /** Binance: post-only order would immediately match. */
  public static final int POST_ONLY_REJECTED = -5022;

  /** What went wrong. */
  public enum Kind {
    /** The venue answered with an error: the request took no effect. */
    REJECTED,
    /** 429 or 418, or the local weight budget is exhausted: nothing took effect; wait. */
    RATE_LIMITED,
    /** The local clock is too far from server time: the request was not sent. */
    CLOCK_DRIFT,
    /** A 5xx answer: the outcome is unknown. */
    SERVER_ERROR,
    /** No answer in time: the outcome is unknown. */
    TIMEOUT,
    /** The connection failed: the outcome is unknown. */
    NETWORK
  }

  private final Kind kind;
  private final int httpStatus;
  private final int code;
  private final long retryAfterMs;

  /** A failure; {@code code} is the venue's error code or 0. */
  public BinanceApiException(
      Kind kind, int httpStatus, int code, String message, long retryAfterMs, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  /** A failure without a cause or back-off. */
  public BinanceApiException(Kind kind, int httpStatus, int code, String message) {
    this(kind, httpStatus, code, message, 0, null);
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The venue's error code, or 0. */
  public int code() {
    return code;
  }

  /** How long to wait before the next request (rate limits), or 0. */
  public long retryAfterMs() {
    return retryAfterMs;
  }

  /** True when the request may have taken effect (look the order up before resending). */
  public boolean isOutcomeUnknown() {
    return kind == Kind.TIMEOUT || kind == Kind.NETWORK || kind == Kind.SERVER_ERROR;
  }

  /** True when retrying later can succeed. */
  public boolean isRetryable() {
    return isOutcomeUnknown() || kind == Kind.RATE_LIMITED;
  }
}
