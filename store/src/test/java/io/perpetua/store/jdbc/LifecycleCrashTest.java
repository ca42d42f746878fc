package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.trading.lifecycle.ConfigHash;
import io.perpetua.trading.lifecycle.LifecycleFixtures;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.lifecycle.LifecycleState;
import io.perpetua.trading.lifecycle.StrategyVersion;
import io.perpetua.trading.registry.StrategyRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real crash in the middle of a promotion: the child JVM ({@link LifecycleCrashChild}) is killed
 * with SIGKILL at a step of the promotion to prod (inside its transaction, or after the commit and
 * before the registry follows) or of a candidate's creation; after a restart on the same embedded
 * database the strategy is either wholly in the old state or wholly in the new one: the state, the
 * events and the versions agree, and the parameters in force are the stable version's.
 */
class LifecycleCrashTest {
  @TempDir Path tmp;

  private static Process start(Path dir, String mode) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(LifecycleCrashChild.class.getName());
    cmd.add(dir.toString());
    cmd.add(mode);
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static String read(Process p, String until) throws Exception {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    String line;
    while ((line = r.readLine()) != null) {
      seen.add(line);
      if (line.startsWith(until)) {
        return line;
      }
    }
    throw new AssertionError("child ended without " + until + ":\n" + String.join("\n", seen));
  }

  private record Snapshot(
      LifecycleState state, int events, int versions, Map<String, Object> live) {}

  /** The lifecycle and the parameters in force after a restart (reconcile included). */
  private static Snapshot restart(Path dir) {
    try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
      StrategyRegistry registry =
          LifecycleFixtures.registry(new JdbcRegistryStore(db), () -> LifecycleCrashChild.T0);
      JdbcLifecycleStore store = new JdbcLifecycleStore(db);
      LifecycleService l =
          new LifecycleService(registry, store, LifecycleCrashChild.GATES, () -> 0L);
      l.reconcile();
      LifecycleState s = l.state("baseline_rev");
      StrategyVersion stable = store.version(s.stableId()).orElseThrow();
      Map<String, Object> live = registry.view("baseline_rev").parameters();
      assertThat(ConfigHash.of(live))
          .as("parameters in force = stable's")
          .isEqualTo(stable.configHash());
      assertThat(
              store.events("baseline_rev").get(store.events("baseline_rev").size() - 1).revision())
          .as("the last event is the state's")
          .isEqualTo(s.revision());
      return new Snapshot(
          s, store.events("baseline_rev").size(), store.versions("baseline_rev").size(), live);
    }
  }

  private static void run(Path dir, String mode) throws Exception {
    Process p = start(dir, mode);
    read(p, "DONE");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
  }

  private static void kill(Path dir, String mode) throws Exception {
    Process p = start(dir, mode);
    String ready = read(p, "READY");
    assertThat(ready).isEqualTo("READY " + mode.substring(mode.indexOf(':') + 1));
    p.destroyForcibly(); // SIGKILL, the transaction open
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"event", "committed"})
  void sigkillDuringPromotionToProd_leavesTheOldOrTheNewState(String step) throws Exception {
    Path dir = tmp.resolve("db");
    run(dir, "setup");
    Snapshot before = restart(dir);
    assertThat(before.state().candidateId()).isEqualTo("baseline_rev-v2");
    assertThat(before.live()).containsEntry("long_n", 30);

    kill(dir, "promote:" + step);
    Snapshot after = restart(dir);

    if (step.equals("committed")) { // the new state, and the registry followed at restart
      assertThat(after.state().stableId()).isEqualTo("baseline_rev-v2");
      assertThat(after.state().candidateId()).isNull();
      assertThat(after.state().previousStableId()).isEqualTo("baseline_rev-v1");
      assertThat(after.events()).isEqualTo(before.events() + 1);
      assertThat(after.live()).containsEntry("long_n", 20);
    } else { // the old state, whole
      assertThat(after.state()).isEqualTo(before.state());
      assertThat(after.events()).isEqualTo(before.events());
      assertThat(after.live()).isEqualTo(before.live());
      run(dir, "promote:none"); // and the promotion can be done again
      assertThat(restart(dir).state().stableId()).isEqualTo("baseline_rev-v2");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"version"})
  void sigkillDuringCandidateCreation_leavesNoHalfVersion(String step) throws Exception {
    Path dir = tmp.resolve("db");
    run(dir, "setup-rolled-back");
    Snapshot before = restart(dir);
    assertThat(before.state().candidateId()).isNull();

    kill(dir, "create:" + step);
    Snapshot after = restart(dir);

    assertThat(after.state()).isEqualTo(before.state());
    assertThat(after.versions()).isEqualTo(before.versions());
    assertThat(after.events()).isEqualTo(before.events());
    run(dir, "create:none");
    Snapshot created = restart(dir);
    assertThat(created.state().candidateId()).isEqualTo("baseline_rev-v3");
    assertThat(created.versions()).isEqualTo(before.versions() + 1);
  }
}
