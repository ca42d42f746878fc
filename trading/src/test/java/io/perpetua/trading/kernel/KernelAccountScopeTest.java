package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.Price;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.OrderStatus;
import io.perpetua.trading.port.InMemoryTradingJournal;
import io.perpetua.trading.port.OrderRecord;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two kernels (two accounts) journaling to one journal, as the platform's bar kernel and its flow
 * kernel do: a restarted kernel takes back only its own account's working orders.
 */
class KernelAccountScopeTest {
  static final StrategyId A = StrategyId.of("scope_a");
  static final StrategyId B = StrategyId.of("scope_b");

  @Test
  void restartedKernel_adoptsOnlyItsOwnAccountsOrders() {
    HistoryJournal journal = new HistoryJournal();
    TradingKernel a = BracketKernelTest.kernel(oneShot(A), journal, "acct_a");
    TradingKernel b = BracketKernelTest.kernel(oneShot(B), journal, "acct_b");
    BracketKernelTest.WINNER.subList(0, 3).forEach(a::onTick);
    BracketKernelTest.WINNER.subList(0, 3).forEach(b::onTick);
    Set<ClientOrderId> ownWorking = a.workingOrderIds();
    assertThat(ownWorking).hasSize(1); // A's TP2 rests
    assertThat(b.workingOrderIds()).hasSize(1).doesNotContainAnyElementsOf(ownWorking);

    TradingKernel restarted = BracketKernelTest.kernel(oneShot(A), journal, "acct_a");

    assertThat(restarted.workingOrderIds()).isEqualTo(ownWorking);
    Set<String> working = ids(journal.openOrders("acct_a"));
    assertThat(working)
        .isEqualTo(ownWorking.stream().map(ClientOrderId::value).collect(Collectors.toSet()));
    // B's order is untouched: still working in the journal, under B's account only
    assertThat(ids(journal.openOrders("acct_b")))
        .isEqualTo(
            b.workingOrderIds().stream().map(ClientOrderId::value).collect(Collectors.toSet()));
  }

  @Test
  void inMemoryJournal_scopesOpenOrdersByAccount() {
    InMemoryTradingJournal journal = new InMemoryTradingJournal();
    TradingKernel a = BracketKernelTest.kernel(oneShot(A), journal, "acct_a");
    TradingKernel b = BracketKernelTest.kernel(oneShot(B), journal, "acct_b");
    BracketKernelTest.WINNER.subList(0, 3).forEach(a::onTick);
    BracketKernelTest.WINNER.subList(0, 3).forEach(b::onTick);

    assertThat(journal.openOrders("acct_a"))
        .extracting(r -> r.order().strategy())
        .containsOnly(A)
        .hasSize(1);
    assertThat(journal.openOrders("acct_b"))
        .extracting(OrderRecord::status)
        .containsOnly(OrderStatus.OPEN);
    assertThat(journal.openOrders("nobody")).isEmpty();
    TradingKernel restarted = BracketKernelTest.kernel(oneShot(B), journal, "acct_b");
    assertThat(restarted.workingOrderIds()).isEqualTo(b.workingOrderIds());
  }

  private static BracketKernelTest.OneShot oneShot(StrategyId id) {
    return new BracketKernelTest.OneShot(Price.parse("99.900", 3), id);
  }

  private static Set<String> ids(java.util.List<OrderRecord> records) {
    return records.stream().map(r -> r.order().clientOrderId().value()).collect(Collectors.toSet());
  }
}
