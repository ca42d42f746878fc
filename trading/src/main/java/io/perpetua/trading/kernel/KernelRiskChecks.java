package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.time.Times;
import io.perpetua.trading.port.PortfolioSnapshot;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.risk.PortfolioReading;
import io.perpetua.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's risk step at each bar close: liquidation below the maintenance margin, the portfolio
 * reading handed to the {@link RiskEngine} with the forced closes it asks for (daily loss, holding
 * time), and the hourly and daily portfolio snapshots. Kernel thread only.
 */
final class KernelRiskChecks {
  /** Closes positions through the kernel's one order path ({@link Rebalancer#close}). */
  @FunctionalInterface
  interface Closer {
    /** Sends the orders that take {@code selection} (every instrument when null) to flat. */
    void close(RebalanceId id, String trigger, double equity, int[] selection, boolean bypassRisk);
  }

  private final KernelConfig config;
  private final RiskEngine risk;
  private final KernelBook book;
  private final List<Instrument> instruments;
  private final PriceDrivenVenue venue;
  private final StrategyId portfolio;
  private final boolean journaled;
  private final Runnable cancelWorking;
  private final Closer closer;
  private final List<PortfolioSnapshot> snapshots = new ArrayList<>();
  private int liquidations;
  private boolean halted;

  KernelRiskChecks(
      KernelConfig config,
      RiskEngine risk,
      KernelBook book,
      List<Instrument> instruments,
      PriceDrivenVenue venue,
      StrategyId portfolio,
      boolean journaled,
      Runnable cancelWorking,
      Closer closer) {
    this.config = config;
    this.risk = risk;
    this.book = book;
    this.instruments = instruments;
    this.venue = venue;
    this.portfolio = portfolio;
    this.journaled = journaled;
    this.cancelWorking = cancelWorking;
    this.closer = closer;
  }

  /** True once a liquidation left nothing: trading has halted for good. */
  boolean halted() {
    return halted;
  }

  int liquidations() {
    return liquidations;
  }

  /** The snapshots taken since the last checkpoint (the checkpoint clears them). */
  List<PortfolioSnapshot> snapshots() {
    return snapshots;
  }

  /**
   * Liquidates every position at the current marks when equity is below the maintenance margin of
   * the gross notional; trading halts for good when nothing is left.
   */
  void checkMaintenanceMargin(long now) {
    double rate = config.maintenanceMarginRate();
    if (rate <= 0 || halted) {
      return;
    }
    double[] marks = book.marks;
    double gross = 0;
    for (int i = 0; i < marks.length; i++) {
      if (book.positionQty[i] != 0 && marks[i] > 0) {
        gross += Math.abs(book.positionQty[i] * marks[i]);
      }
    }
    double equity = book.equity();
    if (gross == 0 || equity >= rate * gross) {
      return;
    }
    cancelWorking.run();
    RebalanceId id = RebalanceId.of("liq-" + now + "-" + portfolio.value());
    closer.close(id, "liquidation", equity, null, true);
    for (int i = 0; i < marks.length; i++) {
      if (marks[i] > 0) {
        venue.onPrice(instruments.get(i).id(), marks[i], now);
      }
    }
    liquidations++;
    halted = book.equity() <= 0;
  }

  /** Hands the portfolio to the risk engine and carries out forced closes; returns the equity. */
  double observe(long now) {
    double wallet = book.account().wallet().toDouble();
    double u = 0;
    double longs = 0;
    double shorts = 0;
    double largest = 0;
    int worst = -1;
    int open = 0;
    for (int i = 0; i < book.marks.length; i++) {
      double q = book.positionQty[i];
      open += q != 0 ? 1 : 0;
      if (q != 0 && book.marks[i] > 0) {
        double notional = q * book.marks[i];
        u += notional - book.positionCost[i];
        if (notional > 0) {
          longs += notional;
        } else {
          shorts -= notional;
        }
        if (Math.abs(notional) > largest) {
          largest = Math.abs(notional);
          worst = i;
        }
      }
    }
    double equity = wallet + u;
    if (journaled && now % Times.HOUR_MS == 0) {
      snapshot(PortfolioSnapshot.Interval.HOURLY, now, equity, wallet, longs, shorts, open);
      if (now % Times.DAY_MS == 0) {
        snapshot(PortfolioSnapshot.Interval.DAILY, now, equity, wallet, longs, shorts, open);
      }
    }
    String symbol = worst < 0 ? null : instruments.get(worst).id().apiSymbol();
    risk.observe(new PortfolioReading(now, equity, longs, shorts, largest, symbol));
    forceCloses(now, equity);
    return equity;
  }

  private void snapshot(
      PortfolioSnapshot.Interval interval,
      long now,
      double equity,
      double wallet,
      double longs,
      double shorts,
      int open) {
    snapshots.add(new PortfolioSnapshot(interval, now, equity, wallet, longs, shorts, open));
  }

  /** Closes everything after the daily loss limit, or the positions held too long. */
  private void forceCloses(long now, double equity) {
    boolean closeAll = risk.takeCloseAll();
    if (!closeAll && !risk.watchesHoldingTime()) {
      return;
    }
    List<Integer> close = new ArrayList<>();
    for (int i = 0; i < book.marks.length; i++) {
      if (book.positionQty[i] != 0
          && (closeAll
              || risk.holdingTooLong(instruments.get(i).id(), now - book.openedAt[i], now))) {
        close.add(i);
      }
    }
    if (!close.isEmpty()) {
      int[] selection = close.stream().mapToInt(Integer::intValue).toArray();
      closer.close(
          RebalanceId.of("risk-" + now + "-" + portfolio.value()),
          closeAll ? "daily_loss" : "holding_time",
          equity,
          selection,
          false);
    }
  }
}
