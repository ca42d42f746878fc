package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.app.Platform;
import io.perpetua.app.TestCarries;
import io.perpetua.core.time.ManualClock;
import io.perpetua.readmodel.InMemoryPlatformState;
import io.perpetua.server.ApiServer;
import io.perpetua.server.ApiToken;
import io.perpetua.server.ServerConfig;
import io.perpetua.server.v1.CarryRoutes;
import io.perpetua.trading.carry.CarryInstance;
import io.perpetua.trading.carry.CarryState;
import io.perpetua.trading.carry.InMemoryCarryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perpetua carry} against a running platform's API (a dry-run carry): list, start (nothing
 * before confirm), confirm, show, close, confirm, report — the platform found through the data
 * directory's {@code api.url} and through {@code --api}; API errors exit 1 with the code.
 */
class CarryCommandTest {
  private static final String TOKEN = "carry-cli-test-token-0123456789abcdef";

  @TempDir Path dir;

  private final InMemoryCarryStore store = new InMemoryCarryStore();
  private CarryInstance carry;
  private ApiServer server;
  private String url;

  @BeforeEach
  void start() throws Exception {
    carry = TestCarries.dryRun("btc", () -> false, store);
    server =
        new ApiServer(
                new InMemoryPlatformState(),
                ApiToken.of(TOKEN),
                new ManualClock(1_700_000_000_000L),
                ServerConfig.defaults().withBindHost("127.0.0.1"))
            .addRoutes(new CarryRoutes(() -> List.of(carry)));
    url = "http://127.0.0.1:" + server.start(0);
    Files.writeString(dir.resolve(Platform.API_URL_FILE), url + "\n");
  }

  @AfterEach
  void stop() {
    server.stop();
    carry.close();
  }

  private CliRun carry(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "carry";
    all[1] = "--data-dir";
    all[2] = dir.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRun.of(
        cl ->
            ((CarryCommand) cl.getSubcommands().get("carry").getCommand()).env =
                Map.of("PERPETUA_API_TOKEN", TOKEN),
        all);
  }

  private void await(CarryState s) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (carry.status().state() != s) {
      assertThat(System.currentTimeMillis()).as(s.code()).isLessThan(deadline);
      Thread.sleep(20); // polling with a deadline
    }
  }

  @Test
  void aDryRunCycle_throughTheCli_withConfirmations_andTheReport() throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (carry.status().updatedMs() == 0) { // the first tick reads the quotes
      assertThat(System.currentTimeMillis()).as("first tick").isLessThan(deadline);
      Thread.sleep(20); // polling with a deadline
    }
    CliRun list = carry("list");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).contains("btc").contains("dry_run").contains("idle");

    CliRun start = carry("start", "btc", "--quantity", "0.100");
    assertThat(start.code()).as(start.err()).isZero();
    assertThat(start.out()).contains("pending:start").contains("carry confirm btc");
    assertThat(carry.status().state()).as("nothing before confirm").isEqualTo(CarryState.IDLE);

    assertThat(carry("confirm", "btc").code()).isZero();
    await(CarryState.HOLDING);
    CliRun show = carry("--api", url, "show", "btc");
    assertThat(show.out()).contains("holding").contains("0.100").contains("dry_run_cycle");

    assertThat(carry("close", "btc").out()).contains("pending:close");
    assertThat(carry("confirm", "btc").code()).isZero();
    await(CarryState.IDLE);

    CliRun report = carry("report", "btc", "--period", "month");
    assertThat(report.code()).as(report.err()).isZero();
    assertThat(report.out()).contains("per month, dry_run").contains("opened×1");
    assertThat(report.out().lines().filter(l -> l.matches("^\\d{4}-.*"))).hasSize(1);
  }

  @Test
  void apiErrors_exit1_withTheCode_andNoPlatform_isSaid() throws Exception {
    CliRun conflict = carry("confirm", "btc");
    assertThat(conflict.code()).isEqualTo(1);
    assertThat(conflict.err()).contains("409").contains("40087");
    CliRun unknown = carry("show", "nope");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("404").contains("40471");
    CliRun bad = carry("start", "btc", "--quantity", "abc");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("quantity");
    Files.delete(dir.resolve(Platform.API_URL_FILE));
    CliRun none = carry("list");
    assertThat(none.code()).isNotZero();
    assertThat(none.err()).contains("no running platform");
  }
}
