package io.perpetua.app;

import io.perpetua.app.config.ControlSection;
import io.perpetua.app.config.ControlSettings;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.core.time.Clock;
import io.perpetua.trading.carry.CarryInstance;
import io.perpetua.trading.carry.CarryStore;
import io.perpetua.trading.control.AccountKind;
import io.perpetua.trading.control.AccountPorts;
import io.perpetua.trading.control.AccountRegistry;
import io.perpetua.trading.control.AlertBook;
import io.perpetua.trading.control.Book;
import io.perpetua.trading.control.ControlAccount;
import io.perpetua.trading.control.ControlPlane;
import io.perpetua.trading.control.FeedRouter;
import io.perpetua.trading.kernel.AccountKernels;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.port.Venue;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.MakerFirstSettings;
import io.perpetua.venue.binance.BinanceCredentials;
import io.perpetua.venue.binance.BinanceSpotVenue;
import io.perpetua.venue.binance.BinanceVenueAccount;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import io.perpetua.venue.generic.GenericExchange;
import io.perpetua.venue.generic.GenericFees;
import io.perpetua.venue.generic.GenericListing;
import io.perpetua.venue.generic.GenericVenue;
import io.perpetua.venue.generic.GenericVenueAccount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane from the {@code control:} section (docs/control-plane.md): one account per
 * entry on its venue — {@code fake-binance} (an in-process fake Binance account, {@link
 * FakeVenueConnection}) or {@code generic} (an in-process generic fake exchange) —, BTC-USD books
 * polled from each venue into the feed router ({@code <id>-rest} feeds, checked for failover on the
 * same schedule), every order through the account's kernel ({@link
 * io.perpetua.trading.kernel.AccountKernel}: its risk engine following the platform's operator
 * controls, the trading journal before the venue) once {@link #openOrderPaths} opened them. Off (no
 * plane) without accounts. Closing stops the poller, the kernels, the venues and the fakes.
 */
final class ControlWiring implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlWiring.class);
  static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private static final BigDecimal START_PRICE = new BigDecimal("50000.0");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Map<String, FakeVenueConnection> fakes = new LinkedHashMap<>();
  private final Map<String, GenericExchange> generics = new LinkedHashMap<>();
  private final Map<String, Venue> venues = new LinkedHashMap<>();
  private final List<String> intents = new CopyOnWriteArrayList<>();
  private final ControlPlane plane;
  private final ControlSection section;
  private final AccountRegistry registry;
  private final List<CarryInstance> carries = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService poller;

  private ControlWiring(ControlSection c) {
    AlertBook alerts = new AlertBook(1_000, System::currentTimeMillis);
    this.section = c;
    this.registry = new AccountRegistry(System::currentTimeMillis);
    Map<String, Supplier<Book>> books = new LinkedHashMap<>();
    try {
      for (ControlSection.Account a : c.accounts()) {
        ControlAccount account = ControlSettings.account(a, "control.accounts");
        Supplier<Book> book = connect(a, account, registry);
        books.put(a.id(), book);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    List<String> feedIds = books.keySet().stream().map(id -> id + "-rest").toList();
    FeedRouter feeds =
        new FeedRouter(
            feedIds,
            new FeedRouter.Settings(c.failingAfterMs() / 2, c.failingAfterMs(), 3),
            System::currentTimeMillis,
            alerts,
            (feed, instrument, book) -> {});
    this.plane = new ControlPlane(registry, alerts, feeds, System::currentTimeMillis);
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "control-feeds");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(() -> poll(books, feeds), 0, c.pollMs(), TimeUnit.MILLISECONDS);
  }

  /** The wiring of {@code c} (validated: errors name the key); empty without accounts. */
  static Optional<ControlWiring> start(ControlSection c) {
    if (c == null || c.accounts().isEmpty()) {
      return Optional.empty();
    }
    ControlSettings.validate(c);
    ControlWiring w = new ControlWiring(c);
    LOG.info("control plane: {} accounts", c.accounts().size());
    return Optional.of(w);
  }

  private static void poll(Map<String, Supplier<Book>> books, FeedRouter feeds) {
    books.forEach(
        (id, book) -> {
          try {
            Book b = book.get();
            feeds.onUpdate(id + "-rest", BTC, b, b.timeMs() > 0 ? b.timeMs() : now());
          } catch (RuntimeException e) {
            feeds.onError(id + "-rest");
          }
        });
    feeds.check();
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private Supplier<Book> connect(
      ControlSection.Account a, ControlAccount account, AccountRegistry registry) {
    if ("fake-binance".equals(a.venue()) && account.kind() == AccountKind.SPOT) {
      return connectSpot(a, account);
    }
    if ("fake-binance".equals(a.venue())) {
      FakeVenueConnection f =
          FakeVenueConnection.start(
              List.of(FakeListing.standard("BTCUSDT", START_PRICE)),
              0,
              BigDecimal.valueOf(a.capital()),
              MakerFirstSettings.disabled());
      resources.add(f);
      fakes.put(a.id(), f);
      venues.put(a.id(), f.venue);
      Supplier<Book> book = () -> fakeBook(f);
      registry.register(
          account,
          new AccountPorts(
              f.venue,
              new BinanceVenueAccount(f.rest, "USDT"),
              i -> Optional.of(book.get()),
              f.venue.instruments()));
      return book;
    }
    GenericExchange ex =
        new GenericExchange(
            List.of(
                new GenericListing(
                    "BTC-PERP",
                    new BigDecimal("0.1"),
                    new BigDecimal("0.001"),
                    new BigDecimal("5"),
                    START_PRICE)),
            BigDecimal.valueOf(a.capital()),
            new GenericFees(0, a.takerFee() * 10_000),
            2,
            System::currentTimeMillis);
    GenericVenue venue = new GenericVenue(ex, false, Clock.system());
    resources.add(venue);
    generics.put(a.id(), ex);
    venues.put(a.id(), venue);
    Supplier<Book> book = () -> genericBook(ex);
    registry.register(
        account,
        new AccountPorts(
            venue,
            new GenericVenueAccount(ex),
            i -> Optional.of(book.get()),
            Map.of(
                BTC,
                new Instrument(
                    BTC, Price.parse("0.1", 1), Quantity.parse("0.001", 3), Money.of(5)))));
    return book;
  }

  private void intend(String accountId, io.perpetua.core.order.Order order) {
    intents.add(accountId + " " + order.clientOrderId().value());
  }

  /**
   * Opens every account's order path: a kernel per account on {@code journal} (resumed: orders
   * journaled before a crash are sent again under their client ids, the venue adopting those it
   * has), its risk engine following {@code platform}'s operator controls. Before this, control
   * orders are rejected.
   */
  synchronized void openOrderPaths(TradingJournal journal, RiskEngine platform) {
    registry.openOrderPaths(
        AccountKernels.journaled(journal, platform, System::currentTimeMillis)
            .observing(this::intend));
  }

  /**
   * A spot account on a fake Binance: its spot API ({@code /api/v3}) through {@link
   * BinanceSpotVenue}, its spot balances as the account, the fake's book (one price per symbol).
   */
  private Supplier<Book> connectSpot(ControlSection.Account a, ControlAccount account) {
    FakeVenueConnection f =
        FakeVenueConnection.start(
            List.of(FakeListing.standard("BTCUSDT", START_PRICE)),
            0,
            BigDecimal.valueOf(a.capital()),
            MakerFirstSettings.disabled());
    resources.add(f);
    fakes.put(a.id(), f);
    BinanceSpotVenue spot =
        new BinanceSpotVenue(
            f.fake.restBaseUrl(),
            new BinanceCredentials(FakeBinanceServer.API_KEY, FakeBinanceServer.API_SECRET),
            System::currentTimeMillis);
    venues.put(a.id(), spot);
    Supplier<Book> book = () -> fakeBook(f);
    registry.register(
        account,
        new AccountPorts(
            spot,
            CarryWiring.spotAccount(f, BTC),
            i -> Optional.of(book.get()),
            f.venue.instruments()));
    return book;
  }

  /**
   * Starts the {@code control.carry} instances, recording to {@code store} (the database once it is
   * open); their state is restored from it and reconciled with the accounts.
   */
  synchronized List<CarryInstance> startCarries(CarryStore store) {
    if (carries.isEmpty() && !section.carry().isEmpty()) {
      carries.addAll(CarryWiring.start(section, registry, fakes, store));
      LOG.info("funding carry: {} instances", carries.size());
    }
    return List.copyOf(carries);
  }

  /** The running carry instances (none before {@link #startCarries}). */
  List<CarryInstance> carries() {
    return List.copyOf(carries);
  }

  private static Book fakeBook(FakeVenueConnection f) {
    var t = f.fake.exchange().bookTicker("BTCUSDT");
    return new Book(
        List.of(
            new Book.Level(
                new BigDecimal(t.get("bidPrice").asText()),
                new BigDecimal(t.get("bidQty").asText()))),
        List.of(
            new Book.Level(
                new BigDecimal(t.get("askPrice").asText()),
                new BigDecimal(t.get("askQty").asText()))),
        t.path("time").asLong(0));
  }

  private static Book genericBook(GenericExchange ex) {
    BigDecimal last = ex.lastPrice("BTC-PERP");
    BigDecimal tick = new BigDecimal("0.1");
    BigDecimal depth = new BigDecimal("100");
    return Book.top(last.subtract(tick), depth, last.add(tick), depth);
  }

  /** The plane. */
  ControlPlane plane() {
    return plane;
  }

  /** The in-process fake Binance of account {@code id} (tests). */
  FakeVenueConnection fake(String id) {
    return fakes.get(id);
  }

  /** The generic exchange of account {@code id} (tests). */
  GenericExchange generic(String id) {
    return generics.get(id);
  }

  /** The order port of account {@code id} (tests). */
  Venue venue(String id) {
    return venues.get(id);
  }

  /** Every order the accounts' kernels sent (each journaled before), {@code "<account> <id>"}. */
  List<String> intents() {
    return List.copyOf(intents);
  }

  @Override
  public void close() {
    carries.forEach(CarryInstance::close);
    if (poller != null) {
      poller.shutdownNow();
    }
    if (registry != null) {
      registry.close();
    }
    for (AutoCloseable c : resources.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("control plane: closing {} failed: {}", c, e.toString());
      }
    }
  }
}
