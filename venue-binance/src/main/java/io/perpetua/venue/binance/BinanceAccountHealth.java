package io.perpetua.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * What a funding carry watches of a Binance account besides its positions: the unified
 * maintenance-margin ratio of the portfolio-margin account ({@code GET /papi/v1/account}, field
 * {@code uniMMR}; Binance serves it from {@code papi.binance.com}, the fake from its one base URL)
 * and the local clock's drift from the server's ({@code GET /fapi/v1/time}, which also updates the
 * client's {@link ClockSync}). Thread-safe (the client is).
 */
public final class BinanceAccountHealth {
  private final BinanceRestClient rest;

  /** The health of {@code rest}'s account. */
  public BinanceAccountHealth(BinanceRestClient rest) {
    this.rest = Objects.requireNonNull(rest, "rest");
  }

  /**
   * The unified maintenance-margin ratio (account equity / maintenance margin); NaN when the
   * account holds no maintenance margin (nothing at risk: the ratio means nothing).
   */
  public double marginRatio() {
    JsonNode n = rest.get("/papi/v1/account", Map.of(), true, 20);
    BigDecimal maint = Json.decimal(n, "accountMaintMargin");
    return maint.signum() == 0 ? Double.NaN : Json.decimal(n, "uniMMR").doubleValue();
  }

  /** Local clock minus server time, ms, measured now (midpoint of the round trip). */
  public long clockDriftMs() {
    return -rest.syncTime();
  }
}
