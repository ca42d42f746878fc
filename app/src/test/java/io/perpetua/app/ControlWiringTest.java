package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.app.config.ConfigException;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.ClientOrderIds;
import io.perpetua.core.Quantity;
import io.perpetua.core.StrategyId;
import io.perpetua.core.order.Order;
import io.perpetua.core.order.OrderSide;
import io.perpetua.core.order.OrderType;
import io.perpetua.trading.control.DeltaController;
import io.perpetua.trading.control.FeedRouter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane from configuration: a {@code control:} section with one fake-Binance and two
 * generic accounts starts the venues, polls their books into feeds and controls delta through the
 * configured accounts; bad sections fail naming the key; without accounts nothing starts.
 */
class ControlWiringTest {
  private static final String SECTION =
      """
      control:
        poll_ms: 100
        failing_after_ms: 1000
        accounts:
          - {id: binance-main, venue: fake-binance, kind: perp, credentials: none, leverage: 10,
             margin_mode: cross, taker_fee: 0.0004, capital: 20000}
          - {id: generic-a, venue: generic, kind: perp, credentials: "env:GENERIC_A_KEY",
             leverage: 10, margin_mode: cross, taker_fee: 0.0004, capital: 20000}
          - {id: generic-b, venue: generic, kind: perp, credentials: none, leverage: 5,
             margin_mode: isolated, taker_fee: 0.0006, capital: 20000}
      """;

  @TempDir Path dir;

  private PerpetuaConfig load(String yaml) throws Exception {
    Path f = dir.resolve("perpetua.yaml");
    Files.writeString(f, yaml);
    PerpetuaConfig c = ConfigLoader.load(f, Map.of());
    io.perpetua.app.config.ControlSettings.validate(c.control()); // as ControlWiring.start does
    return c;
  }

  private static void open(ControlWiring w, String id, String signed) {
    BigDecimal q = new BigDecimal(signed);
    w.venue(id)
        .submit(
            new Order(
                ClientOrderIds.derive(StrategyId.of("setup"), id, "x"),
                ControlWiring.BTC,
                q.signum() > 0 ? OrderSide.BUY : OrderSide.SELL,
                OrderType.MARKET,
                Quantity.of(q.abs(), 3),
                null,
                false,
                StrategyId.of("setup"),
                null,
                1L));
  }

  private static boolean await(java.util.function.BooleanSupplier c) throws Exception {
    long end = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < end) {
      if (c.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return c.getAsBoolean();
  }

  @Test
  void configuredAccounts_controlDelta_andFeedThePolledBooks() throws Exception {
    PerpetuaConfig c = load(SECTION);
    assertThat(c.control().accounts()).hasSize(3);
    try (ControlWiring w = ControlWiring.start(c.control()).orElseThrow()) {
      w.openOrderPaths(
          new io.perpetua.trading.port.InMemoryTradingJournal(),
          io.perpetua.trading.risk.RiskEngine.unlimited());
      open(w, "binance-main", "0.2");
      open(w, "generic-a", "0.1");
      open(w, "generic-b", "-0.05");
      var registry = w.plane().registry();
      List<String> ids = registry.ids();
      assertThat(ids).containsExactly("binance-main", "generic-a", "generic-b");
      assertThat(
              await(
                  () ->
                      registry.netted("BTC-USD", ids).net().compareTo(new BigDecimal("0.25")) == 0))
          .isTrue();
      DeltaController.Result r =
          w.plane()
              .deltaControl(
                  new DeltaController.Request(
                      BigDecimal.ZERO, ids, new BigDecimal("0.1"), "BTC-USD", null, false, 10_000));
      assertThat(r.success()).as(String.valueOf(r)).isTrue();
      assertThat(registry.netted("BTC-USD", ids).net().abs())
          .isLessThanOrEqualTo(new BigDecimal("0.005"));
      assertThat(w.intents()).hasSize(r.totalAdjustments());
      assertThat(
              await(
                  () ->
                      w.plane().feeds().view().feeds().stream()
                          .allMatch(f -> f.status().equals("healthy"))))
          .isTrue();
      FeedRouter.View v = w.plane().feeds().view();
      assertThat(v.feeds())
          .extracting(FeedRouter.FeedStatus::feedId)
          .containsExactly("binance-main-rest", "generic-a-rest", "generic-b-rest");
      assertThat(v.activeFeed()).isEqualTo("binance-main-rest");
    }
  }

  @Test
  void noAccounts_startsNothing() throws Exception {
    assertThat(ControlWiring.start(ConfigLoader.load(null, Map.of()).control())).isEmpty();
  }

  @Test
  void badSections_failNamingTheKey() {
    assertThatThrownBy(
            () ->
                load(
                    SECTION.replace(
                        "venue: generic, kind: perp, credentials: none",
                        "venue: kraken, kind: perp, credentials: none")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("control.accounts[2].venue");
    assertThatThrownBy(
            () ->
                load(SECTION.replace("credentials: \"env:GENERIC_A_KEY\"", "credentials: hunter2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("control.accounts[1]")
        .hasMessageContaining("must be a reference")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> load(SECTION.replace("id: generic-b", "id: generic-a")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("control.accounts[2].id");
    assertThatThrownBy(() -> load(SECTION.replace("poll_ms: 100", "poll_ms: 5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("control.poll_ms");
  }
}
