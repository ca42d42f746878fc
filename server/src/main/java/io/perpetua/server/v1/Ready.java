package io.perpetua.server.v1;

import io.perpetua.trading.port.ServiceUnavailableException;
import java.util.function.Supplier;

/** Services that open after the API is up (the database opens in the background). */
final class Ready {
  private Ready() {}

  /** The supplied service, or 503 (50301) while it is still starting. */
  static <T> T get(Supplier<T> supplier, String what) {
    T value = supplier.get();
    if (value == null) {
      throw new ServiceUnavailableException(what + " not started yet", null);
    }
    return value;
  }
}
