package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.venue.binance.fake.FakeBinanceServer;
import io.perpetua.venue.binance.fake.FakeListing;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retry never doubles an order, under real SIGKILLs: the platform runs as a child JVM ({@code
 * venue.type: binance}) against the fake Binance of this JVM, which only refuses a client order id
 * while an order with it is open. The test moves the venue's market time (and the child's bar
 * clock, through a file) bar by bar to the daily rebalance, slows the venue's order
 * acknowledgements, and kills the child after a seeded number of that rebalance's orders reached
 * the venue (their answers not yet back), restarts it on the same data directory and lets it
 * finish. The venue's own record then holds no client order id twice, the same orders per symbol as
 * an uninterrupted run, and the same positions: the kernel journaled the rebalance's orders as
 * intended before it sent the first, and the restart sent them again, the adapter adopting the ones
 * the venue already had ({@code PriorOrders}) and placing the rest once.
 */
class FakeBinanceKillTest {
  private static final long HOUR = 3_600_000L;
  private static final List<String> SYMBOLS =
      List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "AAAUSDT", "BBBUSDT");

  /** 21:30 UTC of tomorrow: the same market time for every run of the test, 3 bars to 23:59. */
  private static final long START =
      (Math.floorDiv(System.currentTimeMillis(), 86_400_000L) + 1) * 86_400_000L
          + 21 * HOUR
          + 30 * 60_000L;

  @TempDir Path work;
  private int killedAt;

  /** What the venue recorded of one run. */
  private record Outcome(Map<String, Integer> ordersPerSymbol, Map<String, String> positions) {}

  @Test
  void sigkillWhileARebalancesOrdersAreSubmitted_neverDoublesAnOrder() throws Exception {
    Outcome reference = run("reference", -1);
    assertThat(reference.positions()).as("the rebalance traded").isNotEmpty();
    int orders = reference.ordersPerSymbol().values().stream().mapToInt(Integer::intValue).sum();
    SplittableRandom seeds = new SplittableRandom(22);
    for (int i = 0; i < 3; i++) {
      int killAfter = 1 + seeds.nextInt(Math.max(1, orders - 1)); // some, not all, of the orders
      Outcome killed = run("kill-" + i, killAfter);
      assertThat(killedAt)
          .as("run %d: killed before the rebalance's last order", i)
          .isLessThan(orders);
      assertThat(killed.ordersPerSymbol())
          .as("run %d killed after %d of %d orders: orders per symbol", i, killAfter, orders)
          .isEqualTo(reference.ordersPerSymbol());
      assertThat(killed.positions()).as("run %d: positions", i).isEqualTo(reference.positions());
    }
  }

  /**
   * One run on a fresh venue and data directory through the first rebalance; {@code killAfter} > 0
   * kills the child once the venue holds that many orders, then restarts it.
   */
  private Outcome run(String name, int killAfter) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    try (Venue venue = new Venue(dir)) {
      Path config = venue.writeConfig(dir.resolve("live.yaml"));
      List<String> args =
          List.of(config.toString(), dataDir.toString(), venue.clockFile.toString());
      Map<String, String> env =
          Map.of(
              "PERPETUA_BINANCE_API_KEY", FakeBinanceServer.API_KEY,
              "PERPETUA_BINANCE_API_SECRET", FakeBinanceServer.API_SECRET);
      try (PlatformProcess p = PlatformProcess.start(dataDir, Child.class.getName(), args, env)) {
        venue.awaitBar(p);
        if (killAfter > 0) {
          venue.fake.faults().delayAcknowledgements(400);
        }
        venue.throughRebalance(p);
        if (killAfter > 0) {
          awaitOrders(venue, killAfter);
          p.kill();
          killedAt = venue.fake.exchange().orderCount();
        } else {
          awaitSettled(p, venue, true);
        }
      }
      if (killAfter > 0) {
        venue.fake.faults().delayAcknowledgements(0);
        try (PlatformProcess p = PlatformProcess.start(dataDir, Child.class.getName(), args, env)) {
          venue.awaitBar(p);
          venue.nextBar(); // a bar after the restart: the kernel steps and reconciles
          venue.awaitBar(p);
          awaitSettled(p, venue, false);
        }
      }
      return venue.outcome();
    }
  }

  private static void awaitOrders(Venue venue, int count) throws InterruptedException {
    long end = System.currentTimeMillis() + 90_000;
    while (venue.fake.exchange().orderCount() < count && System.currentTimeMillis() < end) {
      Thread.sleep(1);
    }
    assertThat(venue.fake.exchange().orderCount()).as("orders at the venue").isGreaterThan(0);
  }

  /**
   * Waits until the journal holds no open order (and some order when {@code traded}) and the
   * venue's order count has not moved for two seconds.
   */
  private static void awaitSettled(PlatformProcess p, Venue venue, boolean traded)
      throws Exception {
    long end = System.currentTimeMillis() + 90_000;
    int count = -1;
    long stableSince = 0;
    while (System.currentTimeMillis() < end) {
      try {
        p.await(
            "/api/v1/orders/history?page_size=500",
            d -> (!traded || d.at("/pagination/total_items").asInt() > 0) && openOrders(d) == 0,
            90_000);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + p.console(), e);
      }
      int now = venue.fake.exchange().orderCount();
      if (now != count) {
        count = now;
        stableSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - stableSince >= 2_000) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the venue's orders did not settle: " + count + "\n" + p.console());
  }

  private static long openOrders(JsonNode history) {
    long open = 0;
    for (JsonNode o : history.get("items")) {
      String s = o.get("status").asText();
      if (s.equals("open") || s.equals("pending") || s.equals("partially_filled")) {
        open++;
      }
    }
    return open;
  }

  /** The fake Binance, its market time, and the file the child reads its bar clock from. */
  private static final class Venue implements AutoCloseable {
    final FakeBinanceServer fake;
    final Path clockFile;
    private final SplittableRandom rnd = new SplittableRandom(5);
    private long currentBar;

    Venue(Path dir) throws IOException {
      fake =
          FakeBinanceServer.start(
              SYMBOLS.stream().map(s -> FakeListing.standard(s, null)).toList(),
              "127.0.0.1",
              0,
              new BigDecimal("10000"));
      clockFile = dir.resolve("clock");
      for (String s : SYMBOLS) { // the market time of every run: the same history and prices
        fake.exchange().tradeAt(s, fake.exchange().lastPrice(s), BigDecimal.ONE, false, START);
      }
      currentBar = fake.exchange().seedHistory("1h", 200, 11);
      setClock(currentBar + 60_000);
    }

    Path writeConfig(Path file) throws IOException {
      Files.writeString(
          file,
          """
          venue:
            type: binance
            reconcile_every_bars: 1
            settle_wait_ms: 3000
          binance:
            environment: testnet
            rest_url: %s
            ws_url: %s
            symbols: [%s]
            history_bars: 120
            grace_seconds: 5
          risk:
            max_position_pct: 0.5
          strategies:
            baseline_rev:
              parameters:
                long_n: 2
                short_n: 2
          flow:
            enabled: false
          """
              .formatted(fake.restBaseUrl(), fake.wsBaseUrl(), String.join(", ", SYMBOLS)));
      return file;
    }

    private void setClock(long ms) throws IOException {
      Path tmp = clockFile.resolveSibling("clock.tmp");
      Files.writeString(tmp, Long.toString(ms));
      Files.move(tmp, clockFile, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Closes the current bar at the venue: every symbol prints in the next hour. */
    void nextBar() throws IOException {
      currentBar += HOUR;
      long t = currentBar + 2_000;
      setClock(t);
      for (String s : SYMBOLS) {
        BigDecimal last = fake.exchange().lastPrice(s);
        BigDecimal tick = FakeListing.standard(s, null).tickSize();
        double moved = last.doubleValue() * Math.exp(rnd.nextGaussian() * 0.02);
        BigDecimal px =
            BigDecimal.valueOf(moved).divide(tick, 0, RoundingMode.HALF_EVEN).max(BigDecimal.ONE);
        fake.exchange().tradeAt(s, px.multiply(tick), BigDecimal.ONE, rnd.nextBoolean(), t);
      }
    }

    /** Waits until the child's kernel has stepped the last closed bar. */
    void awaitBar(PlatformProcess p) throws Exception {
      long closed = currentBar - 1;
      try {
        awaitClosed(p, closed);
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + "\nvenue orders " + fake.exchange().orderCount() + "\n" + p.console(),
            e);
      }
    }

    private static void awaitClosed(PlatformProcess p, long closed) throws Exception {
      p.await(
          "/api/v1/health/pipeline",
          d -> {
            for (JsonNode s : d.get("stages")) {
              String last = s.path("last_run").asText("");
              if (s.get("name").asText().equals("data_ingestion")
                  && s.path("metrics").path("awaiting_bar").asBoolean(false)
                  && !last.isEmpty()
                  && Instant.parse(last).toEpochMilli() >= closed) {
                return true;
              }
            }
            return false;
          },
          90_000);
    }

    /** Bar by bar until the bar that closes at midnight has closed (the rebalance fires). */
    void throughRebalance(PlatformProcess p) throws Exception {
      long midnight = (Math.floorDiv(currentBar, 86_400_000L) + 1) * 86_400_000L;
      while (currentBar < midnight - HOUR) {
        nextBar();
        awaitBar(p);
      }
      nextBar(); // the 23:00 bar closes: the kernel's step past 23:59 rebalances
    }

    /** The venue's record: no client order id twice, orders per symbol, non-zero positions. */
    Outcome outcome() {
      Map<String, Integer> perSymbol = new TreeMap<>();
      Map<String, String> ids = new HashMap<>();
      for (JsonNode o : fake.exchange().allOrders()) {
        String id = o.get("clientOrderId").asText();
        assertThat(ids.put(id, o.toString())).as("client order id %s placed twice", id).isNull();
        perSymbol.merge(o.get("symbol").asText(), 1, Integer::sum);
      }
      Map<String, String> positions = new TreeMap<>();
      for (JsonNode x : fake.exchange().positionRisk()) {
        BigDecimal qty = new BigDecimal(x.get("positionAmt").asText());
        if (qty.signum() != 0) {
          positions.put(x.get("symbol").asText(), qty.stripTrailingZeros().toPlainString());
        }
      }
      return new Outcome(perSymbol, positions);
    }

    @Override
    public void close() {
      fake.close();
    }
  }

  /**
   * The child JVM: {@link Platform#start} on a config file and data directory with a bar clock read
   * from a file the test writes (market time, not the wall clock); prints the API line {@link
   * PlatformProcess} waits for.
   */
  static final class Child {
    private Child() {}

    public static void main(String[] args) throws Exception {
      Path clockFile = Path.of(args[2]);
      AtomicLong now = new AtomicLong(readClock(clockFile));
      Thread poll =
          new Thread(
              () -> {
                while (true) {
                  try {
                    now.set(readClock(clockFile));
                    Thread.sleep(2);
                  } catch (IOException | RuntimeException e) {
                    // the file is being replaced: keep the last time
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "clock-file");
      poll.setDaemon(true);
      poll.start();
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put("PERPETUA_PORT", "0");
      PerpetuaConfig config = ConfigLoader.load(Path.of(args[0]), env);
      Path noSharedData = Files.createTempDirectory("perpetua-no-shared-");
      Platform p =
          Platform.start(config, Path.of(args[1]), noSharedData, env, System.out, 3_600, now::get);
      System.out.println("API: http://localhost:" + p.port() + "/");
      Thread.currentThread().join();
    }

    private static long readClock(Path file) throws IOException {
      return Long.parseLong(Files.readString(file).trim());
    }
  }
}
