package io.perpetua.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Epoch-millisecond conversions and the clocks. */
class TimeTest {
  private static final long T = 1_772_495_999_999L; // 2026-03-02T23:59:59.999Z

  @Test
  void iso_truncatesToSeconds() {
    assertThat(Times.iso(T)).isEqualTo("2026-03-02T23:59:59Z");
    assertThat(Times.iso(0)).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void isoDate_andParseDate_areUtc() {
    assertThat(Times.isoDate(T)).isEqualTo("2026-03-02");
    assertThat(Times.parseDate("2026-03-03")).isEqualTo(T + 1);
    assertThat(Times.parseInstant("2026-03-02T23:59:59.999Z")).isEqualTo(T);
    assertThat(Times.DAY_MS).isEqualTo(24 * Times.HOUR_MS);
  }

  @Test
  void manualClock_movesForwardOrStays_neverBack() {
    ManualClock clock = new ManualClock(100);
    assertThat(clock.nowMillis()).isEqualTo(100);
    clock.set(100);
    clock.set(250);
    assertThat(clock.nowMillis()).isEqualTo(250);
    assertThatThrownBy(() -> clock.set(249)).hasMessageContaining("cannot move backwards");
    assertThat(clock.nowMillis()).isEqualTo(250);
  }

  @Test
  void systemClock_readsTheWallClock() {
    long before = System.currentTimeMillis();
    long now = Clock.system().nowMillis();
    assertThat(now).isBetween(before, System.currentTimeMillis());
  }
}
