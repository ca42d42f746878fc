package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.event.OrderRejected;
import io.perpetua.core.event.RebalanceCompleted;
import io.perpetua.core.order.Fill;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.trading.port.AccountState;
import io.perpetua.trading.port.KernelCheckpoint;
import io.perpetua.trading.port.OrderDecision;
import io.perpetua.trading.port.OrderRecord;
import io.perpetua.trading.port.TradingJournal;
import io.perpetua.trading.risk.CircuitBreakers;
import io.perpetua.trading.risk.InMemoryRiskStore;
import io.perpetua.trading.risk.RiskConfig;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.risk.RiskLimits;
import io.perpetua.trading.risk.RuleReading;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The kernel journals why it decided each order (decision replay): the strategy's signal, target
 * weight and feature values for the symbol, and each risk rule's value and threshold at the check,
 * in the same checkpoint as the order's intent.
 */
class OrderDecisionKernelTest {
  private final KernelFixture fixture = new KernelFixture(20, 24 * 8, 5);

  /** Collects the checkpoints' decisions and orders. */
  private static final class Capture implements TradingJournal {
    final List<OrderDecision> decisions = new ArrayList<>();
    final Map<String, OrderRecord> firstRecord = new HashMap<>();
    final Map<String, Integer> decidedAtCommit = new HashMap<>();
    final Map<String, Integer> intendedAtCommit = new HashMap<>();
    int commits;

    @Override
    public void commit(KernelCheckpoint c) {
      commits++;
      for (OrderDecision d : c.decisions()) {
        decisions.add(d);
        decidedAtCommit.putIfAbsent(d.clientOrderId(), commits);
      }
      for (OrderRecord o : c.orders()) {
        String id = o.order().clientOrderId().value();
        firstRecord.putIfAbsent(id, o);
        intendedAtCommit.putIfAbsent(id, commits);
      }
    }

    @Override
    public Optional<AccountState> loadAccount(String accountId) {
      return Optional.empty();
    }

    @Override
    public Map<String, String> loadCursor(String accountId) {
      return Map.of();
    }

    @Override
    public List<OrderRecord> openOrders(String accountId) {
      return List.of();
    }

    @Override
    public List<OrderRecord> recentOrders(int limit) {
      return List.of();
    }

    @Override
    public List<Fill> recentFills(int limit) {
      return List.of();
    }

    @Override
    public List<RebalanceCompleted> recentRebalances(int limit) {
      return List.of();
    }

    @Override
    public long fillCount() {
      return 0;
    }
  }

  private static RiskEngine risk() {
    return RiskEngine.open(
        new RiskConfig(
            new RiskLimits(0.15, 1.2, 0.3, 100, 1000, 3.0, Set.of(), true),
            CircuitBreakers.off(),
            0.8),
        new InMemoryRiskStore(),
        () -> 0L);
  }

  @Test
  void everyCheckedOrder_journalsItsSignalFeaturesAndEachRulesValueAndThreshold() {
    RiskEngine risk = risk();
    Capture journal = new Capture();
    List<OrderRejected> rejected = new ArrayList<>();
    KernelListener listener =
        new KernelListener() {
          @Override
          public void onEvent(io.perpetua.core.event.Event e) {
            if (e instanceof OrderRejected r) {
              rejected.add(r);
            }
          }
        };
    TradingKernel k =
        fixture.kernel(
            new KernelPorts(journal, new InMemoryPlatformState(), listener, () -> 0L, risk),
            FundingSchedule.none());
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    assertSignals(journal);
    assertReadings(journal, rejected);
  }

  @Test
  void breakerCloseAll_ordersCarryTheBreakerAsTheirCause_signalOrdersNone() {
    RiskEngine risk =
        RiskEngine.open(
            new RiskConfig(
                RiskLimits.unlimited(),
                new CircuitBreakers(0.0001, 0, 0, true, 0, 0, 0, 0, 0, 0, 0),
                0.8),
            new InMemoryRiskStore(),
            System::currentTimeMillis);
    Capture journal = new Capture();
    TradingKernel k =
        new KernelFixture(80, 24 * 8, 11)
            .kernel(
                new KernelPorts(
                    journal, new InMemoryPlatformState(), new KernelListener() {}, () -> 0L, risk),
                FundingSchedule.none());
    k.resume(KernelFixture.START);
    k.run(Pacer.unpaced());
    List<OrderDecision> forced =
        journal.decisions.stream()
            .filter(d -> rebalanceOf(journal, d).startsWith("risk-"))
            .toList();
    assertThat(forced).isNotEmpty();
    for (OrderDecision d : forced) {
      assertThat(d.signals()).isEmpty();
      assertThat(d.cause().kind()).isEqualTo("risk_rule");
      assertThat(d.cause().source()).isEqualTo("daily_loss");
      assertThat(d.cause().detail()).isEqualTo(rebalanceOf(journal, d));
    }
    List<OrderDecision> signalled =
        journal.decisions.stream().filter(d -> !d.signals().isEmpty()).toList();
    assertThat(signalled).isNotEmpty().allMatch(d -> d.cause() == null);
  }

  private static String rebalanceOf(Capture journal, OrderDecision d) {
    var id = journal.firstRecord.get(d.clientOrderId()).order().rebalanceId();
    return id == null ? "" : id.value();
  }

  private static void assertSignals(Capture journal) {
    assertThat(journal.decisions).isNotEmpty();
    assertThat(journal.decisions)
        .extracting(OrderDecision::clientOrderId)
        .containsExactlyInAnyOrderElementsOf(journal.firstRecord.keySet());
    for (OrderDecision d : journal.decisions) {
      // journaled no later than the order's first record (its intent or its rejection)
      assertThat(journal.decidedAtCommit.get(d.clientOrderId()))
          .isEqualTo(journal.intendedAtCommit.get(d.clientOrderId()));
      assertThat(d.signals()).hasSize(1);
      var signal = d.signals().get(0);
      assertThat(signal.strategy()).isEqualTo("baseline_rev");
      assertThat(signal.features()).containsOnlyKeys("zscore_neg_ret_2h", "zscore_neg_ret_4h");
      assertThat(signal.targetWeight()).isNotNull();
    }
  }

  private static void assertReadings(Capture journal, List<OrderRejected> rejected) {
    OrderDecision passed =
        journal.decisions.stream()
            .filter(d -> d.checks().stream().allMatch(RuleReading::passed))
            .filter(d -> d.checks().stream().anyMatch(c -> c.rule().equals("max_position_pct")))
            .findFirst()
            .orElseThrow();
    RuleReading position = reading(passed, "max_position_pct");
    assertThat(new BigDecimal(position.value()))
        .isLessThanOrEqualTo(new BigDecimal(position.threshold()));

    OrderRejected byValue =
        rejected.stream().filter(r -> r.rule().equals("max_order_value")).findFirst().orElseThrow();
    OrderDecision refused =
        journal.decisions.stream()
            .filter(d -> d.clientOrderId().equals(byValue.order().clientOrderId().value()))
            .findFirst()
            .orElseThrow();
    RuleReading last = refused.checks().getLast();
    assertThat(last.rule()).isEqualTo("max_order_value");
    assertThat(last.passed()).isFalse();
    assertThat(last.threshold()).isEqualTo("1000");
    assertThat(new BigDecimal(last.value())).isGreaterThan(new BigDecimal("1000"));
    assertThat(refused.checks().subList(0, refused.checks().size() - 1))
        .allMatch(RuleReading::passed)
        .extracting(RuleReading::rule)
        .contains("emergency_stop", "min_balance_reserve");
    assertThat(reading(refused, "min_balance_reserve").threshold()).isEqualTo("100");
  }

  private static RuleReading reading(OrderDecision d, String rule) {
    return d.checks().stream().filter(c -> c.rule().equals(rule)).findFirst().orElseThrow();
  }
}
