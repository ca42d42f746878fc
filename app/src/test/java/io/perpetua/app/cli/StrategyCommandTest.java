package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.app.LocalLifecycle;
import io.perpetua.store.jdbc.Database;
import io.perpetua.trading.lifecycle.LifecycleService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code perpetua strategy versions|promote|rollback} on the embedded database. */
class StrategyCommandTest {
  @TempDir Path dataDir;

  private CliRun run(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data-dir=" + dataDir);
    return CliRun.of(
        cl -> ((StrategyCommand) cl.getSubcommands().get("strategy").getCommand()).env = env,
        all.toArray(String[]::new));
  }

  /** A candidate made the way the API makes one (the CLI has no create). */
  private void candidate() {
    try (Database db = LocalDatabase.open(null, dataDir, Map.of())) {
      LifecycleService l = LocalLifecycle.open(Home.config(null), db);
      l.createCandidate("baseline_rev", Map.of("long_n", 12), "narrower", "alice", null, null);
    }
  }

  @Test
  void versions_promote_rollback_onTheLocalStore_everyRefusalNamed() {
    CliRun first = run(Map.of(), "strategy", "versions", "baseline_rev");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("baseline_rev: stable baseline_rev-v1, no candidate")
        .containsPattern("baseline_rev-v1 +stable +- ");

    candidate();
    CliRun shadow =
        run(
            Map.of(),
            "strategy",
            "promote",
            "baseline_rev",
            "--version",
            "baseline_rev-v2",
            "--stage",
            "shadow",
            "--reason",
            "shadow it");
    assertThat(shadow.code()).as(shadow.err()).isZero();
    assertThat(shadow.out()).contains("candidate baseline_rev-v2 (shadow)");
    assertThat(run(Map.of(), "strategy", "versions", "baseline_rev").out())
        .containsPattern("baseline_rev-v2 +shadow +baseline_rev-v1 ");

    // a skipped stage, a bad stage, an unknown strategy: refused, named, nothing changed
    CliRun skipped = promote("baseline_rev-v2", "prod");
    assertThat(skipped.code()).isEqualTo(2);
    assertThat(skipped.err()).contains("the next stage is canary, not prod");
    assertThat(promote("baseline_rev-v2", "gold").err()).contains("stage");
    CliRun unknown = run(Map.of(), "strategy", "versions", "nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Strategy not found: nope");
    CliRun noReason = run(Map.of(), "strategy", "rollback", "baseline_rev");
    assertThat(noReason.code()).isEqualTo(2);
    assertThat(noReason.err()).contains("--reason");

    CliRun back = run(Map.of(), "strategy", "rollback", "baseline_rev", "--reason", "drawdown");
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(back.out()).contains("baseline_rev: stable baseline_rev-v1, no candidate");
    // with neither a candidate nor a previous stable version there is nothing to roll back to
    assertThat(run(Map.of(), "strategy", "rollback", "baseline_rev", "--reason", "x").err())
        .contains("no candidate and no previous stable version");
  }

  @Test
  void prod_withFourEyesOn_isRefusedAndNamesTheApi_withFourEyesOff_isCarriedOut() {
    try (Database db = LocalDatabase.open(null, dataDir, Map.of())) {
      LifecycleService l = LocalLifecycle.open(Home.config(null), db);
      l.createCandidate("baseline_rev", Map.of("long_n", 12), "narrower", "alice", null, null);
      l.promote("baseline_rev", "baseline_rev-v2", "shadow", "alice", "s");
      l.promote("baseline_rev", "baseline_rev-v2", "canary", "alice", "c");
      double[] daily = new double[20];
      java.util.Arrays.fill(daily, 0.001);
      l.evaluate(
          "baseline_rev",
          new io.perpetua.trading.lifecycle.CanaryEvidence(daily, daily, 1.0, 1.0, 30));
      assertThat(l.state("baseline_rev").gatesPassed()).isTrue();
    }
    CliRun refused = promote("baseline_rev-v2", "prod");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("prod needs a second person's approval")
        .contains("/api/v1/strategies/baseline_rev/promote");
    CliRun prod =
        run(
            Map.of("PERPETUA_FOUR_EYES", "off"),
            "strategy",
            "promote",
            "baseline_rev",
            "--version",
            "baseline_rev-v2",
            "--stage",
            "prod",
            "--reason",
            "canary passed");
    assertThat(prod.code()).as(prod.err()).isZero();
    assertThat(prod.out())
        .contains("stable baseline_rev-v2, no candidate, rollback target baseline_rev-v1");
  }

  private CliRun promote(String version, String stage) {
    return run(
        Map.of(),
        "strategy",
        "promote",
        "baseline_rev",
        "--version",
        version,
        "--stage",
        stage,
        "--reason",
        "r");
  }
}
