package io.perpetua.server.v1;

import io.perpetua.core.InstrumentId;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.Param;
import java.util.Collection;

/**
 * Symbols in requests: every route that takes a symbol (query parameter or body field) accepts both
 * the spec's API form {@code BTC/USDT:USDT} and the venue form {@code BTCUSDT} the CLI and the job
 * API use; responses keep each route's documented form. Stateless.
 */
public final class Symbols {
  /** Either form: {@code BASE/QUOTE:SETTLE} or {@code BASEQUOTE}. */
  public static final String PATTERN =
      "[A-Z0-9]{1,20}/[A-Z0-9]{1,20}:[A-Z0-9]{1,20}|[A-Z0-9]{2,40}";

  /** What a bad symbol is told it should have been. */
  public static final String EXPECTED = "a symbol like BTC/USDT:USDT or BTCUSDT";

  private Symbols() {}

  /** A {@code symbol} query parameter accepting both forms. */
  public static Param<String> param(String description) {
    return Param.string("symbol", PATTERN, 62).description(description);
  }

  /**
   * Parses {@code raw} in either form.
   *
   * @throws ApiException 40001 naming {@code field} if it is neither form
   */
  public static InstrumentId parse(String field, String raw) {
    try {
      return InstrumentId.parseAny(raw);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, EXPECTED, raw);
    }
  }

  /**
   * Parses {@code raw} in either form and requires it to be one of {@code known}.
   *
   * @param what how the known symbols are described in the error, e.g. "a symbol the platform
   *     trades"
   * @throws ApiException 40001 naming {@code field} otherwise
   */
  public static InstrumentId known(
      String field, String raw, Collection<InstrumentId> known, String what) {
    InstrumentId id = parse(field, raw);
    if (!known.contains(id)) {
      throw ApiException.invalid(field, what, raw);
    }
    return id;
  }
}
