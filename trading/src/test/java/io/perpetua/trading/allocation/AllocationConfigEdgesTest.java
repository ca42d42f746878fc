package io.perpetua.trading.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every validation of {@link AllocationConfig} at its bound, just inside and just outside, with the
 * configuration key in the message; the copies change one field only.
 */
class AllocationConfigEdgesTest {
  private static final AllocationConfig D = AllocationConfig.defaults();

  /**
   * The defaults with {@code component} set to {@code value} (through the canonical constructor).
   */
  static AllocationConfig with(String component, Object value) {
    RecordComponent[] rc = AllocationConfig.class.getRecordComponents();
    Object[] args = new Object[rc.length];
    Class<?>[] types = new Class<?>[rc.length];
    try {
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        args[i] = rc[i].getName().equals(component) ? value : rc[i].getAccessor().invoke(D);
      }
      Constructor<AllocationConfig> c = AllocationConfig.class.getDeclaredConstructor(types);
      return c.newInstance(args);
    } catch (InvocationTargetException e) {
      throw (RuntimeException) e.getCause();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void doubleRanges_acceptTheirBounds_refuseTheNextValueOutside() {
    record Range(String component, String key, double lo, double hi) {}
    for (Range r :
        List.of(
            new Range("ucbC", "allocation.ucb_c", 0, 100),
            new Range("temperature", "allocation.temperature", 1e-6, 100),
            new Range("probationWeight", "allocation.probation_weight", 0, 1),
            new Range("maxStepFraction", "allocation.max_step_fraction", 1e-9, 1),
            new Range("minMove", "allocation.min_move", 0, 1),
            new Range("costBps", "allocation.cost_bps", 0, 10_000),
            new Range("maxWeight", "allocation.max_weight", 1e-9, 1),
            new Range("correlationThreshold", "allocation.correlation_threshold", -1, 1),
            new Range("correlationCut", "allocation.correlation_cut", 0, 1),
            new Range("volSpikeRatio", "allocation.vol_spike_ratio", 1, 1000),
            new Range("targetVol", "allocation.target_vol", 1e-9, 10))) {
      assertThat(with(r.component(), r.lo())).as(r.key() + " at its minimum").isNotNull();
      assertThat(with(r.component(), r.hi())).as(r.key() + " at its maximum").isNotNull();
      for (double bad : new double[] {Math.nextDown(r.lo()), Math.nextUp(r.hi()), Double.NaN}) {
        assertThatThrownBy(() -> with(r.component(), bad))
            .as(r.key() + " = " + bad)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(r.key() + " must be in [" + r.lo() + ", " + r.hi() + "], was " + bad);
      }
    }
  }

  @Test
  void integerAndDurationMinimums() {
    assertThat(with("windowSize", 1).windowSize()).isEqualTo(1);
    assertThatThrownBy(() -> with("windowSize", 0))
        .hasMessage("allocation.window_size must be > 0, was 0");
    assertThat(with("minObservations", 2).minObservations()).isEqualTo(2);
    assertThatThrownBy(() -> with("minObservations", 1))
        .hasMessage("allocation.min_observations must be >= 2");
    assertThat(with("cooldownMs", 0L).cooldownMs()).isZero();
    assertThatThrownBy(() -> with("cooldownMs", -1L))
        .hasMessage("allocation.cooldown must be >= 0");
    assertThat(with("maxCooled", 0).maxCooled()).isZero();
    assertThatThrownBy(() -> with("maxCooled", -1))
        .hasMessage("allocation.max_cooled must be >= 0");
    assertThat(with("probationSteps", 0).probationSteps()).isZero();
    assertThatThrownBy(() -> with("probationSteps", -1))
        .hasMessage("allocation.probation_steps must be >= 0");
  }

  @Test
  void names_mustBeOneOfTheirChoices() {
    assertThat(with("policy", "ucb1").policy()).isEqualTo(AllocationConfig.UCB1);
    assertThatThrownBy(() -> with("policy", "greedy"))
        .hasMessage("allocation.policy must be one of ucb1, thompson, was 'greedy'");
    for (String risk : List.of("vol", "var", "drawdown")) {
      assertThat(with("risk", risk).risk()).isEqualTo(risk);
    }
    assertThatThrownBy(() -> with("risk", "beta"))
        .hasMessage("allocation.risk must be one of vol, var, drawdown, was 'beta'");
    assertThatThrownBy(() -> with("windowUnit", "weeks"))
        .hasMessage("allocation.window_unit must be one of days, trades, was 'weeks'");
    assertThatThrownBy(() -> with("policy", null)).hasMessage("policy");
    assertThatThrownBy(() -> with("risk", null)).hasMessage("risk");
    assertThatThrownBy(() -> with("windowUnit", null)).hasMessage("windowUnit");
  }

  @Test
  void windowUnit_tradesCountsObservations() {
    assertThat(D.windowInTrades()).isFalse();
    assertThat(with("windowUnit", "trades").windowInTrades()).isTrue();
  }

  @Test
  void copies_changeOneFieldOnly() {
    assertThat(D.withPolicy(AllocationConfig.UCB1)).isEqualTo(with("policy", "ucb1"));
    assertThat(D.withSeed(7L)).isEqualTo(with("seed", 7L));
    assertThat(Arrays.asList(D.policy(), D.risk(), D.windowUnit(), D.seed()))
        .containsExactly("thompson", "vol", "days", 42L);
  }
}
