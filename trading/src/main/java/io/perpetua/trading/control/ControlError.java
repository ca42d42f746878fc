package io.perpetua.trading.control;

/** The error codes of spec 001 (sent as {@code code} in the 001 dialect's error bodies). */
public enum ControlError {
  /** Invalid or unknown account id. */
  INVALID_ACCOUNT(1001),
  /** Delta deviation over the limit, or an invalid delta/deviation parameter. */
  DELTA_DEVIATION(1002),
  /** Hedge execution failed, or an invalid hedge parameter. */
  HEDGE_FAILED(1003),
  /** A risk alert blocks the operation. */
  RISK_ALERT_BLOCKS(1004),
  /** No market data for the symbol (or an unknown feed). */
  MARKET_DATA_UNAVAILABLE(1005),
  /** A service did not answer in time (or an invalid timeout). */
  SERVICE_TIMEOUT(2001),
  /** A proxy connection failed. */
  PROXY_FAILED(2002),
  /** The caller may not do this. */
  FORBIDDEN(3001),
  /** Too many requests. */
  RATE_LIMITED(3002);

  private final int code;

  ControlError(int code) {
    this.code = code;
  }

  /** The 001 code, e.g. 1001. */
  public int code() {
    return code;
  }
}
