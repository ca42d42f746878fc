package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: {@code perpetua run} as a child JVM is killed with SIGKILL while a rebalance's
 * orders are in flight (journaled as open, not yet filled), restarted on the same data directory
 * and run to the end of the data. The journal must then hold exactly what a run that was never
 * killed holds: the same client order ids with the same final status and filled amounts, the same
 * fills, the same rebalances, positions and NAV, and no id twice.
 */
class PlatformCrashTest {
  /** Event seconds per wall second: the three days of replay take about 7 s. */
  private static final double SPEED = 36_000;

  private static final int DAYS = 3;

  @TempDir Path tmp;

  private final List<PlatformProcess> started = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    started.forEach(PlatformProcess::close);
  }

  private PlatformProcess start(Path dataDir, Path config) throws Exception {
    PlatformProcess p = PlatformProcess.start(dataDir, config, SPEED);
    started.add(p);
    return p;
  }

  @Test
  void sigkillWithOrdersInFlight_restart_sameJournalAsAnUninterruptedRun() throws Exception {
    Path config = PlatformProcess.writeConfig(tmp.resolve("perpetua.yaml"), "0 * * * *", DAYS);
    Path referenceDir = tmp.resolve("reference");
    Path crashedDir = tmp.resolve("crashed");
    PlatformProcess.copyImported(referenceDir);
    PlatformProcess.copyImported(crashedDir);

    long t0 = System.nanoTime();
    PlatformProcess reference = start(referenceDir, config);
    PlatformProcess crashed = start(crashedDir, config);

    // a rebalance in the middle of the replay: some completed before, its orders sent, unfilled
    crashed.await(
        "/api/v1/orders/rebalance-history",
        d -> d.get("pagination").get("total_items").asInt() >= 3,
        60_000);
    // a bar lasts 0.1 s here: the kill may land after the orders seen open were filled; then the
    // process is restarted (a crash like any other) and killed again at a later rebalance
    List<String> inFlightIds = List.of();
    for (int attempt = 1; attempt <= 5 && inFlightIds.isEmpty(); attempt++) {
      JsonNode seen =
          crashed.await(
              "/api/v1/account/open-orders", d -> d.get("total_open_orders").asInt() > 0, 60_000);
      crashed.kill();
      System.out.printf(
          "crash test: killed at %d ms (attempt %d)%n",
          (System.nanoTime() - t0) / 1_000_000, attempt);
      List<String> seenIds = new ArrayList<>();
      seen.get("orders").forEach(o -> seenIds.add(o.get("order_id").asText()));
      assertThat(journaledOrders(crashedDir, false))
          .as("orders the API showed were journaled before the kill (durable commit)")
          .containsAll(seenIds);
      inFlightIds = journaledOrders(crashedDir, true);
      if (inFlightIds.isEmpty()) {
        crashed = start(crashedDir, config);
      }
    }
    assertThat(inFlightIds).as("killed with orders in flight within 5 attempts").isNotEmpty();

    reference.awaitReplayFinished(90_000);
    Journal expected = Journal.of(reference);
    System.out.printf("crash test: reference done %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    reference.close();

    PlatformProcess second = start(crashedDir, config);
    second.awaitReplayFinished(90_000);
    Journal actual = Journal.of(second);
    System.out.printf("crash test: restart done %d ms%n", (System.nanoTime() - t0) / 1_000_000);

    assertThat(expected.orders).as("reference run traded").hasSizeGreaterThan(100);
    for (String id : inFlightIds) {
      assertThat(actual.orders.get(id))
          .as("order %s, in flight at the kill", id)
          .isEqualTo(expected.orders.get(id));
    }
    assertThat(actual.orders.keySet()).isEqualTo(expected.orders.keySet());
    assertThat(actual.orders).isEqualTo(expected.orders);
    assertThat(actual.trades).isEqualTo(expected.trades);
    assertThat(actual.rebalances).isEqualTo(expected.rebalances);
    assertThat(actual.openOrders).isEqualTo(expected.openOrders);
    assertThat(actual.positions).isEqualTo(expected.positions);
    assertThat(actual.nav).isEqualTo(expected.nav);
  }

  /**
   * Client ids of the orders the embedded journal in {@code dataDir} holds: only those not yet done
   * when {@code openOnly}.
   */
  private static List<String> journaledOrders(Path dataDir, boolean openOnly) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Database db = Database.open(DatabaseConfig.embedded(dataDir));
        Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT client_order_id FROM orders"
                    + (openOnly
                        ? " WHERE status IN ('pending', 'open', 'partially_filled')"
                        : ""))) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** What a finished run left in the journal and the published state, comparable with equals. */
  private record Journal(
      Map<String, String> orders,
      Map<String, String> trades,
      Map<String, String> rebalances,
      TreeSet<String> openOrders,
      TreeSet<String> positions,
      String nav) {
    static Journal of(PlatformProcess p) throws Exception {
      Map<String, String> orders = new TreeMap<>();
      p.allOrders()
          .forEach(
              (id, o) ->
                  orders.put(
                      id,
                      fields(
                          o,
                          "status",
                          "symbol",
                          "side",
                          "amount",
                          "filled_amount",
                          "avg_fill_price",
                          "fee",
                          "rebalance_id",
                          "reject_reason")));
      Map<String, String> trades = new TreeMap<>();
      p.allTrades()
          .forEach(
              (id, t) ->
                  trades.put(
                      id, fields(t, "order_id", "symbol", "amount", "price", "fee", "timestamp")));
      Map<String, String> rebalances = new TreeMap<>();
      for (JsonNode r : p.get("/api/v1/orders/rebalance-history?page_size=500").get("rebalances")) {
        rebalances.put(
            r.get("rebalance_id").asText(),
            fields(r, "orders_total", "orders_filled", "orders_failed", "turnover", "fee_total"));
      }
      TreeSet<String> open = new TreeSet<>();
      p.get("/api/v1/account/open-orders")
          .get("orders")
          .forEach(o -> open.add(o.get("order_id").asText()));
      TreeSet<String> positions = new TreeSet<>();
      p.get("/api/v1/account/positions")
          .get("positions")
          .forEach(
              pos ->
                  positions.add(
                      fields(pos, "symbol", "side", "contracts", "entry_price", "mark_price")));
      JsonNode nav = p.get("/api/v1/portfolio/nav?interval=hourly");
      return new Journal(
          orders,
          trades,
          rebalances,
          open,
          positions,
          nav.get("current_nav").asText() + " " + nav.get("datapoints"));
    }

    private static String fields(JsonNode node, String... names) {
      StringBuilder sb = new StringBuilder();
      for (String n : names) {
        sb.append(n).append('=').append(node.get(n)).append(' ');
      }
      return sb.toString().trim();
    }
  }
}
