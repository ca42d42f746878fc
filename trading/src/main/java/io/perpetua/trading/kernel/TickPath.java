package io.perpetua.trading.kernel;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.order.Order;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.TickValidator;
import io.perpetua.trading.kernel.algo.BracketBook;
import io.perpetua.trading.kernel.algo.BracketOrder;
import io.perpetua.trading.kernel.algo.BracketResult;
import io.perpetua.trading.kernel.algo.OrderGateway;
import io.perpetua.trading.port.OrderDecision;
import io.perpetua.trading.port.PriceDrivenVenue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The kernel's tick step: a trade becomes the instrument's mark, is matched by the venue, moves the
 * brackets, then every {@link TickStrategy} sees the tick. After a restart, ticks up to the
 * checkpoint's tick position (time, sequence within that millisecond) only warm the strategies up.
 * Kernel thread only.
 */
final class TickPath implements TickContext, OrderGateway, BracketBook.Listener {
  static final String CURSOR_TICK_TIME = "tick_time";
  static final String CURSOR_TICK_SEQ = "tick_seq";

  private final PriceDrivenVenue venue;
  private final ExecutionService execution;
  private final List<Instrument> instruments;
  private final Map<InstrumentId, Integer> index;
  private final Marks marks;
  private final DoubleSupplier equity;
  private final io.perpetua.core.time.Clock clock;
  private final List<TickStrategy> strategies;
  private final BracketBook brackets;
  private final TickValidator validator = new TickValidator("kernel ticks");
  private long tickTime = Long.MIN_VALUE;
  private int tickSeq;
  private long resumeTime = Long.MIN_VALUE;
  private int resumeSeq;

  TickPath(
      PriceDrivenVenue venue,
      ExecutionService execution,
      List<Instrument> instruments,
      Map<InstrumentId, Integer> index,
      Marks marks,
      DoubleSupplier equity,
      io.perpetua.core.time.Clock clock,
      List<TickStrategy> strategies) {
    this.venue = venue;
    this.execution = execution;
    this.instruments = instruments;
    this.index = index;
    this.marks = marks;
    this.equity = equity;
    this.clock = clock;
    this.strategies = strategies;
    this.brackets = new BracketBook(this);
    brackets.addListener(this);
    execution.setBrackets(brackets);
  }

  /**
   * False for a hostile tick (a trade id that does not increase, a time going backwards): it is
   * logged by reason and must reach neither the clock, the venue, the brackets nor the strategies.
   * Checked for every tick, the warm-up replay included, so the validator's state after a restart
   * equals the state before it.
   */
  boolean accept(FlowTick tick) {
    return validator.accept(tick);
  }

  /** Steps one tick; false when it only warmed the strategies up (processed before a restart). */
  boolean onTick(FlowTick tick) {
    long t = tick.timeMs();
    tickSeq = t == tickTime ? tickSeq + 1 : 0;
    tickTime = t;
    if (t < resumeTime || (t == resumeTime && tickSeq < resumeSeq)) {
      for (int k = 0; k < strategies.size(); k++) {
        strategies.get(k).warmUp(tick);
      }
      return false;
    }
    if (tick instanceof AggTrade trade) {
      Integer i = index.get(trade.instrument());
      if (i != null) {
        marks.price()[i] = trade.price();
        marks.timeMs()[i] = t;
        venue.onTrade(trade.instrument(), trade.price(), trade.quantity(), t);
        brackets.onTrade(trade.instrument(), trade.price(), t);
      }
    }
    for (int k = 0; k < strategies.size(); k++) {
      strategies.get(k).onTick(tick, this);
    }
    return true;
  }

  /** Sets {@code instrument}'s mark without a trade (an order decided outside the kernel). */
  void mark(InstrumentId instrument, double price, long t) {
    Integer i = index.get(instrument);
    if (i != null && price > 0) {
      marks.price()[i] = price;
      marks.timeMs()[i] = t;
    }
  }

  /** The tick position and the brackets and strategies' state, for the checkpoint cursor. */
  Map<String, String> exportState() {
    Map<String, String> out = new HashMap<>(brackets.exportState());
    if (tickTime != Long.MIN_VALUE) {
      out.put(CURSOR_TICK_TIME, Long.toString(tickTime));
      out.put(CURSOR_TICK_SEQ, Integer.toString(tickSeq + 1));
    }
    for (TickStrategy s : strategies) {
      out.putAll(s.exportState());
    }
    return out;
  }

  /** Restores from the last checkpoint's cursor; returns the tick time it had reached. */
  long restoreState(Map<String, String> cursor) {
    if (cursor.containsKey(CURSOR_TICK_TIME)) {
      resumeTime = Long.parseLong(cursor.get(CURSOR_TICK_TIME));
      resumeSeq = Integer.parseInt(cursor.getOrDefault(CURSOR_TICK_SEQ, "0"));
    }
    brackets.restoreState(cursor, id -> instruments.get(index.get(id)));
    strategies.forEach(s -> s.restoreState(cursor));
    return resumeTime;
  }

  /** True (once) when the brackets changed since the last call. */
  boolean takeChanged() {
    return brackets.takeChanged();
  }

  // ------------------------------------------------------------------ TickContext

  @Override
  public BracketBook brackets() {
    return brackets;
  }

  @Override
  public Instrument instrument(InstrumentId id) {
    Integer i = index.get(id);
    return i == null ? null : instruments.get(i);
  }

  @Override
  public double equity() {
    return equity.getAsDouble();
  }

  @Override
  public long nowMillis() {
    return clock.nowMillis();
  }

  // ------------------------------------------------------------------ OrderGateway

  @Override
  public boolean submit(Order order) {
    return submit(order, (OrderDecision.Cause) null);
  }

  @Override
  public boolean submit(Order order, String parent) {
    return submit(order, new OrderDecision.Cause("parent_order", parent, "execution algorithm"));
  }

  private boolean submit(Order order, OrderDecision.Cause cause) {
    execution.setCause(cause);
    Integer i = index.get(order.instrument());
    if (i == null) {
      throw new IllegalArgumentException("not traded by this kernel: " + order.instrument());
    }
    return execution.submitOne(
        order, instruments, marks, io.perpetua.core.Money.of(equity.getAsDouble()));
  }

  @Override
  public void cancel(ClientOrderId clientOrderId) {
    execution.cancel(clientOrderId);
  }

  // ------------------------------------------------------------------ BracketBook.Listener

  @Override
  public void onClosed(BracketOrder bracket, BracketResult result) {
    for (TickStrategy s : strategies) {
      s.onBracketClosed(bracket, result);
    }
  }

  @Override
  public void onChanged(BracketOrder bracket) {
    for (TickStrategy s : strategies) {
      s.onBracketChanged(bracket);
    }
  }
}
