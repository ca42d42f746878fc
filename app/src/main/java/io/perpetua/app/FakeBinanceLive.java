package io.perpetua.app;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Instrument;
import io.perpetua.core.time.Clock;
import io.perpetua.server.v1.VenueRoutes;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.trading.venue.MakerFirstVenue;
import io.perpetua.trading.venue.Reconciler;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceRestClient;
import io.perpetua.venue.binance.BinanceVenue;
import io.perpetua.venue.binance.BinanceVenueAccount;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.fake.FakeVenuePriceFeed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Live mode against the local fake ({@code perpetua run --venue fake-binance}): an in-process
 * {@link FakeBinanceServer} listing the market's instruments (their tick, step and minimum
 * notional; the paper capital in the wallet) whose prices are the kernel's replay, a {@link
 * BinanceVenue} connected to it over real HTTP and WebSocket with signed requests, the {@link
 * AsyncVenueBridge} that puts it behind the kernel's venue port, and the {@link Reconciler}. The
 * fake's credentials are its fixed public test values, not secrets. Closing stops the venue
 * connection, then the fake.
 */
final class FakeBinanceLive implements AutoCloseable {
  final FakeBinanceServer fake;
  final BinanceVenue venue;
  final AsyncVenueBridge bridge;
  final Reconciler reconciler;
  final MakerFirstVenue makerFirst;
  final BinanceVenueAccount account;

  private FakeBinanceLive(
      FakeBinanceServer fake,
      BinanceVenue venue,
      AsyncVenueBridge bridge,
      Reconciler reconciler,
      MakerFirstVenue makerFirst,
      BinanceVenueAccount account) {
    this.fake = fake;
    this.venue = venue;
    this.bridge = bridge;
    this.reconciler = reconciler;
    this.makerFirst = makerFirst;
    this.account = account;
  }

  /** The venue as the API lists it. */
  VenueRoutes.Connected connected() {
    return new VenueRoutes.Connected(
        "fake-binance", "kernel", "binance-usdm", account, reconciler::last);
  }

  /** Starts the fake and connects to it; {@code kernelClock} is the replay clock. */
  static FakeBinanceLive start(
      PerpetuaConfig config,
      MarketPanel panel,
      List<Instrument> instruments,
      Clock kernelClock,
      RiskEngine risk) {
    PerpetuaConfig.Venue v = config.venue();
    FakeBinanceServer fake =
        FakeBinanceServer.start(
            listings(panel, instruments),
            "127.0.0.1",
            v.fakePort(),
            BigDecimal.valueOf(config.paper().initialCapital()));
    try {
      BinanceRestClient rest =
          new BinanceRestClient(
              BinanceConfig.of(fake.restBaseUrl(), fake.wsBaseUrl()),
              new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
              Clock.system());
      MakerFirstSettings mf = ConfigLoader.makerFirst(v);
      // post-only limits (GTX) only when maker-first execution is on
      BinanceVenue venue = BinanceVenue.connect(rest, mf.enabled(), Clock.system());
      MakerFirstVenue makerFirst =
          mf.enabled()
              ? new MakerFirstVenue(
                  venue,
                  venue.instruments(),
                  id -> fake.exchange().lastPrice(id.venueSymbol()).doubleValue(),
                  mf)
              : null;
      AsyncVenueBridge bridge =
          new AsyncVenueBridge(
              makerFirst == null ? venue : makerFirst,
              kernelClock,
              new FakeVenuePriceFeed(fake.exchange(), venue),
              v.settleWaitMs());
      BinanceVenueAccount account = new BinanceVenueAccount(rest, "USDT");
      Reconciler reconciler =
          new Reconciler(account, risk, bridge, v.reconcileEveryBars(), v.balanceTolerance());
      return new FakeBinanceLive(fake, venue, bridge, reconciler, makerFirst, account);
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
  }

  /** One listing per instrument that has a price, at its first close. */
  private static List<FakeListing> listings(MarketPanel panel, List<Instrument> instruments) {
    List<FakeListing> out = new ArrayList<>();
    for (int i = 0; i < instruments.size(); i++) {
      Instrument inst = instruments.get(i);
      double first = Double.NaN;
      for (int t = 0; t < panel.size() && !(first > 0); t++) {
        first = panel.close(t, i);
      }
      if (!(first > 0)) {
        continue;
      }
      BigDecimal tick = inst.tickSize().toBigDecimal();
      BigDecimal price =
          BigDecimal.valueOf(first).divide(tick, 0, RoundingMode.HALF_EVEN).max(BigDecimal.ONE);
      out.add(
          new FakeListing(
              inst.id().venueSymbol(),
              tick,
              inst.stepSize().toBigDecimal(),
              inst.minNotional().toBigDecimal(),
              price.multiply(tick),
              new BigDecimal("0.0002"),
              new BigDecimal("0.0005")));
    }
    return out;
  }

  @Override
  public void close() {
    if (makerFirst != null) {
      makerFirst.close();
    }
    venue.close();
    fake.close();
  }
}
