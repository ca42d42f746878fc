package io.perpetua.venue.binance;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.OrderSide;
import io.perpetua.market.tick.BookImbalance;
import io.perpetua.market.tick.Liquidation;
import io.perpetua.market.tick.MarkPriceUpdate;
import io.perpetua.market.tick.OpenInterestUpdate;
import io.perpetua.market.tick.PositionRatios;
import io.perpetua.market.tick.SpotPerpDivergence;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The venue's market events and REST samples as the order-flow engine's ticks (spec §1). Each
 * method throws {@link IllegalArgumentException} naming the field when the venue's values cannot be
 * an input (a non-positive price, an unknown side, an empty book, ...): the caller drops the event.
 * Stateless.
 */
public final class LiveFlowMapping {
  /** Book levels per side in the imbalance ({@code depth10}). */
  public static final int BOOK_LEVELS = 10;

  private LiveFlowMapping() {}

  /** A {@code markPriceUpdate} as a mark/funding tick. */
  public static MarkPriceUpdate markPrice(MarketEvent.MarkPrice m) {
    return new MarkPriceUpdate(
        instrument(m.symbol()),
        requireTime("markPrice E", m.eventTimeMs()),
        m.markPrice().doubleValue(),
        m.indexPrice().doubleValue(),
        m.fundingRate().doubleValue(),
        m.nextFundingTimeMs());
  }

  /**
   * A {@code forceOrder} as a liquidation: a BUY order closed a short, a SELL order a long; the
   * price is the average fill price when the venue gives one, else the order price.
   */
  public static Liquidation forceOrder(MarketEvent.ForceOrder f) {
    OrderSide side;
    try {
      side = OrderSide.parse(f.side().toLowerCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("forceOrder S must be BUY or SELL: " + f.side(), e);
    }
    BigDecimal price = f.averagePrice().signum() > 0 ? f.averagePrice() : f.price();
    return new Liquidation(
        instrument(f.symbol()),
        requireTime("forceOrder T", f.timeMs()),
        side,
        price.doubleValue(),
        f.quantity().doubleValue());
  }

  /**
   * A partial-book update ({@code depth10@100ms}) as the imbalance of the best {@value
   * #BOOK_LEVELS} bid and ask levels with a positive quantity.
   */
  public static BookImbalance depth(MarketEvent.DepthUpdate d) {
    double bids = topQuantity(d.bids(), true);
    double asks = topQuantity(d.asks(), false);
    return BookImbalance.of(instrument(d.symbol()), requireTime("depth T", d.timeMs()), bids, asks);
  }

  private static double topQuantity(List<BigDecimal[]> levels, boolean bids) {
    Comparator<BigDecimal[]> byPrice = Comparator.comparing(l -> l[0]);
    BigDecimal[][] live =
        levels.stream()
            .filter(l -> l.length >= 2 && l[1].signum() > 0 && l[0].signum() > 0)
            .sorted(bids ? byPrice.reversed() : byPrice)
            .limit(BOOK_LEVELS)
            .toArray(BigDecimal[][]::new);
    return Arrays.stream(live).mapToDouble(l -> l[1].doubleValue()).sum();
  }

  /**
   * A spot {@code bookTicker} and the perpetual's mark as a spot–perp divergence sample at {@code
   * timeMs}.
   */
  public static SpotPerpDivergence spotPerp(
      MarketEvent.BookTicker spot, double markPrice, long timeMs) {
    if (spot.bidPrice().signum() <= 0 || spot.askPrice().compareTo(spot.bidPrice()) < 0) {
      throw new IllegalArgumentException(
          "bookTicker b/a must be positive with a >= b: "
              + spot.bidPrice()
              + "/"
              + spot.askPrice());
    }
    double mid = (spot.bidPrice().doubleValue() + spot.askPrice().doubleValue()) / 2;
    return new SpotPerpDivergence(instrument(spot.symbol()), timeMs, mid, markPrice);
  }

  /** An open-interest history row as an open-interest tick. */
  public static OpenInterestUpdate openInterest(BinanceMessages.OpenInterest row) {
    return new OpenInterestUpdate(
        instrument(row.symbol()),
        requireTime("openInterest timestamp", row.timeMs()),
        row.openInterest().doubleValue());
  }

  /**
   * The latest global long/short account ratio and top-trader position ratio rows as one
   * positioning tick, stamped with the later of the two.
   */
  public static PositionRatios ratios(
      BinanceMessages.LongShortRatio global, BinanceMessages.LongShortRatio top) {
    if (!global.symbol().equals(top.symbol())) {
      throw new IllegalArgumentException(
          "ratio rows of two symbols: " + global.symbol() + ", " + top.symbol());
    }
    return new PositionRatios(
        instrument(global.symbol()),
        requireTime("ratio timestamp", Math.max(global.timeMs(), top.timeMs())),
        global.ratio().doubleValue(),
        top.ratio().doubleValue());
  }

  private static InstrumentId instrument(String symbol) {
    try {
      return InstrumentId.fromVenueSymbol(symbol);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("symbol: " + e.getMessage(), e);
    }
  }

  private static long requireTime(String field, long timeMs) {
    if (timeMs <= 0) {
      throw new IllegalArgumentException(field + " must be a positive epoch ms: " + timeMs);
    }
    return timeMs;
  }
}
