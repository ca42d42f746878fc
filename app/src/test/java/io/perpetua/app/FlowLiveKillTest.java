package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.tick.AggTrade;
import io.perpetua.market.tick.TradeFileReader;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow position's live exits are never doubled by a real SIGKILL: the platform runs as a child
 * JVM ({@code venue.type: fake-binance}, the order-flow strategies on the trading kernel replaying
 * the real tick sample) whose flow account is a fake Binance of this JVM ({@code
 * flow.live_rest_url}), which outlives the child and only refuses a client order id while an order
 * with it is open (Binance's rule). Its order answers are slowed, and the child is killed once a
 * seeded number of orders, the last one a position's reduce-only exit, reached the venue; a new
 * child on the same data directory resumes the kernel from its journal (orders journaled before
 * they were sent, brackets and strategy state in its checkpoint: the venue adapter adopts the
 * orders it already holds) and replays on. At the end the venue holds no client order id twice, the
 * same orders (type, status, reduce-only) as an uninterrupted run, no position, and the kernel's
 * journal booked every venue trade exactly once (its fills, read through {@code
 * /api/v1/flow/live/positions}, equal the venue's trades of its orders).
 */
class FlowLiveKillTest {
  private static final String SYMBOL = "BTCUSDT";
  private static final double SPEED = 300;

  @TempDir Path work;
  private Path shared;
  private long lastTickMs;
  private BigDecimal firstPrice;

  /** What the venue recorded of one run: id → type, status and reduce-only, in placement order. */
  private record Outcome(Map<String, String> orders, List<Integer> reduceOnlyAt) {}

  @BeforeEach
  void sample() throws IOException {
    Path file = SharedData.require("ticks/BTCUSDT-trades-2020-02-22.csv");
    shared = Files.createDirectories(work.resolve("shared"));
    Path ticks = Files.createDirectories(shared.resolve("ticks")).resolve(file.getFileName());
    Files.createSymbolicLink(ticks, file.toAbsolutePath()); // only the tick file: synthetic bars
    List<AggTrade> replayed = TradeFileReader.readAggTrades(ticks);
    lastTickMs = replayed.get(replayed.size() - 1).timeMs();
    firstPrice = BigDecimal.valueOf(replayed.get(0).price());
  }

  @Test
  void sigkillDuringAFlowPositionsExits_neverDoublesAnOrder() throws Exception {
    Outcome reference = run("reference", -1);
    assertThat(reference.reduceOnlyAt()).as("the sample's positions were exited").isNotEmpty();
    SplittableRandom seeds = new SplittableRandom(12);
    for (int i = 0; i < 3; i++) {
      int killAfter = reference.reduceOnlyAt().get(seeds.nextInt(reference.reduceOnlyAt().size()));
      Outcome killed = run("kill-" + i, killAfter);
      assertThat(killed.orders())
          .as("run %d killed after %d of %d orders", i, killAfter, reference.orders().size())
          .isEqualTo(reference.orders());
    }
  }

  /**
   * One run on a fresh venue and data directory to the end of the sample; {@code killAfter} > 0
   * kills the child once the venue holds that many orders, then restarts it.
   */
  private Outcome run(String name, int killAfter) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    FakeBinanceServer fake =
        FakeBinanceServer.start(
            List.of(FakeListing.standard(SYMBOL, firstPrice)),
            "127.0.0.1",
            0,
            new BigDecimal("10000"));
    try {
      fake.faults().delayAcknowledgements(300); // every run alike: answers come late
      Path config = writeConfig(dir.resolve("live.yaml"), fake);
      List<String> args =
          List.of(
              "run", "--config=" + config, "--data-dir=" + dataDir, "--port=0", "--speed=" + SPEED);
      Map<String, String> env =
          Map.of(
              "PERPETUA_FLOW_BINANCE_API_KEY", FakeBinanceServer.API_KEY,
              "PERPETUA_FLOW_BINANCE_API_SECRET", FakeBinanceServer.API_SECRET);
      try (PlatformProcess p = PlatformProcess.start(dataDir, Main.class.getName(), args, env)) {
        if (killAfter > 0) {
          long end = System.currentTimeMillis() + 120_000;
          while (fake.exchange().orderCount() < killAfter && System.currentTimeMillis() < end) {
            Thread.sleep(1);
          }
          assertThat(fake.exchange().orderCount())
              .as("orders before the kill")
              .isEqualTo(killAfter);
          p.kill();
        } else {
          awaitDone(p, fake);
        }
      }
      if (killAfter > 0) {
        try (PlatformProcess p = PlatformProcess.start(dataDir, Main.class.getName(), args, env)) {
          awaitDone(p, fake);
        }
      }
      return outcome(fake);
    } finally {
      fake.close();
    }
  }

  private Path writeConfig(Path file, FakeBinanceServer fake) throws IOException {
    Files.writeString(
        file,
        """
        venue:
          type: fake-binance
        data:
          shared_data: %s
        flow:
          live_rest_url: %s
          live_ws_url: %s
        """
            .formatted(shared, fake.restBaseUrl(), fake.wsBaseUrl()));
    return file;
  }

  /**
   * Waits until the kernel has replayed the last tick, has no flow order working, the venue is flat
   * and the kernel has booked exactly the venue's trades, with the venue's order count still for
   * two seconds.
   */
  private void awaitDone(PlatformProcess p, FakeBinanceServer fake) throws Exception {
    long end = System.currentTimeMillis() + 150_000;
    int count = -1;
    long stableSince = 0;
    while (System.currentTimeMillis() < end) {
      boolean done;
      try {
        done = replayed(p) && idle(p) && flat(fake) && booked(p) == trades(fake, handled(p));
      } catch (AssertionError e) { // 503 while the engine restores
        done = false;
      }
      int now = fake.exchange().orderCount();
      if (!done || now != count) {
        count = now;
        stableSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - stableSince >= 2_000) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "not done: paper "
            + p.envelope("/api/v1/flow/paper/summary")
            + ", live "
            + p.envelope("/api/v1/flow/live/summary")
            + ", flat "
            + flat(fake)
            + ", last tick "
            + lastTickMs
            + ", venue orders "
            + fake.exchange().allOrders()
            + ", venue trades "
            + trades(fake)
            + "\n"
            + p.console());
  }

  private boolean replayed(PlatformProcess p) throws Exception {
    String last = p.get("/api/v1/flow/paper/summary").path("last_tick_time").asText("");
    return !last.isEmpty()
        && Instant.parse(last).toEpochMilli() >= lastTickMs / 1000 * 1000; // whole s
  }

  private static boolean idle(PlatformProcess p) throws Exception {
    return p.get("/api/v1/flow/live/summary").get("working").asLong() == 0;
  }

  private static int booked(PlatformProcess p) throws Exception {
    int fills = 0;
    for (JsonNode x : p.get("/api/v1/flow/live/positions").get("items")) {
      fills += x.get("fills").asInt();
    }
    return fills;
  }

  private static int trades(FakeBinanceServer fake) {
    return fake.exchange().userTrades(SYMBOL, null).size();
  }

  /** The venue's trades of the orders with these client ids (the kernel's flow orders). */
  private static int trades(FakeBinanceServer fake, Set<String> clientIds) {
    Set<Long> orderIds = new HashSet<>();
    for (JsonNode o : fake.exchange().allOrders()) {
      if (clientIds.contains(o.get("clientOrderId").asText())) {
        orderIds.add(o.get("orderId").asLong());
      }
    }
    int n = 0;
    for (JsonNode t : fake.exchange().userTrades(SYMBOL, null)) {
      n += orderIds.contains(t.get("orderId").asLong()) ? 1 : 0;
    }
    return n;
  }

  /** The client ids of the kernel's flow orders (its journal: both processes). */
  private static Set<String> handled(PlatformProcess p) throws Exception {
    Set<String> ids = new HashSet<>();
    for (JsonNode o : p.get("/api/v1/flow/live/orders?page_size=500").get("items")) {
      if (!o.get("status").asText().equals("skipped")) {
        ids.add(o.get("client_order_id").asText());
      }
    }
    return ids;
  }

  private static boolean flat(FakeBinanceServer fake) {
    for (JsonNode x : fake.exchange().positionRisk()) {
      if (new BigDecimal(x.get("positionAmt").asText()).signum() != 0) {
        return false;
      }
    }
    return true;
  }

  /** The venue's orders (no client order id twice) and where the reduce-only ones were placed. */
  private static Outcome outcome(FakeBinanceServer fake) {
    Map<String, String> orders = new TreeMap<>();
    List<String> placed = new ArrayList<>();
    List<JsonNode> all = new ArrayList<>();
    fake.exchange().allOrders().forEach(all::add);
    all.sort((a, b) -> Long.compare(a.get("orderId").asLong(), b.get("orderId").asLong()));
    List<Integer> reduceOnlyAt = new ArrayList<>();
    for (JsonNode o : all) {
      String id = o.get("clientOrderId").asText();
      String was =
          orders.put(
              id,
              o.get("type").asText()
                  + " "
                  + o.get("status").asText()
                  + (o.get("reduceOnly").asBoolean() ? " reduce-only" : ""));
      assertThat(was).as("client order id %s placed twice", id).isNull();
      placed.add(id);
      if (o.get("reduceOnly").asBoolean()) {
        reduceOnlyAt.add(placed.size());
      }
    }
    return new Outcome(orders, reduceOnlyAt);
  }
}
