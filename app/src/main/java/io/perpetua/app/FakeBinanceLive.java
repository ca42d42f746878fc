package io.perpetua.app;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Instrument;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.port.VenueMeter;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.trading.venue.Reconciler;
import io.perpetua.venue.binance.BinanceVenueAccount;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.fake.FakeVenuePriceFeed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Live mode against the local fake ({@code perpetua run --venue fake-binance}): an in-process fake
 * Binance account ({@link FakeVenueConnection}) listing the market's instruments (their tick, step
 * and minimum notional; the paper capital in the wallet) whose prices are the kernel's replay, the
 * {@link AsyncVenueBridge} that puts its venue (maker-first when configured) behind the kernel's
 * venue port, and the {@link Reconciler}. Closing stops the venue connection, then the fake.
 */
final class FakeBinanceLive extends LiveVenue {
  final FakeVenueConnection connection;
  final FakeBinanceServer fake;

  private FakeBinanceLive(FakeVenueConnection connection) {
    super("fake-binance", new BinanceVenueAccount(connection.rest, "USDT"));
    this.connection = connection;
    this.fake = connection.fake;
  }

  @Override
  String describe() {
    return "live mode against the fake Binance venue at " + fake.restBaseUrl();
  }

  /** Starts the fake and connects to it; {@code kernelClock} is the replay clock. */
  static FakeBinanceLive start(
      PerpetuaConfig config,
      MarketPanel panel,
      List<Instrument> instruments,
      Clock kernelClock,
      RiskEngine risk,
      VenueMeter meter) {
    PerpetuaConfig.Venue v = config.venue();
    FakeVenueConnection c =
        FakeVenueConnection.start(
            listings(panel, instruments),
            v.fakePort(),
            BigDecimal.valueOf(config.paper().initialCapital()),
            ConfigLoader.makerFirst(v),
            meter);
    try {
      FakeBinanceLive live = new FakeBinanceLive(c);
      live.link(
          c.orders(),
          kernelClock,
          new FakeVenuePriceFeed(c.fake.exchange(), c.venue::onMarkPrice)::onPrice,
          risk,
          v);
      return live;
    } catch (RuntimeException e) {
      c.close();
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
      out.add(
          new FakeListing(
              inst.id().venueSymbol(),
              tick,
              inst.stepSize().toBigDecimal(),
              inst.minNotional().toBigDecimal(),
              FakeVenueConnection.atTick(first, tick),
              new BigDecimal("0.0002"),
              new BigDecimal("0.0005")));
    }
    return out;
  }

  @Override
  public void close() {
    connection.close();
  }
}
