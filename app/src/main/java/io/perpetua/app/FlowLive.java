package io.perpetua.app;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.time.Clock;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.AsyncVenueBridge;
import io.perpetua.trading.venue.Reconciler;
import io.perpetua.venue.binance.BinanceConfig;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceVenueAccount;
import io.perpetua.venue.binance.MarketDataStream;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.binance.fake.FakeVenuePriceFeed;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The venue of the order-flow kernel in live mode ({@code venue.type: fake-binance} with {@code
 * flow.live}): a fake Binance account of its own ({@link FakeVenueConnection}: the flow replays
 * another history than the kernel's hourly bars, and one exchange cannot hold two prices for a
 * symbol), listing the flow symbols at their first tick price with Binance's filters ({@link
 * FakeListing#standard}) and {@code flow.live_capital} USDT — or, with {@code flow.live_rest_url},
 * the outside venue there. It is only a venue connection: the flow kernel's orders reach it through
 * the kernel's venue port ({@link #orders()}, behind the kernel's {@code AsyncVenueBridge});
 * maker-first when {@code venue.maker_first} is on. Every replayed aggTrade is printed on our own
 * fake before the kernel sees it, so the fake's book follows the ticks and resting post-only orders
 * fill as maker. Closing stops the connection and the fake.
 */
final class FlowLive extends LiveVenue {
  private static final Logger LOG = LoggerFactory.getLogger(FlowLive.class);

  /** Starts the live side once the first price of every traded symbol is known. */
  @FunctionalInterface
  interface Starter {
    /** Starts it with these first prices (symbols without one are not listed). */
    FlowLive start(Map<InstrumentId, Double> firstPrices);
  }

  final FakeVenueConnection connection;
  private final PerpetuaConfig.Venue venueConfig;
  private final FakeVenuePriceFeed feed;
  private final List<MarketDataStream> marks;

  private FlowLive(
      FakeVenueConnection connection,
      List<MarketDataStream> marks,
      PerpetuaConfig.Venue venueConfig) {
    super("flow-fake-binance", "flow", new BinanceVenueAccount(connection.rest, "USDT"));
    this.connection = connection;
    this.venueConfig = venueConfig;
    this.marks = List.copyOf(marks);
    this.feed =
        connection.fake == null
            ? null
            : new FakeVenuePriceFeed(connection.fake.exchange(), connection.venue::onMarkPrice);
  }

  /**
   * Puts the flow account behind the flow kernel whose clock is {@code kernelClock}, as the
   * platform's live venue is put behind its kernel ({@link LiveVenue#link}): the kernel's orders go
   * through the returned bridge, and the {@link Reconciler} compares this account with the flow
   * kernel's journal ({@code risk}: the flow account's engine gets its reports).
   */
  AsyncVenueBridge link(Clock kernelClock, RiskEngine risk) {
    link(orders(), kernelClock, AsyncVenueBridge.PriceFeed.none(), risk, venueConfig);
    return bridge();
  }

  /**
   * The start-up reconciliation of the flow account with {@code kernel}, which has just resumed on
   * it (kernel thread): positions, open orders and the wallet are compared and reported, nothing
   * adopted (see {@link Reconciler#startup}).
   */
  Reconciler.Report reconcileAtStartup(TradingKernel kernel) {
    reconciler().attach(kernel);
    Reconciler.Report report = reconciler().startup();
    LOG.info(
        "flow account start-up reconciliation: reachable={} mismatches={}",
        report.reachable(),
        report.mismatches());
    return report;
  }

  @Override
  String describe() {
    return "order-flow account at " + connection.rest.config().restBaseUrl();
  }

  /**
   * Connects the flow account: an in-process fake, or with {@code flow.live_rest_url} the outside
   * venue there.
   *
   * @param env the environment (credentials of an outside venue)
   */
  static FlowLive start(
      PerpetuaConfig config, Map<String, String> env, Map<InstrumentId, Double> firstPrices) {
    PerpetuaConfig.Flow f = config.flow();
    boolean outside = !f.liveRestUrl().isBlank();
    Map<InstrumentId, Double> lastMark = new ConcurrentHashMap<>();
    FakeVenueConnection c =
        outside
            ? FakeVenueConnection.external(
                BinanceConfig.of(f.liveRestUrl(), f.liveWsUrl()),
                credentials(env),
                ConfigLoader.makerFirst(config.venue()),
                id -> lastMark.getOrDefault(id, Double.NaN))
            : FakeVenueConnection.start(
                listings(firstPrices),
                0,
                BigDecimal.valueOf(f.liveCapital()),
                ConfigLoader.makerFirst(config.venue()));
    List<MarketDataStream> marks = new ArrayList<>();
    try {
      if (outside) { // the outside venue's own marks, for the adapter's checks and maker-first
        List<String> symbols = new ArrayList<>();
        firstPrices.keySet().stream()
            .filter(c.venue.instruments()::containsKey)
            .forEach(id -> symbols.add(id.venueSymbol()));
        marks.addAll(
            BinanceLive.markStreams(
                c.rest, c.venue, symbols, lastMark, new LiveFundingSchedule(symbols)));
      }
      LOG.info(
          "flow live: {} on {} at {} ({} USDT, maker-first {})",
          firstPrices.keySet(),
          outside ? "the outside Binance venue" : "its own fake Binance account",
          c.rest.config().restBaseUrl(),
          f.liveCapital(),
          c.makerFirst != null);
      return new FlowLive(c, marks, config.venue());
    } catch (RuntimeException e) {
      marks.forEach(MarketDataStream::close);
      c.close();
      throw e;
    }
  }

  /** One standard listing per symbol at its first price. */
  private static List<FakeListing> listings(Map<InstrumentId, Double> firstPrices) {
    List<FakeListing> listings = new ArrayList<>();
    firstPrices.forEach(
        (id, price) -> {
          FakeListing std = FakeListing.standard(id.venueSymbol(), null);
          listings.add(
              new FakeListing(
                  std.symbol(),
                  std.tickSize(),
                  std.stepSize(),
                  std.minNotional(),
                  FakeVenueConnection.atTick(price, std.tickSize()),
                  std.makerFee(),
                  std.takerFee()));
        });
    return listings;
  }

  /**
   * The outside flow account's credentials: {@code PERPETUA_FLOW_BINANCE_API_KEY} / {@code
   * _API_SECRET} / {@code _SECRET_FILE} when any is set (an account of its own), else the kernel's
   * {@code PERPETUA_BINANCE_*} variables.
   */
  static BinanceCredentials credentials(Map<String, String> env) {
    Map<String, String> own = new HashMap<>();
    for (String name :
        List.of(
            BinanceCredentials.ENV_KEY,
            BinanceCredentials.ENV_SECRET,
            BinanceCredentials.ENV_SECRET_FILE)) {
      String v = env.get(name.replace("PERPETUA_", "PERPETUA_FLOW_"));
      if (v != null && !v.isBlank()) {
        own.put(name, v);
      }
    }
    try {
      return BinanceCredentials.fromEnvironment(own.isEmpty() ? env : own);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "flow.live_rest_url: "
              + e.getMessage()
              + " (PERPETUA_FLOW_BINANCE_* for an account of the flow's own)",
          e);
    }
  }

  /** The instruments the venue lists (its filters). */
  Map<InstrumentId, Instrument> instruments() {
    return connection.venue.instruments();
  }

  /**
   * Where the kernel's orders go: the adapter itself — the kernel's bracket order is the flow's
   * maker-first algorithm (post-only entry, its market fallback, resting TP limits); the platform's
   * {@code MakerFirstVenue} would turn its market exits into limits.
   */
  Venue orders() {
    return connection.venue;
  }

  /** A replayed tick: our own fake prints it first (an outside venue has its own market). */
  void onTick(FlowTick tick) {
    if (tick instanceof AggTrade t && feed != null) {
      feed.onTrade(t.instrument(), t.price(), BigDecimal.valueOf(t.quantity()), t.buyerMaker());
    }
  }

  @Override
  public void close() {
    marks.forEach(MarketDataStream::close);
    connection.close();
  }
}
