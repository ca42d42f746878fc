package io.perpetua.app;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.kernel.MarketPanel;
import io.perpetua.trading.port.VenueMeter;
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
import io.perpetua.venue.binance.LiveBarFeed;
import io.perpetua.venue.binance.MarketDataStream;
import io.perpetua.venue.binance.MarketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live trading on Binance USDT-M ({@code venue.type: binance}): the kernel trades the venue's own
 * market, not a replay. At start-up it connects with the key and secret from the environment (or
 * the secret file), loads the venue's filters, backfills {@code binance.history_bars} closed bars
 * of every traded symbol from REST and then appends each new bar as the venue closes it ({@link
 * LiveBarFeed}) to a growable {@link MarketPanel} that the kernel steps through; mark prices stream
 * in every second ({@code markPrice@1s}) for the adapter's PERCENT_PRICE and minimum-notional
 * checks and maker-first's reference price. Orders go through the {@link AsyncVenueBridge}
 * (maker-first when configured); the {@link Reconciler} compares the venue with the journal at
 * start-up and every {@code venue.reconcile_every_bars} bars.
 *
 * <p>Funding: the kernel books each settlement the {@code markPrice} stream announces ({@link
 * LiveFundingSchedule}), at its own mark; the venue pays it at its mark at the funding time, so a
 * small difference shows in reconciliation's wallet comparison ({@code venue.balance_tolerance}).
 * Closing stops the bar feed, the mark stream, maker-first and the venue connection.
 */
final class BinanceLive extends LiveVenue {
  private static final Logger LOG = LoggerFactory.getLogger(BinanceLive.class);
  private static final int MAX_LIVE_BARS = 100_000;

  final String environment;
  final BinanceRestClient rest;
  final BinanceVenue venue;
  final MakerFirstVenue makerFirst;
  final MarketPanel panel;
  final List<Instrument> instruments;
  private final LiveFundingSchedule funding;
  private final LiveBarFeed bars;
  private final List<MarketDataStream> marks;

  private BinanceLive(
      String environment,
      BinanceRestClient rest,
      BinanceVenue venue,
      MakerFirstVenue makerFirst,
      MarketPanel panel,
      List<Instrument> instruments,
      LiveFundingSchedule funding,
      LiveBarFeed bars,
      List<MarketDataStream> marks) {
    super("binance", new BinanceVenueAccount(rest, "USDT"));
    this.environment = environment;
    this.rest = rest;
    this.venue = venue;
    this.makerFirst = makerFirst;
    this.panel = panel;
    this.instruments = instruments;
    this.funding = funding;
    this.bars = bars;
    this.marks = marks;
  }

  /**
   * Connects, backfills and starts streaming bars and marks.
   *
   * @param catalogSymbols venue symbols of the local catalog (the universe when {@code
   *     binance.symbols} is empty)
   * @param feedClock the clock that decides when a bar has closed (the wall clock; tests move it)
   * @param meter where the REST client and the streams report (request latency, weight, reconnects)
   * @throws IllegalStateException with a message naming what is missing (credentials, symbols)
   */
  static BinanceLive connect(
      PerpetuaConfig config,
      Map<String, String> env,
      Timeframe timeframe,
      List<String> catalogSymbols,
      Clock feedClock,
      VenueMeter meter) {
    PerpetuaConfig.Binance b = config.binance();
    BinanceConfig venueConfig =
        b.restUrl().isBlank()
            ? BinanceConfig.named(b.environment())
            : BinanceConfig.of(b.restUrl(), b.wsUrl());
    String where = b.restUrl().isBlank() ? b.environment() : b.environment() + " at " + b.restUrl();
    BinanceCredentials credentials;
    try {
      credentials = BinanceCredentials.fromEnvironment(env);
    } catch (RuntimeException e) {
      throw new IllegalStateException("venue.type binance: " + e.getMessage(), e);
    }
    BinanceRestClient rest = new BinanceRestClient(venueConfig, credentials, Clock.system(), meter);
    MakerFirstSettings mf = ConfigLoader.makerFirst(config.venue());
    BinanceVenue venue = BinanceVenue.connect(rest, mf.enabled(), Clock.system());
    List<AutoCloseable> opened = new ArrayList<>();
    opened.add(venue);
    try {
      List<String> symbols = symbols(b, catalogSymbols, venue.instruments());
      List<Instrument> instruments = new ArrayList<>();
      symbols.forEach(
          s -> instruments.add(venue.instruments().get(InstrumentId.fromVenueSymbol(s))));
      Map<InstrumentId, Double> lastMark = new ConcurrentHashMap<>();
      LiveFundingSchedule funding = new LiveFundingSchedule(symbols);
      List<MarketDataStream> marks = markStreams(rest, venue, symbols, lastMark, funding);
      marks.forEach(opened::add);
      MakerFirstVenue makerFirst =
          mf.enabled()
              ? new MakerFirstVenue(
                  venue, venue.instruments(), id -> lastMark.getOrDefault(id, Double.NaN), mf)
              : null;
      if (makerFirst != null) {
        opened.add(makerFirst);
      }
      PanelAppender appender = new PanelAppender();
      LiveBarFeed feed =
          new LiveBarFeed(
              rest,
              symbols,
              timeframe.code(),
              b.historyBars(),
              LiveBarFeed.Settings.defaults()
                  .withClock(feedClock)
                  .withGrace(Duration.ofSeconds(b.graceSeconds())),
              appender);
      opened.add(feed);
      LiveBarFeed.Panel history = feed.start();
      List<InstrumentId> ids = instruments.stream().map(Instrument::id).toList();
      MarketPanel complete =
          new MarketPanel(
              ids, history.openTimes(), timeframe.millis(), history.close(), history.quoteVolume());
      int room =
          (int) Math.min(MAX_LIVE_BARS, Duration.ofDays(366).toMillis() / timeframe.millis());
      MarketPanel panel = MarketPanel.growable(complete, Math.max(1, room));
      appender.attach(panel);
      LOG.info(
          "binance {}: {} symbols, {} bars of history, room for {} live bars",
          where,
          symbols.size(),
          history.openTimes().length,
          room);
      return new BinanceLive(
          where, rest, venue, makerFirst, panel, instruments, funding, feed, marks);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  /** Puts the venue behind the kernel: builds the bridge and the reconciler. */
  void attach(Clock kernelClock, RiskEngine risk, PerpetuaConfig.Venue v) {
    // no price feed: marks stream in from the venue itself
    link(
        makerFirst == null ? venue : makerFirst,
        kernelClock,
        AsyncVenueBridge.PriceFeed.none(),
        risk,
        v);
  }

  /** The market for the kernel: the growable panel over the venue's instruments, live funding. */
  MarketLoader.Loaded market() {
    return new MarketLoader.Loaded(panel, instruments, funding, "binance " + environment);
  }

  /** Just after the last backfilled bar's close: the kernel trades from the first live bar on. */
  long firstLiveStart() {
    return panel.closeTime(panel.size() - 1) + 1;
  }

  private static List<String> symbols(
      PerpetuaConfig.Binance b, List<String> catalogSymbols, Map<InstrumentId, Instrument> listed) {
    Set<String> wanted = new LinkedHashSet<>();
    (b.symbols().isEmpty() ? catalogSymbols : b.symbols())
        .forEach(s -> wanted.add(s.toUpperCase(Locale.ROOT)));
    List<String> out = new ArrayList<>();
    List<String> unlisted = new ArrayList<>();
    for (String s : wanted) {
      if (listed.containsKey(InstrumentId.fromVenueSymbol(s))) {
        out.add(s);
      } else {
        unlisted.add(s);
      }
    }
    if (!unlisted.isEmpty()) {
      LOG.warn("not traded, the venue does not list them: {}", unlisted);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(
          "venue.type binance: no symbol to trade (binance.symbols, or the catalog's symbols, that"
              + " the venue lists)");
    }
    return out;
  }

  /**
   * {@code <symbol>@markPrice@1s} streams (200 per connection) feeding the adapter's marks and
   * {@code lastMark}.
   */
  static List<MarketDataStream> markStreams(
      BinanceRestClient rest,
      BinanceVenue venue,
      List<String> symbols,
      Map<InstrumentId, Double> lastMark,
      LiveFundingSchedule funding) {
    List<MarketDataStream> out = new ArrayList<>();
    for (int from = 0; from < symbols.size(); from += LiveBarFeed.STREAMS_PER_CONNECTION) {
      List<String> names =
          symbols
              .subList(from, Math.min(symbols.size(), from + LiveBarFeed.STREAMS_PER_CONNECTION))
              .stream()
              .map(s -> s.toLowerCase(Locale.ROOT) + "@markPrice@1s")
              .toList();
      MarketDataStream stream =
          new MarketDataStream(
              rest,
              names,
              event -> {
                if (event instanceof MarketEvent.MarkPrice m && m.markPrice().signum() > 0) {
                  venue.onMarkPrice(m.symbol(), m.markPrice());
                  lastMark.put(
                      InstrumentId.fromVenueSymbol(m.symbol()), m.markPrice().doubleValue());
                }
              });
      stream.start();
      out.add(stream);
    }
    return out;
  }

  @Override
  String describe() {
    return "live trading on Binance USDT-M (" + environment + ")";
  }

  @Override
  public void close() {
    List<AutoCloseable> all = new ArrayList<>();
    all.add(bars);
    all.addAll(marks);
    if (makerFirst != null) {
      all.add(makerFirst);
    }
    all.add(venue);
    closeAll(all);
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", c.getClass().getSimpleName(), e.getMessage());
      }
    }
  }

  /**
   * Appends the feed's bars to the panel; bars that arrive before the panel exists (between the
   * backfill and {@link #attach}) wait in order. Called on the feed's thread.
   */
  private static final class PanelAppender implements LiveBarFeed.BarListener {
    private final List<Runnable> early = new ArrayList<>();
    private MarketPanel panel;

    synchronized void attach(MarketPanel p) {
      panel = p;
      early.forEach(Runnable::run);
      early.clear();
    }

    @Override
    public synchronized void onBar(long openTimeMs, double[] close, double[] quoteVolume) {
      if (panel == null) {
        early.add(() -> append(openTimeMs, close, quoteVolume));
      } else {
        append(openTimeMs, close, quoteVolume);
      }
    }

    private void append(long openTimeMs, double[] close, double[] quoteVolume) {
      try {
        panel.append(openTimeMs, close, quoteVolume);
      } catch (IllegalStateException e) {
        LOG.error("live bars: {}; restart the platform to go on trading", e.getMessage());
      } catch (IllegalArgumentException e) {
        LOG.error("live bar at {} not taken: {}", openTimeMs, e.getMessage());
      }
    }
  }
}
