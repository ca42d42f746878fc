package io.perpetua.trading.kernel;

import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.state.InMemoryPlatformState;
import io.perpetua.trading.state.PlatformState;
import java.util.function.LongSupplier;

/**
 * What a kernel writes to: the journal (null in backtests that keep nothing), the published state,
 * a listener, and the wall clock for heartbeats.
 *
 * @param journal durable journal, or null
 * @param state published platform state
 * @param listener run observer
 * @param wallClock wall time for heartbeats
 */
public record KernelPorts(
    TradingJournal journal, PlatformState state, KernelListener listener, LongSupplier wallClock) {

  /** Backtest ports: no journal, private state, the given listener. */
  public static KernelPorts backtest(KernelListener listener) {
    return new KernelPorts(null, new InMemoryPlatformState(), listener, System::currentTimeMillis);
  }
}
