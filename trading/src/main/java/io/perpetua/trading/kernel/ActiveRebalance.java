package io.perpetua.trading.kernel;

import io.perpetua.core.Money;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.trading.account.Account;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The rebalance the {@link ExecutionService} has in flight: its totals so far, and their one-line
 * form for the checkpoint cursor ({@link #encode} / {@link #decode}). Mutable, kernel thread only.
 */
final class ActiveRebalance {
  final RebalanceId id;
  final StrategyId strategy;
  final String trigger;
  final long startedMs;
  final Money equity;

  /** Wall-clock start (ms); execution time is measured on it, not on the kernel clock. */
  long wallStartMs;

  int total;
  int filled;
  int failed;
  Money traded = Money.ZERO;
  Money fees = Money.ZERO;
  int open;

  ActiveRebalance(
      RebalanceId id, StrategyId strategy, String trigger, long startedMs, Money equity) {
    this.id = id;
    this.strategy = strategy;
    this.trigger = trigger;
    this.startedMs = startedMs;
    this.equity = equity;
  }

  /**
   * The completion event at {@code nowMs}: the totals, and the long and short positions {@code
   * account} holds.
   */
  RebalanceCompleted completed(long nowMs, Account account, long wallNowMs, boolean dryRun) {
    int longs = 0;
    int shorts = 0;
    for (var p : account.openPositions()) {
      if (p.quantity().signum() > 0) {
        longs++;
      } else {
        shorts++;
      }
    }
    return new RebalanceCompleted(
        nowMs,
        id,
        strategy,
        trigger,
        total,
        filled,
        failed,
        // turnover is an analytics ratio of the event, the only floating-point value here
        equity.signum() > 0 ? traded.toDouble() / equity.toDouble() : 0,
        fees,
        longs,
        shorts,
        Math.max(0, wallNowMs - wallStartMs),
        startedMs,
        dryRun);
  }

  /** One line with the wall time it has taken by {@code wallNowMs}. */
  String encode(long wallNowMs) {
    return String.join(
        "|",
        id.value(),
        strategy.value(),
        trigger,
        Long.toString(startedMs),
        equity.toString(),
        Integer.toString(total),
        Integer.toString(filled),
        Integer.toString(failed),
        traded.toString(),
        fees.toString(),
        Integer.toString(open),
        Long.toString(Math.max(0, wallNowMs - wallStartMs)));
  }

  /**
   * Reads {@link #encode} back; the wall time it had taken before the restart counts from {@code
   * wallNowMs}, the downtime does not.
   */
  static ActiveRebalance decode(String line, long wallNowMs) {
    String[] f = line.split("\\|", -1);
    ActiveRebalance a =
        new ActiveRebalance(
            RebalanceId.of(f[0]), StrategyId.of(f[1]), f[2], Long.parseLong(f[3]), money(f[4]));
    a.total = Integer.parseInt(f[5]);
    a.filled = Integer.parseInt(f[6]);
    a.failed = Integer.parseInt(f[7]);
    a.traded = money(f[8]);
    a.fees = Money.parse(f[9]);
    a.open = Integer.parseInt(f[10]);
    a.wallStartMs = wallNowMs - (f.length > 11 ? Long.parseLong(f[11]) : 0);
    return a;
  }

  /** Money from a checkpoint line (older lines hold {@code Double.toString} values). */
  private static Money money(String text) {
    return Money.of(new BigDecimal(text).setScale(Money.SCALE, RoundingMode.HALF_EVEN));
  }
}
