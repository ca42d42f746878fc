package io.perpetua.app;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.port.VenueMeter;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.trading.venue.MakerFirstVenue;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.BinanceVenue;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One in-process fake Binance account and the platform's connection to it, shared by the kernel's
 * live mode ({@link FakeBinanceLive}) and the order-flow kernel's live venue ({@code FlowLive}): a
 * {@link FakeBinanceServer} on loopback with {@code capital} USDT, a signed {@link
 * BinanceRestClient} with the fake's fixed public credentials (not secrets), a {@link BinanceVenue}
 * over HTTP and the user-data WebSocket, and — when {@code venue.maker_first} is on — the {@link
 * MakerFirstVenue} around it (the adapter then sends limits post-only, GTX; the reference price is
 * the fake's last trade). Closing stops maker-first, the venue connection, then the fake. {@link
 * #external} is the same connection to a venue that runs outside this process (no fake of ours;
 * {@code fake} null).
 */
final class FakeVenueConnection implements AutoCloseable {
  final FakeBinanceServer fake;
  final BinanceRestClient rest;
  final BinanceVenue venue;
  final MakerFirstVenue makerFirst;

  private FakeVenueConnection(
      FakeBinanceServer fake, BinanceRestClient rest, BinanceVenue venue, MakerFirstVenue mf) {
    this.fake = fake;
    this.rest = rest;
    this.venue = venue;
    this.makerFirst = mf;
  }

  /** Starts a fake listing {@code listings} on {@code port} (0 = any) and connects to it. */
  static FakeVenueConnection start(
      List<FakeListing> listings, int port, BigDecimal capital, MakerFirstSettings makerFirst) {
    return start(listings, port, capital, makerFirst, VenueMeter.NONE);
  }

  /** {@link #start}, the REST client and its streams reporting to {@code meter}. */
  static FakeVenueConnection start(
      List<FakeListing> listings,
      int port,
      BigDecimal capital,
      MakerFirstSettings makerFirst,
      VenueMeter meter) {
    FakeBinanceServer fake = FakeBinanceServer.start(listings, "127.0.0.1", port, capital);
    try {
      BinanceRestClient rest =
          new BinanceRestClient(
              BinanceConfig.of(fake.restBaseUrl(), fake.wsBaseUrl()),
              new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
              Clock.system(),
              meter);
      // post-only limits (GTX) only when maker-first execution is on
      BinanceVenue venue = BinanceVenue.connect(rest, makerFirst.enabled(), Clock.system());
      MakerFirstVenue mf =
          makerFirst.enabled()
              ? new MakerFirstVenue(
                  venue,
                  venue.instruments(),
                  id -> fake.exchange().lastPrice(id.venueSymbol()).doubleValue(),
                  makerFirst)
              : null;
      return new FakeVenueConnection(fake, rest, venue, mf);
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
  }

  /**
   * Connects to a venue outside this process ({@code fake} is null): signed REST with {@code
   * credentials}, the adapter, and maker-first around it when on, with {@code reference} as its
   * reference price.
   */
  static FakeVenueConnection external(
      BinanceConfig config,
      BinanceCredentials credentials,
      MakerFirstSettings makerFirst,
      ToDoubleFunction<InstrumentId> reference) {
    BinanceRestClient rest = new BinanceRestClient(config, credentials, Clock.system());
    BinanceVenue venue = BinanceVenue.connect(rest, makerFirst.enabled(), Clock.system());
    MakerFirstVenue mf =
        makerFirst.enabled()
            ? new MakerFirstVenue(venue, venue.instruments(), reference, makerFirst)
            : null;
    return new FakeVenueConnection(null, rest, venue, mf);
  }

  /** Where orders go: maker-first around the venue when it is on, else the venue. */
  Venue orders() {
    return makerFirst == null ? venue : makerFirst;
  }

  /** {@code price} rounded to a multiple of {@code tick} (at least one tick). */
  static BigDecimal atTick(double price, BigDecimal tick) {
    return BigDecimal.valueOf(price)
        .divide(tick, 0, RoundingMode.HALF_EVEN)
        .max(BigDecimal.ONE)
        .multiply(tick);
  }

  @Override
  public void close() {
    if (makerFirst != null) {
      makerFirst.close();
    }
    venue.close();
    if (fake != null) {
      fake.close();
    }
  }
}
