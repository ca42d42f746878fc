package io.perpetua.server.obs;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A check of something the platform depends on (database, Redis, venue). {@link #check()} must be
 * bounded in time (a connection timeout) and thread-safe; a thrown exception counts as down.
 */
public interface DependencyCheck {
  /** The dependency's name, e.g. {@code database}. */
  String name();

  /** Whether it answers now. */
  boolean up() throws Exception;

  /** A check named {@code name} over {@code up}. */
  static DependencyCheck of(String name, BooleanSupplier up) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(up, "up");
    return new DependencyCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean up() {
        return up.getAsBoolean();
      }
    };
  }
}
