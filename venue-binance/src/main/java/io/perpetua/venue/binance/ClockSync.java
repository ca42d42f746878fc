package io.perpetua.venue.binance;

import io.perpetua.core.time.Clock;

/**
 * The offset between the local clock and Binance server time, measured from {@code GET
 * /fapi/v1/time} (midpoint of the round trip), and the drift guard: signed trading requests are
 * refused while the measured offset exceeds the configured maximum (or before the first
 * measurement), because a request timestamp outside {@code recvWindow} is rejected and local event
 * times would be wrong.
 *
 * <p>Thread-safe (synchronized).
 */
public final class ClockSync {
  private final Clock clock;
  private final long maxDriftMs;
  private long offsetMs;
  private boolean synced;

  /** A guard that allows at most {@code maxDriftMs} of offset. */
  public ClockSync(Clock clock, long maxDriftMs) {
    this.clock = clock;
    this.maxDriftMs = maxDriftMs;
  }

  /** Records one measurement: sent at {@code localSendMs}, answered at {@code localReceiveMs}. */
  public synchronized void update(long localSendMs, long serverTimeMs, long localReceiveMs) {
    offsetMs = serverTimeMs - (localSendMs + (localReceiveMs - localSendMs) / 2);
    synced = true;
  }

  /** Server time minus local time, ms (0 before the first measurement). */
  public synchronized long offsetMs() {
    return offsetMs;
  }

  /** True when trading requests may be sent. */
  public synchronized boolean tradingAllowed() {
    return synced && Math.abs(offsetMs) <= maxDriftMs;
  }

  /** The local clock. */
  public Clock clock() {
    return clock;
  }

  /**
   * The timestamp for a signed request (local time corrected by the offset). Reads ({@code trading}
   * false) are allowed at any drift, since the correction keeps them inside {@code recvWindow}.
   *
   * @throws BinanceApiException of kind {@code CLOCK_DRIFT} when a trading request is not allowed
   */
  public synchronized long signedTimestamp(boolean trading) {
    if (!trading) {
      return clock.nowMillis() + offsetMs;
    }
    if (!synced) {
      throw new BinanceApiException(
          BinanceApiException.Kind.CLOCK_DRIFT, 0, 0, "server time not synchronised yet");
    }
    if (Math.abs(offsetMs) > maxDriftMs) {
      throw new BinanceApiException(
          BinanceApiException.Kind.CLOCK_DRIFT,
          0,
          0,
          "local clock is "
              + offsetMs
              + " ms from server time (limit "
              + maxDriftMs
              + " ms): trading blocked until the clock is fixed");
    }
    return clock.nowMillis() + offsetMs;
  }
}
