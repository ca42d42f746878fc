package io.perpetua.trading.risk.rules;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.order.Order;
import io.perpetua.core.time.Times;
import io.perpetua.trading.risk.Fraction;
import io.perpetua.trading.risk.OrderContext;
import io.perpetua.trading.risk.PreTradeGuard.Rejection;
import io.perpetua.trading.risk.RuleStatus;
import io.perpetua.trading.risk.RuleStatus.Level;
import java.util.Optional;

/**
 * {@code consecutive_losses}: this many losing closed trades in a row pause new risk for a while. A
 * trade's result is the sum of the realised PnL of its fills until the position is flat or
 * reversed. Immutable.
 */
public final class ConsecutiveLossesRule implements RiskRule {
  private static final long MINUTE_MS = 60_000L;
  private final int limit;
  private final int pauseMinutes;
  private final Fraction warning;

  /** The rule pausing after {@code limit} losses (0 = off) for {@code pauseMinutes}. */
  public ConsecutiveLossesRule(int limit, int pauseMinutes, Fraction warning) {
    this.limit = limit;
    this.pauseMinutes = pauseMinutes;
    this.warning = warning;
  }

  @Override
  public String name() {
    return "consecutive_losses";
  }

  /**
   * A fill realised {@code realized} on {@code symbol}; {@code closed} when it ended the trade. A
   * losing trade extends the streak, a winning one resets it; at the limit the pause starts.
   */
  public void onRealized(
      RiskBook book,
      InstrumentId symbol,
      Money realized,
      boolean closed,
      long now,
      RiskEvents events) {
    Money pnl = book.openTradePnl.getOrDefault(symbol, Money.ZERO).plus(realized);
    if (!closed) {
      book.openTradePnl.put(symbol, pnl);
      return;
    }
    book.openTradePnl.remove(symbol);
    book.lossStreak = pnl.signum() < 0 ? book.lossStreak + 1 : 0;
    if (limit > 0 && book.lossStreak >= limit) {
      book.pauseUntilMs = now + pauseMinutes * MINUTE_MS;
      book.lossStreak = 0;
      events.record(
          now,
          "breaker_tripped",
          name(),
          symbol.apiSymbol(),
          limit + " losing trades in a row: paused until " + Times.iso(book.pauseUntilMs));
    }
  }

  @Override
  public Optional<Rejection> check(Order order, OrderContext ctx, RiskBook book) {
    if (book.paused(ctx.nowMs()) && (ctx.increasesPosition() || ctx.increasesGross())) {
      return reject("trading halted by " + name());
    }
    return Optional.empty();
  }

  @Override
  public Level level(RiskBook book) {
    if (limit <= 0) {
      return Level.OK;
    }
    if (book.paused(book.nowMs()) || book.lossStreak >= limit) {
      return Level.VIOLATED;
    }
    return warning.reached(book.lossStreak, limit) ? Level.WARNING : Level.OK;
  }

  @Override
  public Optional<RuleStatus> status(RiskBook book) {
    if (limit <= 0) {
      return Optional.empty();
    }
    boolean paused = book.paused(book.nowMs());
    return Optional.of(
        new RuleStatus(
            name(),
            "Losing trades in a row",
            limit,
            book.lossStreak,
            level(book),
            null,
            paused ? "paused until " + Times.iso(book.pauseUntilMs) : null));
  }
}
