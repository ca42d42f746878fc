package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Quantity;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcCarryStore;
import io.perpetua.trading.carry.CarryAlert;
import io.perpetua.trading.carry.CarryException;
import io.perpetua.trading.carry.CarryInstance;
import io.perpetua.trading.carry.CarryLedger;
import io.perpetua.trading.carry.CarryState;
import io.perpetua.trading.carry.CarryStore;
import io.perpetua.trading.control.AccountRegistry;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeExchange;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The funding carry configured under {@code control.carry} on the local fakes (spot leg on a fake
 * Binance's spot API, perp leg on a fake Binance's futures API), recording to the database: a
 * dry-run cycle, the switch to real mode through the checklist and a confirmation, the same cycle
 * for real — HOLDING with the legs on the venues, a funding settlement booked, closed flat — and
 * both ledgers equal, prices aside.
 */
class CarryOnFakesTest {
  private static final String SECTION =
      """
      control:
        poll_ms: 100
        failing_after_ms: 1000
        accounts:
          - {id: spot-a, venue: fake-binance, kind: spot, credentials: none, leverage: 1,
             margin_mode: cross, taker_fee: 0.001, capital: 10000}
          - {id: perp-a, venue: fake-binance, kind: perp, credentials: none, leverage: 1,
             margin_mode: cross, taker_fee: 0.0005, capital: 20000}
        carry:
          - {id: btc, underlying: BTC-USD, spot_account: spot-a, perp_account: perp-a,
             max_notional: 10000, tick_ms: 100}
      """;

  @TempDir Path dir;

  private static void await(BooleanSupplier c, String what) throws InterruptedException {
    long end = System.currentTimeMillis() + 20_000;
    while (!c.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(end);
      Thread.sleep(20); // polling with a deadline
    }
  }

  private static void cycle(
      CarryInstance c, ControlWiring w, FakeExchange perp, CarryStore store, boolean real)
      throws InterruptedException {
    int booked = store.funding("btc", 100).size();
    c.start(Quantity.parse("0.100", c.spec().spotInstrument().quantityScale()), "alice");
    c.confirm("alice");
    await(() -> c.status().state() == CarryState.HOLDING, "holding " + c.status());
    assertThat(c.status().hedgeDeviation()).isLessThanOrEqualTo(0.01);
    AccountRegistry registry = w.plane().registry();
    BigDecimal spotHeld = w.fake("spot-a").fake.spotBalance("BTC");
    BigDecimal perpHeld =
        AccountRegistry.position(registry.entry("perp-a"), c.spec().perpInstrument().id());
    assertThat(spotHeld).isEqualByComparingTo(real ? "0.100" : "0");
    assertThat(perpHeld).isEqualByComparingTo(real ? "-0.100" : "0");
    perp.settleFunding(new BigDecimal("0.0001"));
    await(() -> store.funding("btc", 100).size() == booked + 1, "funding booked");
    c.close("bob");
    c.confirm("bob");
    await(() -> c.status().state() == CarryState.IDLE, "idle " + c.status());
    assertThat(w.fake("spot-a").fake.spotBalance("BTC")).isEqualByComparingTo("0");
  }

  private PerpetuaConfig config() throws java.io.IOException {
    Path f = dir.resolve("perpetua.yaml");
    Files.writeString(f, SECTION);
    return ConfigLoader.load(f, Map.of());
  }

  /**
   * The configured carry on {@code w} (its accounts' order paths on {@code db}), recording to
   * {@code store}, after its first good read.
   */
  private static CarryInstance started(ControlWiring w, CarryStore store, Database db)
      throws InterruptedException {
    w.openOrderPaths(
        new io.perpetua.store.jdbc.JdbcTradingJournal(db),
        io.perpetua.trading.risk.RiskEngine.unlimited());
    CarryInstance c = w.startCarries(store).get(0);
    await(() -> c.status().updatedMs() > 0 && c.status().lastError().isEmpty(), "first read");
    return c;
  }

  private static List<String> ledger(CarryStore store, String mode) {
    return store.ledger("btc", 100).stream()
        .filter(m -> m.mode().equals(mode))
        .map(CarryStore.Moded::value)
        .map(CarryLedger::withoutPrices)
        .map(l -> l.replaceAll("carry-btc-[0-9]+-", "carry-btc-N-"))
        .sorted()
        .toList();
  }

  @Test
  void dryRunThenReal_onTheFakes_sameLedgerPricesAside_recordedInTheDatabase() throws Exception {
    try (Database db = Database.open(DatabaseConfig.embedded(dir.resolve("db")));
        ControlWiring w = ControlWiring.start(config().control()).orElseThrow()) {
      JdbcCarryStore store = new JdbcCarryStore(db);
      CarryInstance c = started(w, store, db);
      FakeExchange perp = w.fake("perp-a").fake.exchange();
      assertThat(c.status().mode()).isEqualTo(CarryInstance.DRY_RUN);
      cycle(c, w, perp, store, false);
      assertThat(w.intents()).as("dry-run sends nothing").isEmpty();

      c.requestMode(CarryInstance.REAL, "alice");
      assertThat(c.status().mode()).isEqualTo(CarryInstance.DRY_RUN);
      c.confirm("bob");
      assertThat(c.status().mode()).isEqualTo(CarryInstance.REAL);
      cycle(c, w, perp, store, true);

      assertThat(w.intents())
          .as("every real leg journaled before it was sent, none twice")
          .containsExactlyInAnyOrder(
              "perp-a carry-btc-2-o-perp-1",
              "spot-a carry-btc-2-o-spot-1",
              "perp-a carry-btc-2-c-perp-1",
              "spot-a carry-btc-2-c-spot-1");
      assertThat(
              new io.perpetua.store.jdbc.JdbcTradingJournal(db)
                  .recentOrders(100).stream()
                      .filter(r -> r.order().clientOrderId().value().startsWith("carry-btc-2-"))
                      .map(r -> r.order().clientOrderId().value() + " " + r.status())
                      .toList())
          .as("both legs on the accounts' kernels: in the trading journal, filled")
          .containsExactlyInAnyOrder(
              "carry-btc-2-o-perp-1 FILLED",
              "carry-btc-2-o-spot-1 FILLED",
              "carry-btc-2-c-perp-1 FILLED",
              "carry-btc-2-c-spot-1 FILLED");
      assertThat(ledger(store, "real")).hasSize(5).isEqualTo(ledger(store, "dry_run"));
      assertThat(store.funding("btc", 100))
          .allSatisfy(m -> assertThat(m.value().amount().signum()).isPositive());
      assertThat(store.loadState("btc").orElseThrow()).containsEntry("runtime.mode", "real");
    }
  }

  /**
   * Clock drift and margin ratio read from the fake Binance in the running control plane: the
   * fake's clock skewed by 5 s blocks trading (start refused, checklist item failed) until it is
   * back; in real mode while HOLDING, uniMMR 1.30 raises margin_warn and keeps holding, 1.20 halts
   * with a CRITICAL margin_danger and closes nothing (both legs stay on the venues).
   */
  @Test
  void clockDriftBlocks_marginRatioWarnsThenHalts_readFromTheFakes() throws Exception {
    try (Database db = Database.open(DatabaseConfig.embedded(dir.resolve("db")));
        ControlWiring w = ControlWiring.start(config().control()).orElseThrow()) {
      JdbcCarryStore store = new JdbcCarryStore(db);
      CarryInstance c = started(w, store, db);
      FakeBinanceServer venue = w.fake("perp-a").fake;
      Quantity q = Quantity.parse("0.100", c.spec().spotInstrument().quantityScale());

      venue.faults().clockSkew(5_000);
      await(() -> !check(c, "clock_drift"), "drift measured");
      assertThatThrownBy(() -> c.start(q, "alice"))
          .isInstanceOf(CarryException.class)
          .hasMessageContaining("clock drift");
      venue.faults().clockSkew(0);
      await(() -> check(c, "clock_drift"), "drift gone");

      cycle(c, w, venue.exchange(), store, false);
      c.requestMode(CarryInstance.REAL, "alice");
      c.confirm("bob");
      c.start(q, "alice");
      c.confirm("alice");
      await(() -> c.status().state() == CarryState.HOLDING, "holding " + c.status());
      venue.faults().marginRatio(new BigDecimal("1.30"));
      await(() -> kinds(store).contains("margin_warn"), "margin_warn");
      assertThat(c.status().state()).isEqualTo(CarryState.HOLDING);
      venue.faults().marginRatio(new BigDecimal("1.20"));
      await(() -> c.status().state() == CarryState.HALTED, "halted " + c.status());
      assertThat(store.events("btc", 200))
          .anySatisfy(
              e -> {
                assertThat(e.kind()).isEqualTo("margin_danger");
                assertThat(e.severity()).isEqualTo("CRITICAL");
              });
      assertThat(w.intents()).as("no automatic close").noneMatch(i -> i.contains("-c-"));
      assertThat(w.fake("spot-a").fake.spotBalance("BTC")).isEqualByComparingTo("0.100");
      assertThat(
              AccountRegistry.position(
                  w.plane().registry().entry("perp-a"), c.spec().perpInstrument().id()))
          .isEqualByComparingTo("-0.100");
    }
  }

  private static boolean check(CarryInstance c, String name) {
    return c.checklist().stream()
        .filter(k -> k.name().equals(name))
        .findFirst()
        .orElseThrow()
        .passed();
  }

  private static List<String> kinds(CarryStore store) {
    return store.events("btc", 200).stream().map(CarryAlert::kind).toList();
  }
}
