package io.perpetua.trading.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.Quantity;
import io.perpetua.core.RebalanceId;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TargetNettingTest {
  private static final StrategyId PORTFOLIO = StrategyId.of("ensemble");
  private static final RebalanceId RB = RebalanceId.of("rb-20260302-2359-ensemble");

  /**
   * The netted orders are the sum of the per-strategy targets minus the positions: for every
   * instrument, the order (signed) is {@code toward0(Σ capital_s × w_s / mark) - position}, or no
   * order when that is zero or below the venue minimum without closing; one order per instrument.
   */
  @Property(tries = 300)
  void nettedOrders_equalSumOfTargetsMinusPositions(
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed,
      @ForAll @IntRange(min = 1, max = 4) int strategies,
      @ForAll @IntRange(min = 1, max = 25) int symbols) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Instrument> instruments = new ArrayList<>();
    double[] marks = new double[symbols];
    Quantity[] positions = new Quantity[symbols];
    for (int i = 0; i < symbols; i++) {
      marks[i] = Math.pow(10, rnd.nextDouble(-3, 5));
      Instrument inst =
          Instrument.derivedFrom(InstrumentId.usdtPerp("S" + i), marks[i] * rnd.nextDouble(0.5, 2));
      instruments.add(inst);
      positions[i] =
          rnd.nextInt(3) == 0 ? null : inst.quantityToward0(rnd.nextDouble(-2000, 2000) / marks[i]);
      if (rnd.nextInt(10) == 0) {
        marks[i] = Double.NaN; // no price
      }
    }
    double equity = rnd.nextDouble(100, 1_000_000);
    List<TargetNetting.SleeveTarget> sleeves = new ArrayList<>();
    for (int s = 0; s < strategies; s++) {
      double[] w = new double[symbols];
      for (int i = 0; i < symbols; i++) {
        w[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble(-0.2, 0.2);
      }
      sleeves.add(
          new TargetNetting.SleeveTarget(StrategyId.of("s" + s), equity * rnd.nextDouble(0, 1), w));
    }

    TargetNetting.Netted netted =
        new TargetNetting()
            .net(PORTFOLIO, RB, 0L, instruments, sleeves, marks, positions, 0.0, null);

    Map<InstrumentId, Order> byInstrument = new HashMap<>();
    for (Order o : netted.orders()) {
      assertThat(byInstrument.put(o.instrument(), o)).as("one order per instrument").isNull();
      assertThat(o.strategy()).isEqualTo(PORTFOLIO);
    }
    for (int i = 0; i < symbols; i++) {
      checkInstrument(i, instruments.get(i), marks[i], positions[i], sleeves, netted, byInstrument);
    }
  }

  private static void checkInstrument(
      int i,
      Instrument inst,
      double mark,
      Quantity position,
      List<TargetNetting.SleeveTarget> sleeves,
      TargetNetting.Netted netted,
      Map<InstrumentId, Order> byInstrument) {
    Quantity pos = position == null ? Quantity.zero(inst.quantityScale()) : position;
    Order order = byInstrument.get(inst.id());
    if (!(mark > 0)) {
      assertThat(order).as("no order without a price").isNull();
      return;
    }
    double sum = 0;
    for (TargetNetting.SleeveTarget s : sleeves) {
      sum += s.capital() * s.weights()[i] / mark;
    }
    Quantity target = inst.quantityToward0(sum);
    Quantity expected = target.minus(pos);
    if (order == null) {
      boolean belowMinimum =
          !target.isZero()
              && Money.notional(inst.price(mark), expected.abs()).compareTo(inst.minNotional()) < 0;
      assertThat(expected.isZero() || belowMinimum)
          .as("%s: no order although %s is due", inst.id(), expected)
          .isTrue();
    } else {
      Quantity signed =
          order.side() == OrderSide.BUY ? order.quantity() : order.quantity().negate();
      assertThat(signed).as("%s order", inst.id()).isEqualTo(expected);
    }
    double attributed = 0;
    for (double[] q : netted.attribution().values()) {
      attributed += q[i];
    }
    assertThat(attributed)
        .isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9 * (1 + Math.abs(sum))));
  }

  @Test
  void opposingStrategies_netToNoOrder_butKeepTheirAttribution() {
    Instrument btc = Instrument.derivedFrom(InstrumentId.usdtPerp("BTC"), 50_000);
    double[] marks = {50_000};
    List<TargetNetting.SleeveTarget> sleeves =
        List.of(
            new TargetNetting.SleeveTarget(StrategyId.of("a"), 5_000, new double[] {0.5}),
            new TargetNetting.SleeveTarget(StrategyId.of("b"), 5_000, new double[] {-0.5}));

    TargetNetting.Netted netted =
        new TargetNetting()
            .net(PORTFOLIO, RB, 0L, List.of(btc), sleeves, marks, new Quantity[1], 0.0, null);

    assertThat(netted.orders()).isEmpty();
    assertThat(netted.attribution().get(StrategyId.of("a"))[0]).isEqualTo(0.05);
    assertThat(netted.attribution().get(StrategyId.of("b"))[0]).isEqualTo(-0.05);
  }
}
