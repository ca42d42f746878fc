package io.perpetua.server.stream;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.event.OrderSubmitted;
import io.perpetua.core.event.SignalPublished;
import io.perpetua.core.order.Fill;
import io.perpetua.core.order.Order;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.risk.Alert;
import io.perpetua.trading.risk.RiskEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Feeds the stream channels from the kernel (a {@link KernelListener}) and the risk engine:
 * signals, orders, rejections and fills to {@code strategy/<id>}; risk events, breaker trips and
 * alerts to {@code alerts}; bars to {@code market/<symbol>} (by {@link #bar}). Each call builds one
 * small view and appends it to the hub's ring, which never waits for clients. The kernel thread
 * calls the listener methods; {@link #riskEvent} and {@link #alert} may come from any thread.
 */
public final class StreamPublisher implements KernelListener {
  private static final int ORDERS_REMEMBERED = 100_000;

  private final StreamHub hub;
  private final StrategyId defaultStrategy;
  private final Map<ClientOrderId, StrategyId> strategyOfOrder =
      new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ClientOrderId, StrategyId> eldest) {
          return size() > ORDERS_REMEMBERED;
        }
      };

  /**
   * A publisher.
   *
   * @param defaultStrategy the strategy of fills whose order was not seen (e.g. after a restart)
   */
  public StreamPublisher(StreamHub hub, StrategyId defaultStrategy) {
    this.hub = Objects.requireNonNull(hub, "hub");
    this.defaultStrategy = Objects.requireNonNull(defaultStrategy, "defaultStrategy");
  }

  @Override
  public void onEvent(Event event) {
    switch (event) {
      case OrderSubmitted s -> {
        Order o = s.order();
        remember(o);
        strategy(o.strategy(), s, OrderView.of(o, null, null));
      }
      case OrderRejected r -> {
        remember(r.order());
        strategy(r.order().strategy(), r, OrderView.of(r.order(), r.rule(), r.reason()));
      }
      case OrderFilled f ->
          strategy(strategyOf(f.fill().clientOrderId()), f, FillView.of(f.fill()));
      case SignalPublished p ->
          strategy(
              p.strategy(),
              p,
              Map.of(
                  "symbols_with_signal", p.symbolsWithSignal(),
                  "symbols_in_pool", p.symbolsInPool(),
                  "long_count", p.longCount(),
                  "short_count", p.shortCount()));
      default -> {}
    }
  }

  /**
   * A closed bar of {@code symbol} (venue form, e.g. {@code BTCUSDT}): its close (the mark the
   * kernel uses) and USDT volume; skipped while nobody listens to the symbol's channel.
   */
  public void bar(String symbol, long closeTimeMs, double close, double quoteVolume) {
    String channel = StreamEndpoints.marketChannel(symbol);
    if (hub.hasSubscribers(channel)) {
      hub.publish(channel, "bar", closeTimeMs, new BarView(symbol, close, quoteVolume));
    }
  }

  /** A risk event (breaker trips are {@code risk.breaker_tripped}). */
  public void riskEvent(RiskEvent e) {
    hub.publish(
        StreamEndpoints.ALERTS,
        "risk." + e.kind(),
        e.timeMs(),
        new RiskEventView(e.kind(), e.rule(), e.symbol(), e.detail()));
  }

  /** An alert raised or resolved. */
  public void alert(Alert a) {
    hub.publish(
        StreamEndpoints.ALERTS,
        a.resolvedAtMs() == null ? "alert.raised" : "alert.resolved",
        a.resolvedAtMs() == null ? a.raisedAtMs() : a.resolvedAtMs(),
        new AlertView(
            a.alertId(),
            a.severity().name().toLowerCase(Locale.ROOT),
            a.ruleName(),
            a.symbol(),
            a.message(),
            a.currentValue(),
            a.threshold()));
  }

  private void strategy(StrategyId strategy, Event e, Object view) {
    hub.publish(StreamEndpoints.strategyChannel(strategy.value()), e.type(), e.eventTimeMs(), view);
  }

  private synchronized void remember(Order o) {
    strategyOfOrder.put(o.clientOrderId(), o.strategy());
  }

  private synchronized StrategyId strategyOf(ClientOrderId id) {
    return strategyOfOrder.getOrDefault(id, defaultStrategy);
  }

  /** An order on the wire. */
  record OrderView(
      String clientOrderId,
      String symbol,
      String side,
      String type,
      String quantity,
      String limitPrice,
      boolean reduceOnly,
      String rule,
      String reason) {
    static OrderView of(Order o, String rule, String reason) {
      return new OrderView(
          o.clientOrderId().value(),
          o.instrument().venueSymbol(),
          o.side().name().toLowerCase(Locale.ROOT),
          o.type().name().toLowerCase(Locale.ROOT),
          o.quantity().toString(),
          o.limitPrice() == null ? null : o.limitPrice().toString(),
          o.reduceOnly(),
          rule,
          reason);
    }
  }

  /** A fill on the wire. */
  record FillView(
      String tradeId,
      String clientOrderId,
      String symbol,
      String side,
      String quantity,
      String price,
      String fee,
      String liquidity,
      long fillTimeMs) {
    static FillView of(Fill f) {
      return new FillView(
          f.tradeId().value(),
          f.clientOrderId().value(),
          f.instrument().venueSymbol(),
          f.side().name().toLowerCase(Locale.ROOT),
          f.quantity().toString(),
          f.price().toString(),
          f.fee().toString(),
          f.liquidity().name().toLowerCase(Locale.ROOT),
          f.timeMs());
    }
  }

  /** A bar on the wire. */
  record BarView(String symbol, double close, double quoteVolume) {}

  /** A risk event on the wire. */
  record RiskEventView(String kind, String rule, String symbol, String detail) {}

  /** An alert on the wire. */
  record AlertView(
      String alertId,
      String severity,
      String rule,
      String symbol,
      String message,
      double currentValue,
      double threshold) {}
}
