package io.perpetua.server.http;

/**
 * The API's error codes: stable numbers within the ranges of the platform spec (400xx request,
 * 401xx authentication, 404xx not found, 500xx internal, 503xx upstream), each with the HTTP status
 * it is sent with. Clients branch on {@link #code()}, never on the message.
 *
 * <p>Codes are part of the public contract: never renumber or reuse one; add new constants instead.
 * The constant names are public too: the job API (bare, unenveloped responses) sends them as its
 * string error codes, e.g. {@code RATE_LIMITED}.
 */
public enum ApiError {
  /** A query, path or body parameter has a value that is not accepted (message names it). */
  INVALID_PARAMETER(40001, 400, "Invalid parameter"),
  /** A required query, path or body parameter is absent (message names it). */
  MISSING_PARAMETER(40002, 400, "Missing parameter"),
  /** The request body is not well-formed JSON (or is empty where one is required). */
  MALFORMED_BODY(40003, 400, "Malformed JSON body"),
  /** The route exists but not for this HTTP method; sent with an {@code Allow} header. */
  METHOD_NOT_ALLOWED(40004, 405, "Method not allowed"),
  /**
   * The resource's state does not allow the action, e.g. cancelling a finished job. (The spec has
   * no 409 range; like 40004 this sits in the request-error range.)
   */
  CONFLICT(40005, 409, "Conflict"),
  /**
   * Too many active jobs (or signed requests) for the caller; retry later. (The spec has no 429
   * range; like 40004 this sits in the request-error range.)
   */
  RATE_LIMITED(40006, 429, "Rate limited"),
  /** The body is larger than the server accepts (1 MB); sent by the HTTP layer. */
  PAYLOAD_TOO_LARGE(40007, 413, "Payload too large"),
  /** The request target is longer than the server reads; sent by the HTTP layer. */
  URI_TOO_LONG(40008, 414, "URI too long"),
  /** An {@code Expect} header the server cannot meet; sent by the HTTP layer. */
  EXPECTATION_FAILED(40009, 417, "Expectation failed"),
  /** A protocol the server does not speak here (e.g. HTTP/2 without upgrade); HTTP layer. */
  UPGRADE_REQUIRED(40010, 426, "Upgrade required"),
  /** The request headers are larger than the server reads; sent by the HTTP layer. */
  HEADERS_TOO_LARGE(40011, 431, "Request header fields too large"),
  /** The request was not completed in time; sent by the HTTP layer. */
  REQUEST_TIMEOUT(40012, 408, "Request timeout"),
  /** A body without a length where one is required; sent by the HTTP layer. */
  LENGTH_REQUIRED(40013, 411, "Length required"),
  /** No {@code Authorization: Bearer <token>} header on a protected route. */
  MISSING_TOKEN(40101, 401, "Missing bearer token"),
  /** A bearer token was given but is not the configured one. */
  INVALID_TOKEN(40102, 401, "Invalid token"),
  /** A signed route was called without one of the three signature headers. */
  MISSING_SIGNATURE(40103, 401, "Missing signature headers"),
  /** The API key of a signed request does not exist or is revoked. */
  INVALID_API_KEY(40104, 401, "Unknown or revoked API key"),
  /** The timestamp of a signed request is too far from the server's time. */
  STALE_TIMESTAMP(40105, 401, "Stale timestamp"),
  /** A signed request was already received (same key and signature) within the time window. */
  REPLAYED_REQUEST(40106, 401, "Replayed request"),
  /** The signature of a signed request does not match (or a signature header is malformed). */
  INVALID_SIGNATURE(40107, 401, "Invalid signature"),
  /**
   * The token is valid but its role may not do this: the read-only viewer token on a route that
   * changes something (every non-GET route needs the admin token).
   */
  FORBIDDEN(40108, 403, "Forbidden"),
  /** The access token was valid but has expired: refresh it or log in again. (Accounts, 40109+.) */
  TOKEN_EXPIRED(40109, 401, "Token expired"),
  /** Wrong user name or password (one answer for both, so names cannot be probed). */
  BAD_CREDENTIALS(40110, 401, "Wrong user name or password"),
  /** Too many failed logins: the account is locked for 15 minutes. */
  ACCOUNT_LOCKED(40111, 403, "Account locked"),
  /** The account has TOTP enabled and the code (or a recovery code) is missing or wrong. */
  TOTP_REQUIRED(40112, 401, "TOTP code required"),
  /** The account is banned. */
  ACCOUNT_BANNED(40113, 403, "Account banned"),
  /** A spent refresh token was presented again: every token of that login is revoked. */
  REFRESH_TOKEN_REUSED(40114, 401, "Refresh token reused"),
  /** The invite code is unknown, disabled, expired or used up. */
  INVALID_INVITE(40115, 403, "Invalid invite code"),
  /** Four-eyes: the requester of a change cannot approve it; a second person must. */
  SELF_APPROVAL(40116, 403, "Four-eyes: approve someone else's request"),
  /** The user name is taken. (Accounts, 40020+.) */
  USER_EXISTS(40020, 409, "User exists"),
  /** The four-eyes request was already approved, rejected or withdrawn. */
  ALREADY_DECIDED(40021, 409, "Already decided"),
  /**
   * A strategy change request names parameters the strategy does not declare, or values outside
   * their range (the message names each one). (Strategy registry, 40030-40039.)
   */
  INVALID_STRATEGY_PARAMETERS(40030, 400, "Invalid strategy parameters"),
  /** A strategy toggle without {@code confirm: true} or without a reason. */
  CONFIRMATION_REQUIRED(40031, 400, "Confirmation and reason required"),
  /**
   * The strategy's state does not allow it: a second active strategy in single mode, activating a
   * strategy in error, deciding a change request that is no longer pending.
   */
  STRATEGY_CONFLICT(40032, 409, "Strategy state conflict"),
  /**
   * 001 dialect 1001: a control-plane account id is malformed or unknown. (Control, 40080-40089.)
   */
  CONTROL_INVALID_ACCOUNT(40080, 400, "Invalid account id"),
  /** 001 dialect 1002: delta deviation over its limit, or a bad delta parameter. */
  CONTROL_DELTA_DEVIATION(40081, 400, "Delta deviation out of limits"),
  /** 001 dialect 1003: a bad hedge parameter. */
  CONTROL_HEDGE_FAILED(40082, 400, "Hedge execution failed"),
  /** 001 dialect 1004: a risk alert (or a bad utilisation parameter) blocks the operation. */
  CONTROL_RISK_BLOCKED(40083, 409, "Blocked by a risk alert"),
  /** 001 dialect 1005: no market data for the symbol, or an unknown feed. */
  CONTROL_MARKET_DATA(40084, 400, "Market data unavailable"),
  /** 001 dialect 2001: a timeout parameter out of range, or the control plane is stopped. */
  CONTROL_SERVICE_TIMEOUT(40085, 409, "Service timeout or stopped"),
  /** 001 dialect 2002: a proxy connection failed. */
  CONTROL_PROXY_FAILED(40086, 409, "Proxy connection failed"),
  /** Removing a per-symbol risk limit that is not set. (Observability/risk, 40480.) */
  RISK_LIMIT_NOT_FOUND(40480, 404, "Symbol limit not set"),
  /** 001 dialect 1001: no control-plane account with this id. (Control, 40470-40479.) */
  CONTROL_ACCOUNT_NOT_FOUND(40470, 404, "Account not found"),
  /**
   * A carry action not allowed in the instance's state (start unless IDLE, close unless HOLDING,
   * confirm with nothing pending, reset unless HALTED) or refused by a hard limit of spec §7 (the
   * notional, negative or unknown funding, clock drift). (Carry, 40087-40089.)
   */
  CARRY_CONFLICT(40087, 409, "Carry action not allowed"),
  /**
   * The switch to real mode before the acceptance checklist passed; the message lists the items.
   */
  CARRY_CHECKLIST(40088, 409, "Acceptance checklist not passed"),
  /** No configured carry instance with this id. (Carry, 40471-40474.) */
  CARRY_NOT_FOUND(40471, 404, "Carry instance not found"),
  /**
   * An optimisation request that is not accepted (unknown parameter, reversed bounds, step ≤ 0,
   * windows longer than the data, trials out of range, unknown objective or algorithm): the message
   * names the field; nothing is stored. (Optimizer, 40040-40049.)
   */
  INVALID_OPTIMIZATION(40040, 400, "Invalid optimisation request"),
  /**
   * A strategy version request names parameters the strategy does not declare, values outside their
   * range, or a gate input that is not a number (the message names each one). (Strategy lifecycle,
   * 40050-40059.)
   */
  INVALID_STRATEGY_VERSION(40050, 400, "Invalid strategy version request"),
  /**
   * The strategy's lifecycle does not allow it: a second candidate, a stage out of order, prod
   * before the gates passed or while its approval is pending, nothing to roll back to.
   */
  LIFECYCLE_CONFLICT(40051, 409, "Strategy lifecycle conflict"),
  /**
   * Capital allocation cannot run now: the platform is in single mode, or fewer than two strategies
   * are active. Nothing changed. (Allocation, 40060-40069.)
   */
  ALLOCATION_UNAVAILABLE(40060, 409, "Capital allocation not possible"),
  /**
   * An applied order-flow evolution run no longer fits the strategies (a name taken or a strategy
   * changed meanwhile); nothing changed. (Order-flow learning loop, 40130-40134.)
   */
  FLOW_EVOLUTION_CONFLICT(40130, 409, "Order-flow evolution conflict"),
  /** No route with this path. */
  UNKNOWN_ROUTE(40400, 404, "Unknown route"),
  /** The route exists but the resource does not, or no data has been published yet. */
  NOT_FOUND(40401, 404, "Resource not found"),
  /** No strategy with this name is configured. (Strategy registry, 40410-40419.) */
  STRATEGY_NOT_FOUND(40410, 404, "Strategy not found"),
  /** No asset pool with this name is configured. (Asset pools, 40420+.) */
  UNKNOWN_POOL(40420, 404, "Asset pool not found"),
  /** The strategy has no version with this id. (Strategy lifecycle, 40440-40449.) */
  STRATEGY_VERSION_NOT_FOUND(40440, 404, "Strategy version not found"),
  /** No optimisation run with this id visible to the caller. (Optimizer runs, 40430-40439.) */
  OPTIMIZER_RUN_NOT_FOUND(40430, 404, "Optimisation run not found"),
  /** The run has not written this report file (yet): it is not done, or it failed before. */
  OPTIMIZER_FILE_NOT_FOUND(40431, 404, "Optimisation report file not found"),
  /** No orchestrator job with this name. (Orchestrator, 40450-40459.) */
  ORCHESTRATOR_JOB_NOT_FOUND(40450, 404, "Orchestrator job not found"),
  /** The hot-coin candidate was not decided before its expiry; a later scan may list it again. */
  HOTLIST_EXPIRED(40070, 409, "Hot-coin candidate expired"),
  /** The hot-coin candidate was approved or rejected already. */
  HOTLIST_DECIDED(40071, 409, "Hot-coin candidate already decided"),
  /** No hot-coin scan at the timestamp, or the symbol is not in it. */
  HOTLIST_NOT_FOUND(40460, 404, "Hot-coin scan or candidate not found"),
  /** An unexpected failure; details are only in the server log, under the reference given. */
  INTERNAL(50000, 500, "Internal server error"),
  /** A request feature the server does not implement (e.g. a transfer coding); HTTP layer. */
  NOT_IMPLEMENTED(50001, 501, "Not implemented"),
  /** An HTTP version other than 1.0 / 1.1 in the request line; sent by the HTTP layer. */
  HTTP_VERSION_NOT_SUPPORTED(50002, 505, "HTTP version not supported"),
  /** A service behind the API (Redis, the database, the venue) is unreachable; retry later. */
  UPSTREAM_UNAVAILABLE(50301, 503, "Upstream service unavailable");

  private final int code;
  private final int httpStatus;
  private final String title;

  ApiError(int code, int httpStatus, String title) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.title = title;
  }

  /**
   * The error sent for an HTTP {@code status} the HTTP layer (Jetty, Javalin) raised itself: the
   * first constant with that status (so 400 is {@link #INVALID_PARAMETER}), else 40001 / 50000.
   */
  public static ApiError forStatus(int status) {
    for (ApiError e : values()) {
      if (e.httpStatus == status) {
        return e;
      }
    }
    return status < 500 ? INVALID_PARAMETER : INTERNAL;
  }

  /** The envelope {@code code}. */
  public int code() {
    return code;
  }

  /** The HTTP status the error is sent with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** A short generic description, used in the OpenAPI document and as a default message. */
  public String title() {
    return title;
  }
}
