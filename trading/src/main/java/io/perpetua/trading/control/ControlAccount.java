package io.perpetua.trading.control;

import io.perpetua.core.InstrumentId;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One account of the control plane, as configured: its id ({@code pacifica-main}), the venue it is
 * on, what it trades, a <em>reference</em> to its credentials (the name of an environment variable
 * {@code env:NAME} or a secret file {@code file:/path}; never the secret itself), leverage, margin
 * mode, taker fee rate, and the mapping of underlyings ({@code BTC-USD}: the asset across venues)
 * to the platform instrument it trades here.
 *
 * @param id account id, {@code [a-z0-9][a-z0-9-]{0,63}}
 * @param venue venue name ({@code binance}, {@code generic}, ...)
 * @param kind spot or perp
 * @param credentialsRef {@code env:NAME} or {@code file:/path}, or {@code none} for a local fake
 * @param leverage leverage, 1 to 125
 * @param marginMode cross or isolated
 * @param takerFeeRate fee per unit of notional, in [0, 0.01]
 * @param symbols underlying ({@code BTC-USD}) to the platform instrument on this account
 */
public record ControlAccount(
    String id,
    String venue,
    AccountKind kind,
    String credentialsRef,
    int leverage,
    MarginMode marginMode,
    BigDecimal takerFeeRate,
    Map<String, InstrumentId> symbols) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern CREDENTIALS =
      Pattern.compile("none|env:[A-Z_][A-Z0-9_]{0,63}|file:/[^\\s]{1,255}");
  private static final Pattern UNDERLYING = Pattern.compile("[A-Z0-9]{1,16}-[A-Z]{2,8}");

  /** Validates the configuration; messages name the field. */
  public ControlAccount {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must match " + ID + ", was " + id);
    }
    if (venue == null || venue.isBlank()) {
      throw new IllegalArgumentException("venue of " + id + " must be set");
    }
    Objects.requireNonNull(kind, "kind");
    if (credentialsRef == null || !CREDENTIALS.matcher(credentialsRef).matches()) {
      throw new IllegalArgumentException(
          "credentials of " + id + " must be a reference (env:NAME or file:/path or none)");
    }
    if (leverage < 1 || leverage > 125 || (kind == AccountKind.SPOT && leverage != 1)) {
      throw new IllegalArgumentException(
          "leverage of " + id + " must be 1..125 (1 for spot), was " + leverage);
    }
    Objects.requireNonNull(marginMode, "marginMode");
    if (takerFeeRate == null
        || takerFeeRate.signum() < 0
        || takerFeeRate.compareTo(new BigDecimal("0.01")) > 0) {
      throw new IllegalArgumentException("taker_fee of " + id + " must be in [0, 0.01]");
    }
    symbols = Map.copyOf(symbols);
    for (String u : symbols.keySet()) {
      if (!UNDERLYING.matcher(u).matches()) {
        throw new IllegalArgumentException("underlying of " + id + " must look like BTC-USD: " + u);
      }
    }
  }

  /**
   * The platform instrument of {@code underlying} here: the configured mapping, else the USDT
   * perpetual of its base ({@code BTC-USD} → {@code BTC/USDT:USDT}); empty for a malformed name.
   */
  public Optional<InstrumentId> instrumentOf(String underlying) {
    InstrumentId mapped = symbols.get(underlying);
    if (mapped != null) {
      return Optional.of(mapped);
    }
    if (underlying == null || !UNDERLYING.matcher(underlying).matches()) {
      return Optional.empty();
    }
    return Optional.of(InstrumentId.usdtPerp(underlying.substring(0, underlying.indexOf('-'))));
  }
}
