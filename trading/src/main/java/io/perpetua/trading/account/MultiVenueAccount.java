package io.perpetua.trading.account;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.Position;
import io.perpetua.trading.port.VenueListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accounts on several venues at once, for the delta-neutral control plane: per venue an {@link
 * Account} (wallet, positions, fees, funding; exact fixed-point accounting) and an initial margin
 * rate, fed by fills tagged with their venue ({@link VenueFill}) and by marks per venue; {@link
 * #combined()} gives net exposure per base asset across venues, gross exposure and the equity sum.
 *
 * <p>Instruments are the platform's ({@code BTC/USDT:USDT}) whatever the venue calls them, so a
 * {@code BTCUSDT} position on Binance and a {@code BTC-PERP} position on the generic venue are the
 * same base asset. A venue's own fill listener is {@link #listenerFor}.
 *
 * <p>Thread-safe (every method is synchronized); the views are immutable snapshots.
 */
public final class MultiVenueAccount {
  private final Map<String, Venue> venues = new LinkedHashMap<>();

  private static final class Venue {
    final String exchange;
    final Account account;
    final double marginRate;
    final Map<InstrumentId, Double> marks = new HashMap<>();

    Venue(String id, String exchange, Money deposit, double marginRate) {
      this.exchange = exchange;
      this.account = new Account(id, deposit);
      this.marginRate = marginRate;
    }
  }

  /**
   * Opens the venue account {@code venue} on {@code exchange} with {@code deposit}.
   *
   * @param initialMarginRate margin per unit of gross notional (0.1 = 10× leverage), in (0, 1]
   */
  public synchronized void open(
      String venue, String exchange, Money deposit, double initialMarginRate) {
    if (venues.containsKey(venue)) {
      throw new IllegalArgumentException("venue account already open: " + venue);
    }
    if (!(initialMarginRate > 0 && initialMarginRate <= 1)) {
      throw new IllegalArgumentException("initial margin rate must be in (0, 1]");
    }
    venues.put(venue, new Venue(venue, exchange, deposit, initialMarginRate));
  }

  /** Applies a fill to its venue's account; returns the realised PnL. */
  public synchronized Money apply(VenueFill fill) {
    return venue(fill.venue()).account.apply(fill.fill());
  }

  /** The mark of {@code instrument} on {@code venue}. */
  public synchronized void mark(String venue, InstrumentId instrument, double price) {
    if (!(price > 0) || !Double.isFinite(price)) {
      throw new IllegalArgumentException("mark must be positive: " + price);
    }
    venue(venue).marks.put(instrument, price);
  }

  /** Books funding on {@code venue} ({@code rate} × notional, paid by longs when positive). */
  public synchronized Money settleFunding(
      String venue, InstrumentId instrument, double rate, double markPrice) {
    return venue(venue).account.settleFunding(instrument, rate, markPrice);
  }

  /**
   * A {@link VenueListener} that books {@code venue}'s fills here (acknowledgements, rejections and
   * cancellations change no balance and are ignored).
   */
  public VenueListener listenerFor(String venue) {
    synchronized (this) {
      venue(venue);
    }
    return new VenueListener() {
      @Override
      public void onAccepted(Order order, long timeMs) {}

      @Override
      public void onFill(Fill fill) {
        apply(new VenueFill(venue, fill));
      }

      @Override
      public void onRejected(Order order, String reason, long timeMs) {}

      @Override
      public void onCancelled(ClientOrderId clientOrderId, long timeMs) {}
    };
  }

  /** The venue account ids, in the order they were opened. */
  public synchronized List<String> venueIds() {
    return List.copyOf(venues.keySet());
  }

  /** One venue account now. */
  public synchronized VenueAccountView view(String venue) {
    Venue v = venue(venue);
    List<VenueAccountView.Leg> legs = new ArrayList<>();
    double gross = 0;
    double net = 0;
    double unrealized = 0;
    for (Position p : v.account.openPositions()) {
      double mark = v.marks.getOrDefault(p.instrument(), 0.0);
      double u = mark > 0 ? p.unrealizedPnl(mark) : 0;
      var leg =
          new VenueAccountView.Leg(
              p.instrument(), p.quantity().toDouble(), p.averageEntryPrice(), mark, u);
      legs.add(leg);
      gross += Math.abs(leg.notional());
      net += leg.notional();
      unrealized += u;
    }
    double wallet = v.account.wallet().toDouble();
    double equity = wallet + unrealized;
    double margin = gross * v.marginRate;
    return new VenueAccountView(
        venue, v.exchange, wallet, unrealized, equity, gross, net, margin, equity - margin, legs);
  }

  /** Every venue account and the combined exposure now. */
  public synchronized CombinedAccountView combined() {
    List<VenueAccountView> views = new ArrayList<>();
    Map<String, Double> netQty = new TreeMap<>();
    Map<String, Double> netNotional = new TreeMap<>();
    Map<String, Double> grossNotional = new TreeMap<>();
    double wallet = 0;
    double equity = 0;
    double gross = 0;
    double net = 0;
    for (String id : venues.keySet()) {
      VenueAccountView v = view(id);
      views.add(v);
      wallet += v.wallet();
      equity += v.equity();
      gross += v.grossNotional();
      net += v.netNotional();
      for (VenueAccountView.Leg leg : v.positions()) {
        String base = leg.instrument().base();
        netQty.merge(base, leg.quantity(), Double::sum);
        netNotional.merge(base, leg.notional(), Double::sum);
        grossNotional.merge(base, Math.abs(leg.notional()), Double::sum);
      }
    }
    return new CombinedAccountView(
        views, netQty, netNotional, grossNotional, wallet, equity, gross, net);
  }

  private Venue venue(String venue) {
    Venue v = venues.get(venue);
    if (v == null) {
      throw new IllegalArgumentException("unknown venue account: " + venue);
    }
    return v;
  }
}
