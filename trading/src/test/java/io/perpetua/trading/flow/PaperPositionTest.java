package io.perpetua.trading.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perpetua.signals.flow.FlowEvaluation;
import io.perpetua.signals.flow.FlowStrategyConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every exit path of the §4 lifecycle, pnl_r from the actual partial exits minus fees. */
class PaperPositionTest {
  private static final FeeSchedule FEE = FeeSchedule.defaults();
  private static final ExecutionSettings NOW = ExecutionSettings.immediate();
  private static final double T = 0.0005;
  private final FlowStrategyConfig cfg = FlowFixtures.config();

  private PaperPosition open(int sign, double oneRMoney) {
    FlowEvaluation e = FlowFixtures.signal(cfg, 0, 100, 1, sign);
    double qty = oneRMoney / 1.5;
    return PaperPosition.open("p", cfg, e, EntryFill.taker(100, qty, FEE), 0, false);
  }

  @Test
  void levels_fromEntryAndAtr() {
    PaperPosition p = open(1, 200);
    assertThat(p.stop()).isEqualTo(98.5);
    assertThat(p.tp1()).isEqualTo(101.125);
    assertThat(p.tp2()).isEqualTo(102.25);
    assertThat(p.riskMoney()).isCloseTo(200, within(1e-9));
    PaperPosition s = open(-1, 200);
    assertThat(s.stop()).isEqualTo(101.5);
    assertThat(s.tp1()).isEqualTo(98.875);
  }

  @Test
  void stopLoss_isMinusOneRMinusFees() {
    PaperPosition p = open(1, 200);
    assertThat(p.onPrice(1, 99, true, NOW, FEE)).isEqualTo(PaperPosition.Step.NONE);
    assertThat(p.onPrice(2, 98.4, true, NOW, FEE)).isEqualTo(PaperPosition.Step.CLOSED);
    ClosedFlowTrade t = p.toClosedTrade();
    assertThat(t.status()).isEqualTo(FlowTradeStatus.SL);
    assertThat(t.exitPrice()).isEqualTo(98.5);
    double q = 200 / 1.5;
    double feeR = (T * 100 * q + T * 98.5 * q) / 200;
    assertThat(t.grossR()).isCloseTo(-1, within(1e-9));
    assertThat(t.pnlR()).isCloseTo(-1 - feeR, within(1e-9));
    assertThat(t.win()).isFalse();
  }

  @Test
  void tp1ThenTp2_countsBothHalves() {
    PaperPosition p = open(1, 200);
    assertThat(p.onPrice(1, 101.2, true, NOW, FEE)).isEqualTo(PaperPosition.Step.TP1);
    assertThat(p.status()).isEqualTo(FlowTradeStatus.TP1_HIT);
    assertThat(p.remaining()).isCloseTo(p.quantity() / 2, within(1e-12));
    assertThat(p.stop()).isGreaterThan(100 * (1 + 2 * T) - 1e-9);
    assertThat(p.onPrice(2, 102.3, true, NOW, FEE)).isEqualTo(PaperPosition.Step.CLOSED);
    ClosedFlowTrade t = p.toClosedTrade();
    assertThat(t.status()).isEqualTo(FlowTradeStatus.TP);
    double q = 200 / 1.5;
    double fees = T * 100 * q + T * 101.125 * q / 2 + T * 102.25 * q / 2;
    assertThat(t.grossR()).isCloseTo(0.5 * 0.75 + 0.5 * 1.5, within(1e-9));
    assertThat(t.pnlR()).isCloseTo(1.125 - fees / 200, within(1e-9));
    assertThat(t.feeR()).isCloseTo(fees / 200, within(1e-9));
  }

  @Test
  void oneTradeThroughBothTargets_closesAtTp2() {
    PaperPosition p = open(-1, 200);
    assertThat(p.onPrice(1, 97, true, NOW, FEE)).isEqualTo(PaperPosition.Step.CLOSED);
    assertThat(p.toClosedTrade().status()).isEqualTo(FlowTradeStatus.TP);
    assertThat(p.toClosedTrade().grossR()).isCloseTo(1.125, within(1e-9));
  }

  @Test
  void breakEvenExit_afterTp1_isNeverANetLoss_andTheHalfCoversItsFees() {
    PaperPosition p = open(1, 200);
    p.onPrice(1, 101.125, true, NOW, FEE);
    double be = p.stop();
    // the remaining half exits at the stop with a taker fee: its own net is >= 0
    double q = p.remaining();
    double halfNet = (be - 100) * q - T * 100 * q - T * be * q;
    assertThat(halfNet).isGreaterThanOrEqualTo(0);
    assertThat(p.onPrice(2, be - 0.01, true, NOW, FEE)).isEqualTo(PaperPosition.Step.CLOSED);
    ClosedFlowTrade t = p.toClosedTrade();
    assertThat(t.status()).isEqualTo(FlowTradeStatus.SL_BE);
    assertThat(t.pnlR()).isGreaterThan(0);
  }

  @Test
  void timeout_closesAtTheLastPrice() {
    PaperPosition p = open(1, 200);
    long deadline = cfg.timeoutMs();
    assertThat(p.onPrice(deadline - 1, 100.5, true, NOW, FEE)).isEqualTo(PaperPosition.Step.NONE);
    assertThat(p.onPrice(deadline, 100.6, false, NOW, FEE)).isEqualTo(PaperPosition.Step.CLOSED);
    ClosedFlowTrade t = p.toClosedTrade();
    assertThat(t.status()).isEqualTo(FlowTradeStatus.TIMEOUT);
    assertThat(t.grossR()).isCloseTo(0.6 / 1.5, within(1e-9));
    assertThat(t.holdMs()).isEqualTo(deadline);
  }

  @Test
  void flipAfterTp1_countsTheHalfAlreadyClosed() {
    PaperPosition p = open(1, 200);
    p.onPrice(1, 101.2, true, NOW, FEE);
    p.closeAtMarket(2, 100.8, FlowTradeStatus.SIGNAL_FLIP, FEE);
    ClosedFlowTrade t = p.toClosedTrade();
    assertThat(t.status()).isEqualTo(FlowTradeStatus.SIGNAL_FLIP);
    assertThat(t.flip()).isTrue();
    double q = 200 / 1.5;
    double fees = T * 100 * q + T * 101.125 * q / 2 + T * 100.8 * q / 2;
    assertThat(t.grossR()).isCloseTo(0.5 * 0.75 + 0.5 * 0.8 / 1.5, within(1e-9));
    assertThat(t.pnlR()).isCloseTo(t.grossR() - fees / 200, within(1e-9));
  }

  @Test
  void flipBeforeTp1_closesEverything() {
    PaperPosition p = open(-1, 300);
    p.closeAtMarket(5, 100.3, FlowTradeStatus.SIGNAL_FLIP, FEE);
    ClosedFlowTrade t = p.toClosedTrade();
    assertThat(t.grossR()).isCloseTo(-0.3 / 1.5, within(1e-9));
    assertThat(t.oneR().toDouble()).isCloseTo(300, within(1e-6));
  }

  @Test
  void property_randomPaths_pnlIdentity_andBreakEvenNeverLoses() {
    Random r = new Random(17);
    int slBe = 0;
    for (int run = 0; run < 400; run++) {
      int sign = r.nextBoolean() ? 1 : -1;
      PaperPosition p = open(sign, 50 + r.nextInt(500));
      double price = 100;
      long t = 0;
      PaperPosition.Step step = PaperPosition.Step.NONE;
      while (step != PaperPosition.Step.CLOSED) {
        t += 1000;
        price += r.nextGaussian() * 0.05;
        step = p.onPrice(t, price, true, NOW, FEE);
        if (step == PaperPosition.Step.NONE && r.nextInt(20_000) == 0) {
          step = p.closeAtMarket(t, price, FlowTradeStatus.SIGNAL_FLIP, FEE);
        }
      }
      ClosedFlowTrade c = p.toClosedTrade();
      assertThat(c.pnlR()).isCloseTo(c.grossR() - c.feeR(), within(1e-9));
      assertThat(c.pnl().toDouble()).isCloseTo(c.pnlR() * c.oneR().toDouble(), within(1e-3));
      if (c.status() == FlowTradeStatus.SL_BE) {
        slBe++;
        assertThat(c.pnlR()).isGreaterThanOrEqualTo(0);
      }
      if (c.status() == FlowTradeStatus.SL) {
        assertThat(c.grossR()).isCloseTo(-1, within(1e-9));
      }
    }
    assertThat(slBe).isGreaterThan(10);
  }

  @Test
  void makerModel_tpFillsOnlyWhenTradedThrough_elseMarketAfterTimeout() {
    ExecutionSettings mk = ExecutionSettings.maker(0.1);
    PaperPosition p = open(1, 200);
    // touch TP1 exactly: not filled
    assertThat(p.onPrice(1000, 101.125, true, mk, FEE)).isEqualTo(PaperPosition.Step.NONE);
    // traded through within the timeout: maker fill at the level
    assertThat(p.onPrice(1500, 101.2, true, mk, FEE)).isEqualTo(PaperPosition.Step.TP1);
    // TP2 touched, never traded through: market after 2 s at the current price
    assertThat(p.onPrice(2000, 102.25, true, mk, FEE)).isEqualTo(PaperPosition.Step.NONE);
    assertThat(p.onPrice(3000, 102.2, true, mk, FEE)).isEqualTo(PaperPosition.Step.NONE);
    assertThat(p.onPrice(4000, 102.1, true, mk, FEE)).isEqualTo(PaperPosition.Step.CLOSED);
    ClosedFlowTrade t = p.toClosedTrade();
    assertThat(t.status()).isEqualTo(FlowTradeStatus.TP);
    assertThat(t.exitPrice()).isEqualTo(102.1);
    double q = 200 / 1.5;
    double fees = T * 100 * q + 0.0002 * 101.125 * q / 2 + T * 102.1 * q / 2;
    assertThat(t.feeR()).isCloseTo(fees / 200, within(1e-9));
    assertThat(t.makerRatio()).isCloseTo(0.25, within(1e-9)); // TP1 half of entry + exits
    assertThat(t.slippageBps()).isGreaterThan(0);
  }

  @Test
  void makerModel_stopIsMarketAtTheTriggeringTrade_timeoutRestsALimitThenMarket() {
    ExecutionSettings mk = ExecutionSettings.maker(0.1);
    PaperPosition p = open(1, 200);
    p.onPrice(1000, 98.0, true, mk, FEE);
    assertThat(p.toClosedTrade().exitPrice()).isEqualTo(98.0);
    assertThat(p.toClosedTrade().grossR()).isCloseTo(-2 / 1.5, within(1e-9));
    PaperPosition q = open(1, 200);
    long deadline = cfg.timeoutMs();
    assertThat(q.onPrice(deadline, 100.4, true, mk, FEE)).isEqualTo(PaperPosition.Step.NONE);
    assertThat(q.onPrice(deadline + 500, 100.5, true, mk, FEE))
        .isEqualTo(PaperPosition.Step.CLOSED); // traded through the sell limit at 100.4: maker
    assertThat(q.toClosedTrade().exitPrice()).isEqualTo(100.4);
    PaperPosition r = open(1, 200);
    r.onPrice(deadline, 100.4, true, mk, FEE);
    assertThat(r.onPrice(deadline + 1000, 100.3, true, mk, FEE)).isEqualTo(PaperPosition.Step.NONE);
    assertThat(r.onPrice(deadline + 2000, 100.2, false, mk, FEE))
        .isEqualTo(PaperPosition.Step.CLOSED);
    assertThat(r.toClosedTrade().status()).isEqualTo(FlowTradeStatus.TIMEOUT);
    assertThat(r.toClosedTrade().exitPrice()).isEqualTo(100.2);
  }

  @Test
  void snapshotRestore_continuesIdentically() {
    PaperPosition a = open(1, 200);
    a.onPrice(1, 101.2, true, NOW, FEE);
    PaperPosition b = PaperPosition.restore(a.snapshot());
    assertThat(b.snapshot()).isEqualTo(a.snapshot());
    a.onPrice(2, 102.3, true, NOW, FEE);
    b.onPrice(2, 102.3, true, NOW, FEE);
    assertThat(b.toClosedTrade()).isEqualTo(a.toClosedTrade());
  }
}
