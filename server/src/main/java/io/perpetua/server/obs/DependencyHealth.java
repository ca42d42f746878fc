package io.perpetua.server.obs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs the {@link DependencyCheck}s, at most once per {@code cacheMs} (probes and scrapes do not
 * hammer the database), and exposes the gauge {@code perpetua_dependency_up{dependency}} (1 up, 0
 * down). Thread-safe.
 */
public final class DependencyHealth {
  /**
   * One check's outcome.
   *
   * @param name the dependency
   * @param up whether it answered
   * @param latencyMs how long the check took
   * @param checkedAtMs when, epoch ms
   */
  public record Result(String name, boolean up, long latencyMs, long checkedAtMs) {}

  private final List<DependencyCheck> checks;
  private final LongSupplier clock;
  private final long cacheMs;
  private List<Result> last = List.of();
  private long lastAtMs = Long.MIN_VALUE;

  /**
   * Dependency health.
   *
   * @param clock wall clock, epoch ms
   * @param cacheMs how long results are reused
   */
  public DependencyHealth(List<DependencyCheck> checks, LongSupplier clock, long cacheMs) {
    this.checks = List.copyOf(checks);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cacheMs = cacheMs;
  }

  /** Registers {@code perpetua.dependency.up} per check in {@code registry}. */
  public DependencyHealth register(MeterRegistry registry) {
    for (DependencyCheck c : checks) {
      Gauge.builder("perpetua.dependency.up", this, h -> h.isUp(c.name()) ? 1 : 0)
          .description("Whether a dependency answers its health check (1) or not (0)")
          .tag("dependency", c.name())
          .register(registry);
    }
    return this;
  }

  /** The results, rerun when older than the cache time. */
  public synchronized List<Result> results() {
    long now = clock.getAsLong();
    if (lastAtMs != Long.MIN_VALUE && now - lastAtMs < cacheMs) {
      return last;
    }
    List<Result> out = new ArrayList<>();
    for (DependencyCheck c : checks) {
      long t0 = System.nanoTime();
      boolean up;
      try {
        up = c.up();
      } catch (Exception e) {
        up = false;
      }
      out.add(new Result(c.name(), up, (System.nanoTime() - t0) / 1_000_000, now));
    }
    last = List.copyOf(out);
    lastAtMs = now;
    return last;
  }

  private boolean isUp(String name) {
    return results().stream().anyMatch(r -> r.name().equals(name) && r.up());
  }
}
