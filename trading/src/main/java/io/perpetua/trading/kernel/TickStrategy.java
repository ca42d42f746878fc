package io.perpetua.trading.kernel;

import io.perpetua.market.tick.FlowTick;
import io.perpetua.trading.kernel.algo.BracketOrder;
import io.perpetua.trading.kernel.algo.BracketResult;
import java.util.Map;

/**
 * A strategy of the trading kernel fed by ticks (order flow), stepped by {@link
 * TradingKernel#onTick} on the same event clock as the bars. It keeps its own feature state (e.g.
 * {@code signals.flow.FlowState}) and decides through {@link TickContext#brackets()}: every order
 * goes through the kernel's execution service, risk engine, venue port, journal and account.
 *
 * <p>Called on the kernel thread only.
 */
public interface TickStrategy {
  /**
   * A tick the kernel had already processed before a restart: update the feature state only (no
   * decisions), so the state at the restart point equals the state before the crash.
   */
  void warmUp(FlowTick tick);

  /** A tick on the kernel clock (the venue has matched it; brackets have reacted to it). */
  void onTick(FlowTick tick, TickContext context);

  /**
   * A bracket has finished (result from the kernel's fills); every tick strategy hears of every
   * bracket and keeps those of its own strategy ids.
   */
  default void onBracketClosed(BracketOrder bracket, BracketResult result) {}

  /** A bracket changed (entry filled, TP1 done, stop moved); as {@link #onBracketClosed}. */
  default void onBracketChanged(BracketOrder bracket) {}

  /** State to keep across restarts (keys unique to this strategy); part of each checkpoint. */
  default Map<String, String> exportState() {
    return Map.of();
  }

  /** Restores {@link #exportState()} from the last checkpoint's cursor. */
  default void restoreState(Map<String, String> cursor) {}
}
