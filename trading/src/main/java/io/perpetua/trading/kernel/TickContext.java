package io.perpetua.trading.kernel;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.trading.kernel.algo.BracketBook;

/** What a {@link TickStrategy} sees of the kernel when it decides. Kernel thread only. */
public interface TickContext {
  /** The kernel's bracket orders (the §4.1 execution algorithm), for any strategy. */
  BracketBook brackets();

  /** The instrument the kernel trades under {@code id}, or null when it does not trade it. */
  Instrument instrument(InstrumentId id);

  /** Account equity at the latest marks. */
  double equity();

  /** The kernel clock (epoch ms). */
  long nowMillis();
}
