package io.perpetua.venue.binance.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The fake Binance driven by a real third-party client: ccxt's {@code binanceusdm} and {@code
 * ccxt.pro} (pinned in {@code src/test/node/package-lock.json}, unmodified apart from its URLs) run
 * {@code src/test/node/ccxt-check.mjs}: every public and private REST call clients make, the market
 * streams and the user-data stream. The packages are installed with {@code npm ci} when missing.
 * Without {@code node} (or without the registry to install from) the test is skipped with a
 * message, unless {@code PERPETUA_REQUIRE_SERVICES=1} (CI), where it fails.
 */
class CcxtClientTest {
  private static final Path NODE_DIR = Path.of("src/test/node");

  /** The checks {@code ccxt-check.mjs} makes; all must pass. */
  private static final int CHECKS = 53;

  @Test
  void ccxt_binanceusdm_everyCallAndStream_works() throws Exception {
    require(run(List.of("node", "--version"), 20) == 0, "node is not installed");
    if (!Files.isDirectory(NODE_DIR.resolve("node_modules/ccxt"))) {
      int rc = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
      require(rc == 0, "npm ci failed (registry unreachable?) in " + NODE_DIR.toAbsolutePath());
    }
    try (FakeBinanceServer server =
        FakeBinanceServer.startLocal(
            List.of(
                FakeListing.standard("BTCUSDT", new BigDecimal("50000.0")),
                FakeListing.standard("ETHUSDT", new BigDecimal("3000.00"))))) {
      FakeExchange x = server.exchange();
      List<String> all = new ArrayList<>();
      for (FakeInterval i : FakeInterval.values()) {
        all.add(i.code());
      }
      x.setKlineIntervals(all);
      for (String code : all) {
        x.seedHistory(code, 50, 7);
      }
      AtomicBoolean running = new AtomicBoolean(true);
      Thread prints = Thread.ofPlatform().daemon().start(() -> print(x, running));
      List<String> out = new ArrayList<>();
      int rc;
      try {
        rc =
            run(
                List.of(
                    "node",
                    "ccxt-check.mjs",
                    server.restBaseUrl(),
                    server.wsBaseUrl(),
                    FakeBinanceServer.API_KEY,
                    FakeBinanceServer.API_SECRET),
                180,
                out);
      } finally {
        running.set(false);
        prints.join(2_000);
      }
      String log = String.join("\n", out);
      assertThat(out.stream().filter(l -> l.startsWith("FAIL")).toList()).as(log).isEmpty();
      assertThat(out.stream().filter(l -> l.startsWith("ok ")).count()).as(log).isEqualTo(CHECKS);
      assertThat(rc).as(log).isZero();
    }
  }

  /** A print on each symbol every 50 ms, so that the market streams have something to send. */
  private static void print(FakeExchange x, AtomicBoolean running) {
    long n = 0;
    while (running.get()) {
      BigDecimal d = BigDecimal.valueOf(n++ % 7 - 3);
      x.trade("BTCUSDT", new BigDecimal("50000.0").add(d), new BigDecimal("0.005"), n % 2 == 0);
      x.trade("ETHUSDT", new BigDecimal("3000.00").add(d), new BigDecimal("0.050"), n % 2 == 1);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void require(boolean ok, String why) {
    if (!ok && "1".equals(System.getenv("PERPETUA_REQUIRE_SERVICES"))) {
      throw new IllegalStateException(why + " (PERPETUA_REQUIRE_SERVICES=1)");
    }
    assumeTrue(ok, why + "; skipping the third-party client test");
  }

  private static int run(List<String> command, int timeoutSeconds) throws InterruptedException {
    return run(command, timeoutSeconds, new ArrayList<>());
  }

  /** Runs {@code command} in the node directory; its output lines go to {@code out}. */
  private static int run(List<String> command, int timeoutSeconds, List<String> out)
      throws InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .directory(NODE_DIR.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return -1;
    }
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    String text =
                        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    synchronized (out) {
                      out.addAll(text.lines().toList());
                    }
                  } catch (IOException e) {
                    // the process died; its exit code tells
                  }
                });
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      reader.join(1_000);
      out.add("FAIL timeout after " + timeoutSeconds + " s: " + command);
      return -1;
    }
    reader.join(5_000);
    return p.exitValue();
  }
}
