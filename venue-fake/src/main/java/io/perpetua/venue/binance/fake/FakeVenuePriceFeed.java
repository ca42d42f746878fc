package io.perpetua.venue.binance.fake;

import io.perpetua.core.InstrumentId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Drives a {@link FakeExchange} with the kernel's replayed prices: each price becomes a trade print
 * on the fake (rounded to the listing's tick), which moves its last and mark price and fills
 * resting limit orders; the same price is given to a mark sink (the adapter's mark price: its
 * PERCENT_PRICE and market MIN_NOTIONAL checks need one). Prices of symbols the fake does not list
 * are ignored. {@link #onPrice} has the shape of the kernel's price-feed port ({@code
 * feed::onPrice}). Thread-safe as far as the fake is (called on the kernel thread).
 */
public final class FakeVenuePriceFeed {
  private final FakeExchange exchange;
  private final BiConsumer<String, BigDecimal> marks;
  private final Map<String, BigDecimal> ticks = new HashMap<>();

  /** A feed into {@code exchange}, and into {@code marks} (symbol, price) when it is not null. */
  public FakeVenuePriceFeed(FakeExchange exchange, BiConsumer<String, BigDecimal> marks) {
    this.exchange = exchange;
    this.marks = marks;
    for (FakeListing l : exchange.listings()) {
      ticks.put(l.symbol(), l.tickSize());
    }
  }

  /** The kernel saw {@code price} for {@code instrument} at {@code timeMs}: a one-unit print. */
  public void onPrice(InstrumentId instrument, double price, long timeMs) {
    onTrade(instrument, price, BigDecimal.ONE, false);
  }

  /**
   * A replayed trade of {@code quantity} at {@code price} (taker side from {@code buyerMaker}, as
   * in an aggTrade): the fake prints it, which moves its last and mark price and fills resting
   * limits it reaches (as maker); the mark sink gets the price.
   */
  public void onTrade(
      InstrumentId instrument, double price, BigDecimal quantity, boolean buyerMaker) {
    String symbol = instrument.venueSymbol();
    BigDecimal tick = ticks.get(symbol);
    if (tick == null || !(price > 0) || !Double.isFinite(price)) {
      return;
    }
    BigDecimal px =
        BigDecimal.valueOf(price).divide(tick, 0, RoundingMode.HALF_EVEN).multiply(tick);
    if (px.signum() <= 0) {
      return;
    }
    exchange.trade(symbol, px, quantity, buyerMaker);
    if (marks != null) {
      marks.accept(symbol, px);
    }
  }
}
