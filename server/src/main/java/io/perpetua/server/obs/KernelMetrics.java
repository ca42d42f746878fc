package io.perpetua.server.obs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.perpetua.core.event.Event;
import io.perpetua.core.event.FundingSettled;
import io.perpetua.core.event.OrderFilled;
import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.event.OrderSubmitted;
import io.perpetua.trading.kernel.KernelListener;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The trading kernel's meters, fed as a {@link KernelListener}: step latency (histogram), orders
 * submitted, fills by side and liquidity, rejections by rule, funding payments, and the last
 * equity. Called on the kernel thread; each call is a counter increment (the per-rule and per-side
 * counters are created once and cached), so it never slows a step measurably. Thread-safe.
 */
public final class KernelMetrics implements KernelListener {
  private final MeterRegistry registry;
  private final Timer step;
  private final Counter submitted;
  private final Counter funding;
  private final Map<String, Counter> fills = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
  private volatile double equity = Double.NaN;
  private volatile long lastStepTimeMs;

  /** Kernel meters in {@code registry}. */
  public KernelMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.step =
        Timer.builder("perpetua.kernel.step")
            .description("Wall time of one kernel step (one bar through the whole loop)")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    this.submitted =
        Counter.builder("perpetua.orders.submitted")
            .description("Orders that passed the risk checks and went to the venue")
            .register(registry);
    this.funding =
        Counter.builder("perpetua.funding.payments")
            .description("Funding settlements booked")
            .register(registry);
    Gauge.builder("perpetua.kernel.equity", this, m -> m.equity)
        .description("Account equity at the last step, USDT")
        .register(registry);
    Gauge.builder("perpetua.kernel.last.step.timestamp", this, m -> m.lastStepTimeMs / 1000.0)
        .description("Event time of the last bar stepped, epoch seconds")
        .baseUnit("seconds")
        .register(registry);
  }

  @Override
  public void onEvent(Event event) {
    switch (event) {
      case OrderSubmitted s -> submitted.increment();
      case OrderRejected r -> rejection(r.rule()).increment();
      case OrderFilled f ->
          fill(f.fill().side().name().toLowerCase(Locale.ROOT), f.fill().liquidity().name())
              .increment();
      case FundingSettled s -> funding.increment();
      default -> {}
    }
  }

  @Override
  public void onStep(int t, long timeMs, double equity) {
    this.equity = equity;
    this.lastStepTimeMs = timeMs;
  }

  @Override
  public void onStepLatency(int t, long nanos) {
    step.record(nanos, TimeUnit.NANOSECONDS);
  }

  private Counter rejection(String rule) {
    return rejections.computeIfAbsent(
        rule,
        r ->
            Counter.builder("perpetua.orders.rejected")
                .description("Orders rejected, by the rule (or source) that rejected them")
                .tag("rule", r)
                .register(registry));
  }

  private Counter fill(String side, String liquidity) {
    return fills.computeIfAbsent(
        side + '/' + liquidity,
        k ->
            Counter.builder("perpetua.fills")
                .description("Fills, by side and liquidity")
                .tag("side", side)
                .tag("liquidity", liquidity.toLowerCase(Locale.ROOT))
                .register(registry));
  }
}
