package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.trading.carry.CarryAlert;
import io.perpetua.trading.carry.CarryFunding;
import io.perpetua.trading.carry.CarryLedger;
import io.perpetua.trading.carry.CarryStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Carry state and records survive a reopen of the database, exactly (fixed point as text). */
class JdbcCarryStoreTest {
  @TempDir Path dir;

  @Test
  void stateAndRecords_surviveAReopen_exactly() {
    CarryLedger fill =
        new CarryLedger(
            "fill",
            "carry-b-1-o-spot-1",
            "BUY",
            new Quantity(100, 3),
            Price.parse("50000.10", 2),
            Money.parse("5.00001"),
            Money.ZERO,
            new Quantity(100, 3),
            new Quantity(0, 3),
            7);
    CarryLedger funding =
        new CarryLedger(
            "funding",
            "",
            "",
            new Quantity(0, 3),
            null,
            Money.ZERO,
            Money.parse("0.61500369"),
            new Quantity(100, 3),
            new Quantity(-100, 3),
            8);
    try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
      JdbcCarryStore store = new JdbcCarryStore(db);
      assertThat(store.loadState("b")).isEmpty();
      store.saveState("b", Map.of("carry.state", "opening", "carry.cycle", "1"));
      store.saveState("b", Map.of("carry.state", "holding", "carry.cycle", "1"));
      store.appendOrder(
          "b",
          new CarryStore.OrderRecord(
              6, "carry-b-1-o-spot-1", "spot", "BUY", "0.100", "50050.10", "real"));
      store.appendLedger("b", fill, "real");
      store.appendLedger("b", funding, "real");
      store.appendFunding("b", new CarryFunding(8, 0.000123, Money.parse("0.61500369")), "real");
      store.appendSnapshot("b", new CarryStore.Snapshot(9, "holding", "0.100", "-0.100", 0));
      store.appendEvent("b", new CarryAlert("CRITICAL", "margin_danger", "halted", 10));
      store.appendEvent("other", new CarryAlert("INFO", "opened", "other", 11));
    }
    try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
      JdbcCarryStore store = new JdbcCarryStore(db);
      assertThat(store.loadState("b"))
          .contains(Map.of("carry.state", "holding", "carry.cycle", "1"));
      assertThat(store.orders("b", 10))
          .singleElement()
          .satisfies(o -> assertThat(o.limitPrice()).isEqualTo("50050.10"));
      assertThat(store.ledger("b", 10))
          .extracting(CarryStore.Moded::value)
          .containsExactly(fill, funding);
      assertThat(store.ledger("b", 1)).extracting(CarryStore.Moded::value).containsExactly(funding);
      assertThat(store.funding("b", 10).get(0).value().amount())
          .isEqualTo(Money.parse("0.61500369"));
      assertThat(store.snapshots("b", 10).get(0).perpPosition()).isEqualTo("-0.100");
      assertThat(store.events("b", 10))
          .extracting(CarryAlert::kind)
          .containsExactly("margin_danger");
    }
  }
}
