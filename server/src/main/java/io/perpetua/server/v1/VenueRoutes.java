package io.perpetua.server.v1;

import io.perpetua.core.InstrumentId;
import io.perpetua.server.RouteGroup;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Route;
import io.perpetua.server.json.Decimals;
import io.perpetua.server.json.Doc;
import io.perpetua.server.json.Nullable;
import io.perpetua.trading.port.ServiceUnavailableException;
import io.perpetua.trading.port.VenueAccount;
import io.perpetua.trading.port.VenueOpenOrder;
import io.perpetua.trading.venue.Reconciler;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/venues}: every venue the platform trades on, as the venue itself reports it
 * (balance, positions, open orders, asked live), with the last reconciliation against the journal,
 * and the positions netted across venues (the multi-venue view a delta-neutral book is steered by).
 * In paper mode the list is empty. A venue that cannot be reached is listed with {@code reachable:
 * false} and the reason; the others still answer. Thread-safe.
 */
public final class VenueRoutes implements RouteGroup {
  private static final String TAG = "Venues";

  /** How long a venue's answer is reused. */
  public static final long MAX_AGE_MS = 5_000;

  private record Fetched(long atMs, VenueItem item) {}

  private final Map<String, Fetched> cache = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * One connected venue.
   *
   * @param id the venue's name in this platform ({@code fake-binance}, {@code flow-fake-binance})
   * @param role what trades on it ({@code kernel}: the portfolio strategy; {@code flow}: order-flow
   *     strategies)
   * @param type the adapter ({@code binance-usdm}, {@code generic})
   * @param account what the venue says the account holds
   * @param lastReconciliation the last reconciliation, empty when none has run
   */
  public record Connected(
      String id,
      String role,
      String type,
      VenueAccount account,
      Supplier<Optional<Reconciler.Timed>> lastReconciliation) {
    /** Validates. */
    public Connected {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(lastReconciliation, "lastReconciliation");
    }
  }

  private final Supplier<List<Connected>> venues;
  private final Supplier<String> mode;
  private final LongSupplier clock;

  /**
   * Routes over the venues {@code venues} supplies.
   *
   * @param mode {@code paper} or {@code live}
   * @param clock wall clock (ms) for {@code queried_at}
   */
  public VenueRoutes(Supplier<List<Connected>> venues, Supplier<String> mode, LongSupplier clock) {
    this.venues = Objects.requireNonNull(venues, "venues");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get("/api/v1/venues")
            .tag(TAG)
            .summary("Venue accounts")
            .description(
                "Each venue's account as the venue reports it (an answer is reused for 5 s): wallet"
                    + " balance (USDT, 2 dp), positions and open orders (quantities 8 dp), with"
                    + " the last reconciliation against the journal; plus the positions netted"
                    + " across venues. Empty in paper mode. An unreachable venue is listed with"
                    + " reachable=false and the reason.")
            .response(VenueList.class, Examples.load("venues.json"))
            .handle(this::list));
  }

  private VenueList list(ApiRequest request) {
    List<VenueItem> items = new ArrayList<>();
    Map<String, double[]> net = new TreeMap<>();
    double total = 0;
    long now = clock.getAsLong();
    long oldest = now;
    for (Connected c : venues.get()) {
      Fetched f = cache.get(c.id());
      if (f == null || now - f.atMs() >= MAX_AGE_MS || now < f.atMs()) {
        f = new Fetched(now, item(c));
        cache.put(c.id(), f);
      }
      oldest = Math.min(oldest, f.atMs());
      VenueItem item = f.item().withReconciliation(lastReconciliation(c)); // local: always fresh
      items.add(item);
      if (item.reachable()) {
        total += item.balance();
        for (VenuePosition p : item.positions()) {
          double[] n = net.computeIfAbsent(p.symbol(), k -> new double[2]);
          n[0] += p.quantity();
          n[1]++;
        }
      }
    }
    List<NetPosition> netted = new ArrayList<>();
    net.forEach((symbol, n) -> netted.add(new NetPosition(symbol, n[0], (int) n[1])));
    return new VenueList(
        mode.get(), items, new Combined(total, netted), Instant.ofEpochMilli(oldest));
  }

  private static Reconciliation lastReconciliation(Connected c) {
    return c.lastReconciliation().get().map(VenueRoutes::view).orElse(null);
  }

  private static VenueItem item(Connected c) {
    Reconciliation last = lastReconciliation(c);
    try {
      VenueAccount a = c.account();
      List<VenuePosition> positions = new ArrayList<>();
      a.positions()
          .forEach((id, q) -> positions.add(new VenuePosition(id.apiSymbol(), q.doubleValue())));
      List<VenueOrder> orders = a.openOrders().stream().map(VenueRoutes::view).toList();
      double balance = a.balance().toDouble();
      return new VenueItem(
          c.id(), c.role(), c.type(), true, null, balance, positions, orders, last);
    } catch (ServiceUnavailableException e) {
      return new VenueItem(
          c.id(), c.role(), c.type(), false, e.getMessage(), null, List.of(), List.of(), last);
    }
  }

  private static VenueOrder view(VenueOpenOrder o) {
    return new VenueOrder(
        o.clientOrderId(),
        o.instrument() == null ? null : o.instrument().apiSymbol(),
        o.venueSymbol(),
        o.side(),
        o.quantity().doubleValue(),
        o.price().compareTo(BigDecimal.ZERO) == 0 ? null : o.price().doubleValue(),
        o.platformId());
  }

  private static Reconciliation view(Reconciler.Timed t) {
    Reconciler.Report r = t.report();
    return new Reconciliation(
        Instant.ofEpochMilli(t.timeMs()),
        r.reachable(),
        r.compared(),
        r.consistent(),
        r.mismatches(),
        r.adopted().stream().map(InstrumentId::apiSymbol).toList(),
        r.cancelled());
  }

  /** Response of {@code /api/v1/venues}. */
  record VenueList(
      @Doc(
              value = "Trading mode",
              allowed = {"paper", "live"})
          String mode,
      List<VenueItem> venues,
      Combined combined,
      @Doc("When the venues were asked (answers are reused for up to 5 s)") Instant queriedAt) {}

  /** One venue. */
  record VenueItem(
      @Doc("The venue's name in this platform") String venueId,
      @Doc(
              value = "What trades on it",
              allowed = {"kernel", "flow"})
          String role,
      @Doc("The adapter") String type,
      @Doc("False when the venue could not be asked") boolean reachable,
      @Nullable @Doc("Why it could not be asked") String error,
      @Nullable @Decimals(Decimals.MONEY) @Doc("Wallet balance (USDT), null when unreachable")
          Double balance,
      @Doc("Positions as the venue reports them") List<VenuePosition> positions,
      @Doc("Orders open at the venue") List<VenueOrder> openOrders,
      @Nullable @Doc("The last reconciliation with the journal, null before the first")
          Reconciliation lastReconciliation) {
    VenueItem withReconciliation(Reconciliation r) {
      return new VenueItem(
          venueId, role, type, reachable, error, balance, positions, openOrders, r);
    }
  }

  /** A position at a venue. */
  record VenuePosition(
      @Doc("Symbol, e.g. BTC/USDT:USDT") String symbol,
      @Decimals(Decimals.PRICE) @Doc("Signed quantity (negative: short)") double quantity) {}

  /** An order open at a venue. */
  record VenueOrder(
      @Doc("Client order id") String clientOrderId,
      @Nullable @Doc("Symbol, null when the platform cannot name the venue's") String symbol,
      @Doc("The venue's symbol") String venueSymbol,
      @Doc(
              value = "Side",
              allowed = {"BUY", "SELL"})
          String side,
      @Decimals(Decimals.PRICE) @Doc("Unfilled quantity") double quantity,
      @Nullable @Decimals(Decimals.PRICE) @Doc("Limit price, null for none") Double price,
      @Doc("True when the id has the platform's format (placed by Perpetua)")
          boolean platformOrder) {}

  /** A reconciliation of the journal with a venue. */
  record Reconciliation(
      @Doc("Kernel time of the check") Instant checkedAt,
      @Doc("False when the venue could not be asked") boolean reachable,
      @Doc("False when the comparison was deferred (orders in flight)") boolean compared,
      @Doc("True when the venue answered and agreed with the journal") boolean consistent,
      @Doc("One line per difference found") List<String> mismatches,
      @Doc("Symbols whose venue position was adopted as the truth") List<String> adopted,
      @Doc("Orphaned platform orders cancelled at the venue") List<String> cancelled) {}

  /** Across venues. */
  record Combined(
      @Decimals(Decimals.MONEY) @Doc("Sum of the reachable venues' balances (USDT)") double balance,
      @Doc("Positions netted across venues, by symbol") List<NetPosition> positions) {}

  /** A symbol's position netted across venues. */
  record NetPosition(
      @Doc("Symbol") String symbol,
      @Decimals(Decimals.PRICE) @Doc("Sum of the signed quantities") double netQuantity,
      @Doc("Number of venues holding it") int venues) {}
}
