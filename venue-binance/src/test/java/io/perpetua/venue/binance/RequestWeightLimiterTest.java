package io.perpetua.venue.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.time.ManualClock;
import org.junit.jupiter.api.Test;

class RequestWeightLimiterTest {
  @Test
  void reserve_beyondTheMinuteBudget_waitsForTheNextWindow() {
    ManualClock clock = new ManualClock(120_000 + 10_000);
    RequestWeightLimiter limiter = new RequestWeightLimiter(clock, 10);
    assertThat(limiter.reserve(6)).isZero();
    assertThat(limiter.reserve(5)).isEqualTo(50_000);
    clock.set(180_000);
    assertThat(limiter.reserve(5)).isZero();
  }

  @Test
  void usedWeightHeader_isAuthoritative() {
    ManualClock clock = new ManualClock(0);
    RequestWeightLimiter limiter = new RequestWeightLimiter(clock, 100);
    limiter.onUsedWeight(99);
    assertThat(limiter.reserve(2)).isPositive();
    assertThat(limiter.reserve(1)).isZero();
  }

  @Test
  void retryAfter_blocksEverythingUntilItPasses() {
    ManualClock clock = new ManualClock(1_000);
    RequestWeightLimiter limiter = new RequestWeightLimiter(clock, 100);
    limiter.onRetryAfter(3_000);
    assertThat(limiter.reserve(1)).isEqualTo(3_000);
    clock.set(4_000);
    assertThat(limiter.reserve(1)).isZero();
  }

  @Test
  void clockSync_guardsTradingOnly() {
    ManualClock clock = new ManualClock(10_000);
    ClockSync sync = new ClockSync(clock, 1_000);
    assertThat(sync.tradingAllowed()).isFalse();
    sync.update(10_000, 11_600, 10_200);
    assertThat(sync.offsetMs()).isEqualTo(1_500);
    assertThat(sync.tradingAllowed()).isFalse();
    assertThat(sync.signedTimestamp(false)).isEqualTo(11_500);
    sync.update(10_000, 10_900, 10_200);
    assertThat(sync.tradingAllowed()).isTrue();
    assertThat(sync.signedTimestamp(true)).isEqualTo(10_800);
  }
}
