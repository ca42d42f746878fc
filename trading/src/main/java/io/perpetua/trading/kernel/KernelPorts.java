package io.perpetua.trading.kernel;

import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.readmodel.PlatformState;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.risk.RiskEngine;
import java.util.function.LongSupplier;

/**
 * What a kernel works with besides the market: the journal (null in backtests that keep nothing),
 * the published state, a listener, the wall clock for heartbeats, and the risk engine every order
 * passes.
 *
 * @param journal durable journal, or null
 * @param state published platform state
 * @param listener run observer
 * @param wallClock wall time for heartbeats
 * @param risk the pre-trade risk engine
 */
public record KernelPorts(
    TradingJournal journal,
    PlatformState state,
    KernelListener listener,
    LongSupplier wallClock,
    RiskEngine risk) {

  /** Ports with a risk engine that has no limits (only precision filters and controls act). */
  public KernelPorts(
      TradingJournal journal,
      PlatformState state,
      KernelListener listener,
      LongSupplier wallClock) {
    this(journal, state, listener, wallClock, RiskEngine.unlimited());
  }

  /** Validates. */
  public KernelPorts {
    java.util.Objects.requireNonNull(risk, "risk");
  }

  /** Backtest ports with a risk engine that has no limits (benchmarks, tests). */
  public static KernelPorts backtest(KernelListener listener) {
    return backtest(listener, RiskEngine.unlimited());
  }

  /** Backtest ports: no journal, private state, the given listener and risk engine. */
  public static KernelPorts backtest(KernelListener listener, RiskEngine risk) {
    return new KernelPorts(
        null, new InMemoryPlatformState(), listener, System::currentTimeMillis, risk);
  }
}
