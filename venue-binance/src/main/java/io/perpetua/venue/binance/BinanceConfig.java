package io.perpetua.venue.binance;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the adapter talks to Binance USDT-M futures.
 *
 * <p>Immutable.
 *
 * @param restBaseUrl REST base, e.g. {@code https://fapi.binance.com}
 * @param wsBaseUrl WebSocket base, e.g. {@code wss://fstream.binance.com}; streams are {@code
 *     /ws/<name>} and {@code /stream?streams=a/b}
 * @param recvWindowMs the {@code recvWindow} sent with signed requests
 * @param maxClockDriftMs signed (trading) requests are refused while the local clock is further
 *     than this from server time
 * @param requestTimeout timeout of one HTTP request
 * @param maxRateLimitWait the longest the client waits for weight to free up before it fails the
 *     request instead
 * @param maxConnectionAge market and user streams reconnect before this age (Binance drops
 *     connections at 24 h)
 * @param listenKeyKeepAlive how often the user-data listen key is kept alive (Binance: 60 min
 *     validity)
 */
public record BinanceConfig(
    URI restBaseUrl,
    URI wsBaseUrl,
    long recvWindowMs,
    long maxClockDriftMs,
    Duration requestTimeout,
    Duration maxRateLimitWait,
    Duration maxConnectionAge,
    Duration listenKeyKeepAlive) {

  /** Production REST base. */
  public static final String PRODUCTION_REST = "https://fapi.binance.com";

  /** Production WebSocket base. */
  public static final String PRODUCTION_WS = "wss://fstream.binance.com";

  /** Testnet REST base. */
  public static final String TESTNET_REST = "https://testnet.binancefuture.com";

  /** Testnet WebSocket base. */
  public static final String TESTNET_WS = "wss://fstream.binancefuture.com";

  /** Validates the values. */
  public BinanceConfig {
    Objects.requireNonNull(restBaseUrl, "restBaseUrl");
    Objects.requireNonNull(wsBaseUrl, "wsBaseUrl");
    if (recvWindowMs <= 0 || recvWindowMs > 60_000) {
      throw new IllegalArgumentException("recvWindowMs must be 1..60000, was " + recvWindowMs);
    }
    if (maxClockDriftMs <= 0) {
      throw new IllegalArgumentException("maxClockDriftMs must be positive");
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    Objects.requireNonNull(maxConnectionAge, "maxConnectionAge");
    Objects.requireNonNull(listenKeyKeepAlive, "listenKeyKeepAlive");
  }

  /** Defaults against the given endpoints: recvWindow 5 s, drift guard 1 s, 10 s timeout. */
  public static BinanceConfig of(String restBaseUrl, String wsBaseUrl) {
    return new BinanceConfig(
        URI.create(restBaseUrl),
        URI.create(wsBaseUrl),
        5_000,
        1_000,
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        Duration.ofHours(23),
        Duration.ofMinutes(30));
  }

  /** The production endpoints. */
  public static BinanceConfig production() {
    return of(PRODUCTION_REST, PRODUCTION_WS);
  }

  /** The testnet endpoints. */
  public static BinanceConfig testnet() {
    return of(TESTNET_REST, TESTNET_WS);
  }

  /** Production or testnet by name ({@code production} / {@code testnet}). */
  public static BinanceConfig named(String environment) {
    return switch (environment == null ? "" : environment.trim()) {
      case "production" -> production();
      case "testnet" -> testnet();
      default ->
          throw new IllegalArgumentException(
              "binance environment must be production or testnet, was '" + environment + "'");
    };
  }

  /** A copy with another request timeout. */
  public BinanceConfig withRequestTimeout(Duration timeout) {
    return new BinanceConfig(
        restBaseUrl,
        wsBaseUrl,
        recvWindowMs,
        maxClockDriftMs,
        timeout,
        maxRateLimitWait,
        maxConnectionAge,
        listenKeyKeepAlive);
  }

  /** A copy with another maximum stream connection age. */
  public BinanceConfig withMaxConnectionAge(Duration age) {
    return new BinanceConfig(
        restBaseUrl,
        wsBaseUrl,
        recvWindowMs,
        maxClockDriftMs,
        requestTimeout,
        maxRateLimitWait,
        age,
        listenKeyKeepAlive);
  }

  /** A copy with another listen-key keep-alive period. */
  public BinanceConfig withListenKeyKeepAlive(Duration period) {
    return new BinanceConfig(
        restBaseUrl,
        wsBaseUrl,
        recvWindowMs,
        maxClockDriftMs,
        requestTimeout,
        maxRateLimitWait,
        maxConnectionAge,
        period);
  }
}
