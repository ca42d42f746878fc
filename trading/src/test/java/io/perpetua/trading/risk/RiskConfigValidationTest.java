package io.perpetua.trading.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every validation of {@link CircuitBreakers}, {@link RiskLimits}, {@link RiskConfig} and {@link
 * Fraction} at, just inside and just outside its bound, with the field named in the message; and
 * the conversion of a configuration into {@link RiskThresholds}.
 */
class RiskConfigValidationTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");

  /** Breakers with one field changed from a valid base (pct 0.05, R 2 × unit 10, streak 3/30). */
  private static CircuitBreakers breakers(
      double pct,
      double lossR,
      double unit,
      int streak,
      int pause,
      long venueMs,
      long staleMs,
      double minR,
      int warn,
      int close) {
    return new CircuitBreakers(
        pct, lossR, unit, false, streak, pause, venueMs, staleMs, minR, warn, close);
  }

  private static void rejects(Runnable r, String field) {
    assertThatThrownBy(r::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field);
  }

  @Test
  void circuitBreakers_dailyLossPct_zeroToJustBelowOne() {
    assertThat(breakers(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).dailyLossPct()).isZero();
    assertThat(breakers(0.999, 0, 0, 0, 0, 0, 0, 0, 0, 0).dailyLossPct()).isEqualTo(0.999);
    rejects(
        () -> breakers(1.0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "invalid circuit breaker daily_loss_pct");
    rejects(() -> breakers(-0.01, 0, 0, 0, 0, 0, 0, 0, 0, 0), "daily_loss_pct: -0.01");
    rejects(() -> breakers(Double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0), "daily_loss_pct");
  }

  @Test
  void circuitBreakers_rAmountsNeedAPositiveRiskUnit() {
    assertThat(breakers(0, 2, 10, 0, 0, 0, 0, 3, 0, 0).riskUnit()).isEqualTo(10);
    rejects(() -> breakers(0, -1, 10, 0, 0, 0, 0, 0, 0, 0), "daily_loss_r: -1.0");
    rejects(() -> breakers(0, 0, -1, 0, 0, 0, 0, 0, 0, 0), "risk_unit: -1.0");
    rejects(() -> breakers(0, 2, 0, 0, 0, 0, 0, 0, 0, 0), "daily_loss_r needs risk_unit");
    rejects(() -> breakers(0, 0, 0, 0, 0, 0, 0, 3, 0, 0), "min_balance_r needs risk_unit");
    rejects(() -> breakers(0, 0, 10, 0, 0, 0, 0, -0.5, 0, 0), "min_balance_r: -0.5");
    // a risk unit alone (no R limit) is fine
    assertThat(breakers(0, 0, 10, 0, 0, 0, 0, 0, 0, 0).dailyLossR()).isZero();
  }

  @Test
  void circuitBreakers_lossStreakNeedsAPause() {
    assertThat(breakers(0, 0, 0, 3, 1, 0, 0, 0, 0, 0).pauseMinutes()).isEqualTo(1);
    assertThat(breakers(0, 0, 0, 0, 5, 0, 0, 0, 0, 0).consecutiveLosses()).isZero();
    rejects(() -> breakers(0, 0, 0, -1, 0, 0, 0, 0, 0, 0), "consecutive_losses: -1");
    rejects(() -> breakers(0, 0, 0, 0, -1, 0, 0, 0, 0, 0), "pause_minutes: -1");
    rejects(() -> breakers(0, 0, 0, 3, 0, 0, 0, 0, 0, 0), "pause_minutes with consecutive_losses");
  }

  @Test
  void circuitBreakers_timesNonNegative() {
    assertThat(breakers(0, 0, 0, 0, 0, 0, 0, 0, 0, 0).venueUnreachableMs()).isZero();
    rejects(() -> breakers(0, 0, 0, 0, 0, -1, 0, 0, 0, 0), "venue_unreachable_ms: -1");
    rejects(() -> breakers(0, 0, 0, 0, 0, 0, -1, 0, 0, 0), "market_data_stale_ms: -1");
    rejects(() -> breakers(0, 0, 0, 0, 0, 0, 0, 0, -1, 0), "holding_warn_minutes: -1");
    rejects(() -> breakers(0, 0, 0, 0, 0, 0, 0, 0, 0, -1), "holding_close_minutes: -1");
  }

  @Test
  void circuitBreakers_holdingCloseMustExceedWarn_whenBothSet() {
    assertThat(breakers(0, 0, 0, 0, 0, 0, 0, 0, 60, 61).holdingCloseMinutes()).isEqualTo(61);
    assertThat(breakers(0, 0, 0, 0, 0, 0, 0, 0, 60, 0).holdingWarnMinutes()).isEqualTo(60);
    assertThat(breakers(0, 0, 0, 0, 0, 0, 0, 0, 0, 30).holdingCloseMinutes()).isEqualTo(30);
    rejects(
        () -> breakers(0, 0, 0, 0, 0, 0, 0, 0, 60, 60),
        "holding_close_minutes must exceed holding_warn_minutes: 60");
    rejects(() -> breakers(0, 0, 0, 0, 0, 0, 0, 0, 60, 59), "must exceed holding_warn_minutes");
  }

  @Test
  void circuitBreakers_defaultsAndOff() {
    CircuitBreakers d = CircuitBreakers.defaults();
    assertThat(d).isEqualTo(new CircuitBreakers(0.10, 0, 0, false, 5, 60, 30_000, 0, 0, 0, 0));
    assertThat(CircuitBreakers.off())
        .isEqualTo(new CircuitBreakers(0, 0, 0, false, 0, 0, 0, Long.MAX_VALUE, 0, 0, 0));
  }

  @Test
  void riskLimits_fractionsPositive_moneyFiniteAndNonNegative() {
    RiskLimits ok = new RiskLimits(0.01, 0.01, 0.01, 0, 0, 0.01, Set.of(), false);
    assertThat(ok.minBalanceReserve()).isZero();
    rejects(() -> new RiskLimits(0, 1, 1, 0, 0, 1, Set.of(), true), "max_position_pct must be > 0");
    rejects(() -> new RiskLimits(1, 0, 1, 0, 0, 1, Set.of(), true), "max_total_exposure must be");
    rejects(() -> new RiskLimits(1, 1, 0, 0, 0, 1, Set.of(), true), "max_drawdown_halt must be");
    rejects(() -> new RiskLimits(1, 1, 1, 0, 0, 0, Set.of(), true), "max_daily_turnover must be");
    rejects(() -> new RiskLimits(Double.NaN, 1, 1, 0, 0, 1, Set.of(), true), "got NaN");
    rejects(
        () -> new RiskLimits(1, 1, 1, -0.01, 0, 1, Set.of(), true),
        "min_balance_reserve must be a finite value >= 0, got -0.01");
    rejects(
        () -> new RiskLimits(1, 1, 1, Double.POSITIVE_INFINITY, 0, 1, Set.of(), true),
        "min_balance_reserve");
    rejects(() -> new RiskLimits(1, 1, 1, 0, -1, 1, Set.of(), true), "max_order_value");
    rejects(() -> new RiskLimits(1, 1, 1, 0, Double.NaN, 1, Set.of(), true), "max_order_value");
  }

  @Test
  void riskLimits_copiesTheBlacklist_andTheCopiesChangeOneField() {
    Set<InstrumentId> mutable = new HashSet<>(Set.of(BTC));
    RiskLimits l = new RiskLimits(0.2, 1, 0.3, 100, 500, 3, mutable, true);
    mutable.clear();
    assertThat(l.blacklist()).containsExactly(BTC);
    RiskLimits open = l.withBlacklist(Set.of());
    assertThat(open).isEqualTo(new RiskLimits(0.2, 1, 0.3, 100, 500, 3, Set.of(), true));
    assertThat(l.withDryRun(false))
        .isEqualTo(new RiskLimits(0.2, 1, 0.3, 100, 500, 3, Set.of(BTC), false));
    assertThat(RiskLimits.defaults())
        .isEqualTo(new RiskLimits(0.15, 1.2, 0.30, 100.0, 5_000.0, 3.0, Set.of(), true));
  }

  @Test
  void riskConfig_warningRatioInZeroExclusiveToOne_andMoneyScales() {
    assertThat(new RiskConfig(RiskLimits.defaults(), CircuitBreakers.off(), 1.0).warningRatio())
        .isEqualTo(1.0);
    rejects(() -> new RiskConfig(RiskLimits.defaults(), CircuitBreakers.off(), 0), "warning_ratio");
    rejects(
        () -> new RiskConfig(RiskLimits.defaults(), CircuitBreakers.off(), 1.0001),
        "warning_ratio must be in (0, 1], got 1.0001");
    RiskConfig c =
        new RiskConfig(
            new RiskLimits(0.2, 1, 0.3, 100, 500, 3, Set.of(BTC), false),
            new CircuitBreakers(0.05, 2, 10, true, 3, 30, 1000, 2000, 4, 60, 120),
            0.8);
    RiskConfig scaled = c.scaleMoney(2.5);
    assertThat(scaled)
        .isEqualTo(
            new RiskConfig(
                new RiskLimits(0.2, 1, 0.3, 250, 1250, 3, Set.of(BTC), false),
                new CircuitBreakers(0.05, 2, 25, true, 3, 30, 1000, 2000, 4, 60, 120),
                0.8));
    rejects(() -> c.scaleMoney(0), "factor must be positive, got 0.0");
    rejects(() -> c.scaleMoney(Double.POSITIVE_INFINITY), "factor");
    rejects(() -> c.scaleMoney(Double.NaN), "factor");
  }

  @Test
  void thresholds_convertOnce_zeroMeansOff() {
    RiskConfig c =
        new RiskConfig(
            new RiskLimits(0.2, Double.POSITIVE_INFINITY, 0.3, 100, 0, 3, Set.of(BTC), true),
            new CircuitBreakers(0.05, 2, 10, true, 3, 30, 1000, 0, 4, 0, 0),
            0.8);
    RiskThresholds t = RiskThresholds.of(c);
    assertThat(t)
        .isEqualTo(
            new RiskThresholds(
                new Fraction(20_000_000),
                Fraction.OFF,
                new Fraction(30_000_000),
                Money.parse("100"),
                null,
                new Fraction(300_000_000),
                Set.of(BTC),
                new Fraction(5_000_000),
                Money.parse("20"),
                Money.parse("40"),
                3,
                30,
                1000,
                true,
                new Fraction(80_000_000)));
    RiskThresholds off = RiskThresholds.of(RiskConfig.unlimited());
    assertThat(off.dailyLossPct()).isEqualTo(Fraction.OFF);
    assertThat(off.dailyLossAmount()).isNull();
    assertThat(off.minBalanceR()).isNull();
    assertThat(off.minBalanceReserve()).isNull();
    assertThat(off.closeOnDailyLoss()).isFalse();
  }

  @Test
  void fraction_limitsRoundedOrOff() {
    assertThat(Fraction.ofLimit(0.1234567849).raw()).isEqualTo(12_345_678);
    assertThat(Fraction.ofLimit(0.1234567851).raw()).isEqualTo(12_345_679);
    assertThat(Fraction.ofLimit(0).isZero()).isTrue();
    assertThat(Fraction.ofLimit(0).isOff()).isFalse();
    assertThat(Fraction.ofLimit(8.9e10).isOff()).isFalse();
    assertThat(Fraction.ofLimit(9.0e10)).isEqualTo(Fraction.OFF);
    assertThat(Fraction.ofLimit(Double.POSITIVE_INFINITY).isOff()).isTrue();
    assertThat(new Fraction(1).isZero()).isFalse();
    rejects(() -> Fraction.ofLimit(-0.01), "fraction must be >= 0, got -0.01");
    rejects(() -> Fraction.ofLimit(Double.NaN), "fraction must be >= 0");
    rejects(() -> new Fraction(-1), "negative fraction -1");
    assertThat(new Fraction(0).raw()).isZero();
    assertThat(Fraction.OFF.toString()).isEqualTo("off");
    assertThat(Fraction.ofLimit(0.25).toString()).isEqualTo("0.25000000");
  }

  @Test
  void fraction_ofMoney_exactOrNullWhenOffOrBeyondRange() {
    assertThat(Fraction.ofLimit(0.05).of(Money.parse("1000"))).isEqualTo(Money.parse("50"));
    assertThat(new Fraction(1).of(Money.parse("0.5"))).isEqualTo(Money.ZERO); // 0.5e-8: half-even
    assertThat(new Fraction(3).of(Money.parse("0.5"))).isEqualTo(Money.parse("0.00000002"));
    assertThat(Fraction.OFF.of(Money.parse("1000"))).isNull();
    assertThat(Fraction.ofLimit(8.0e10).of(Money.parse("1000"))).isNull(); // beyond Money's range
  }

  @Test
  void fraction_reached_atTheProductOfCountAndLimit() {
    Fraction eighty = Fraction.ofLimit(0.8);
    assertThat(eighty.reached(4, 5)).isTrue(); // 4 = 0.8 x 5
    assertThat(eighty.reached(3, 5)).isFalse();
    assertThat(eighty.reached(5, 5)).isTrue();
    assertThat(Fraction.OFF.reached(Long.MAX_VALUE / 1_000_000_000L, 1)).isFalse();
    assertThat(Fraction.ofLimit(0).reached(0, 5)).isTrue();
  }
}
