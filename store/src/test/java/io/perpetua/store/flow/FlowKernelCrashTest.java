package io.perpetua.store.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.ClientOrderId;
import io.perpetua.core.order.Fill;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.DatabaseConfig;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.port.OrderRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash of flow paper trading on the kernel: the child JVM ({@link FlowKernelChild}) is
 * killed with SIGKILL while a bracket is open with its take-profit orders resting, restarted on the
 * same embedded database and run to the end. The journal must then hold what a run that was never
 * killed holds: the same client order ids with the same final status and fills, no order twice, no
 * fill lost, the same wallet; and the bracket open at the crash finished after the restart.
 */
class FlowKernelCrashTest {
  @TempDir Path tmp;

  private static Process start(Path dir, String mode) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(FlowKernelChild.class.getName());
    cmd.add(dir.toString());
    cmd.add(mode);
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Reads the child's output until {@code until} (returned) or the end; collects TRADE lines. */
  private static String read(Process p, String until, List<String> trades) throws Exception {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();
    while ((line = r.readLine()) != null) {
      tail.addLast(line);
      if (tail.size() > 30) {
        tail.removeFirst();
      }
      if (line.startsWith("TRADE ")) {
        trades.add(line);
      } else if (line.startsWith(until)) {
        return line;
      }
    }
    throw new AssertionError("child ended without " + until + ":\n" + String.join("\n", tail));
  }

  private record Journal(Map<ClientOrderId, String> orders, List<Fill> fills, String wallet) {}

  private static Journal journal(Path dir) {
    try (Database db =
        Database.open(DatabaseConfig.embedded(dir), java.time.Duration.ofSeconds(120))) {
      JdbcTradingJournal j = new JdbcTradingJournal(db);
      Map<ClientOrderId, String> orders =
          new TreeMap<>(java.util.Comparator.comparing(ClientOrderId::value));
      for (OrderRecord o : j.recentOrders(100_000)) {
        assertThat(orders.put(o.order().clientOrderId(), o.status() + " " + o.filledQuantity()))
            .as("order %s journaled once", o.order().clientOrderId())
            .isNull();
      }
      List<Fill> fills = new ArrayList<>(j.recentFills(100_000));
      fills.sort(java.util.Comparator.comparing(f -> f.tradeId().value()));
      return new Journal(
          orders, fills, j.loadAccount("flow").orElseThrow().walletBalance().toString());
    }
  }

  @Test
  void sigkillWithTakeProfitsResting_restart_sameJournalAsAnUninterruptedRun() throws Exception {
    Path referenceDir = tmp.resolve("reference");
    Path crashedDir = tmp.resolve("crashed");
    List<String> referenceTrades = new ArrayList<>();
    Process reference = start(referenceDir, "run");
    Process crashed = start(crashedDir, "crash");
    String ready = read(crashed, "READY", new ArrayList<>());
    crashed.destroyForcibly(); // SIGKILL
    assertThat(crashed.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Journal atCrash = journal(crashedDir);
    read(reference, "DONE", referenceTrades);
    assertThat(reference.waitFor(60, TimeUnit.SECONDS)).isTrue();

    List<String> restartTrades = new ArrayList<>();
    Process restarted = start(crashedDir, "run");
    read(restarted, "DONE", restartTrades);
    assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();

    Journal expected = journal(referenceDir);
    Journal actual = journal(crashedDir);
    assertThat(ready).startsWith("READY");
    assertThat(actual.orders()).isEqualTo(expected.orders());
    assertThat(new HashSet<>(actual.fills())).isEqualTo(new HashSet<>(expected.fills()));
    assertThat(actual.wallet()).isEqualTo(expected.wallet());
    // the crash left orders working (the bracket's take-profits); they ended as in the reference
    List<ClientOrderId> working =
        atCrash.orders().entrySet().stream()
            .filter(e -> e.getValue().startsWith("OPEN") || e.getValue().startsWith("PARTIALLY"))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(working).hasSizeGreaterThanOrEqualTo(2);
    working.forEach(id -> assertThat(actual.orders().get(id)).isEqualTo(expected.orders().get(id)));
    // every trade closed after the restart is one the reference closed, with the same R
    assertThat(referenceTrades).containsAll(restartTrades);
    assertThat(restartTrades).isNotEmpty();
  }
}
