package io.perpetua.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    Path f = dir.resolve("perpetua.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void defaults_baselineRevAsInSpec() {
    PerpetuaConfig c = ConfigLoader.load(null, Map.of());
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.activeStrategy()).isEqualTo("baseline_rev");
    var s = c.strategies().get("baseline_rev");
    assertThat(s.rebalanceCron()).isEqualTo("59 23 * * *");
    assertThat(s.parameters()).containsEntry("long_n", 30).containsEntry("short_n", 30);
    assertThat(c.assetPools().get("default").topK()).isEqualTo(100);
  }

  @Test
  void file_overridesAndAddsStrategies() throws IOException {
    PerpetuaConfig c =
        ConfigLoader.load(
            yaml(
                """
                server:
                  port: 9090
                strategies:
                  rev_small:
                    type: rank_long_short
                    pool: default
                    rebalance_cron: "0 0 * * *"
                    rebalance_days: 2
                    parameters: {features: [zscore_neg_ret_4h], long_n: 5, short_n: 5}
                active_strategy: rev_small
                """),
            Map.of());
    assertThat(c.server().port()).isEqualTo(9090);
    assertThat(c.strategies()).containsKeys("baseline_rev", "rev_small");
    assertThat(c.activeStrategy()).isEqualTo("rev_small");
  }

  @Test
  void venueType_defaultsToSimulated_fakeBinanceIsNotDryRun_unknownFails() {
    PerpetuaConfig paper = ConfigLoader.load(null, Map.of());
    assertThat(paper.venue().type()).isEqualTo("simulated");
    assertThat(ConfigLoader.riskConfig(paper).limits().dryRun()).isTrue();
    PerpetuaConfig live = ConfigLoader.load(null, Map.of("PERPETUA_VENUE_TYPE", "fake-binance"));
    assertThat(live.venue().simulated()).isFalse();
    assertThat(ConfigLoader.riskConfig(live).limits().dryRun()).isFalse();
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PERPETUA_VENUE_TYPE", "ftx")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("venue.type");
  }

  @Test
  void jobs_defaultsAreTheSpecs_overridable_andValidated() {
    var d = ConfigLoader.jobService(ConfigLoader.load(null, Map.of()).jobs());
    assertThat(d.maxActivePerOwner()).isEqualTo(5);
    assertThat(d.retention()).isEqualTo(java.time.Duration.ofDays(90));
    assertThat(d.workers()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors()));
    var c =
        ConfigLoader.jobService(
            ConfigLoader.load(
                    null,
                    Map.of(
                        "PERPETUA_JOBS_MAX_ACTIVE_PER_OWNER", "2",
                        "PERPETUA_JOBS_RETENTION_DAYS", "7",
                        "PERPETUA_JOBS_WORKERS", "3"))
                .jobs());
    assertThat(c.maxActivePerOwner()).isEqualTo(2);
    assertThat(c.retention()).isEqualTo(java.time.Duration.ofDays(7));
    assertThat(c.workers()).isEqualTo(3);
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("PERPETUA_JOBS_MAX_ACTIVE_PER_OWNER", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("jobs.max_active_per_owner");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PERPETUA_JOBS_RETENTION_DAYS", "0")))
        .hasMessageContaining("jobs.retention_days");
  }

  @Test
  void flowLive_ownSizingLimits_theRiskSectionsOtherRules_badValuesNamed() {
    PerpetuaConfig c =
        ConfigLoader.load(
            null,
            Map.of("PERPETUA_VENUE_TYPE", "fake-binance", "PERPETUA_FLOW_LIVE_CAPITAL", "20000"));
    assertThat(c.flow().live()).isTrue();
    var risk = ConfigLoader.flowLiveRiskConfig(c);
    assertThat(risk.limits().maxPositionPct()).isEqualTo(20.0);
    assertThat(risk.limits().maxTotalExposure()).isEqualTo(20.0);
    assertThat(risk.limits().maxOrderValue()).isEqualTo(400_000.0);
    assertThat(risk.limits().maxDailyTurnover()).isEqualTo(1_000.0);
    assertThat(risk.limits().minBalanceReserve()).isEqualTo(200.0); // 100 scaled to 20k
    assertThat(risk.limits().maxDrawdownHalt()).isEqualTo(0.30);
    assertThat(risk.limits().dryRun()).isFalse();
    assertThat(risk.breakers().venueUnreachableMs()).isEqualTo(30_000);
    assertThat(ConfigLoader.load(null, Map.of("PERPETUA_FLOW_LIVE", "false")).flow().live())
        .isFalse();
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PERPETUA_FLOW_LIVE_CAPITAL", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("flow.live_capital");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("PERPETUA_FLOW_LIVE_MAX_LEVERAGE", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("flow.live_max_leverage");
  }

  @Test
  void makerFirstExitTimeouts_defaultsOverridesAndBadValuesNamed() {
    PerpetuaConfig d = ConfigLoader.load(null, Map.of());
    assertThat(d.venue().tpTimeoutMs()).isEqualTo(2_000);
    assertThat(d.venue().timeoutGraceMs()).isEqualTo(3_000);
    PerpetuaConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "PERPETUA_VENUE_TP_TIMEOUT_MS", "500", "PERPETUA_VENUE_TIMEOUT_GRACE_MS", "700"));
    assertThat(c.venue().tpTimeoutMs()).isEqualTo(500);
    assertThat(c.venue().timeoutGraceMs()).isEqualTo(700);
    assertThat(c.venue().withType("fake-binance").tpTimeoutMs()).isEqualTo(500);
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PERPETUA_VENUE_TP_TIMEOUT_MS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("venue.tp_timeout_ms");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("PERPETUA_VENUE_TIMEOUT_GRACE_MS", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("venue.timeout_grace_ms");
  }

  @Test
  void env_overridesScalars() {
    PerpetuaConfig c =
        ConfigLoader.load(
            null, Map.of("PERPETUA_SERVER_PORT", "7070", "PERPETUA_PAPER_SPEED", "60"));
    assertThat(c.server().port()).isEqualTo(7070);
    assertThat(c.paper().speed()).isEqualTo(60.0);
    assertThat(ConfigLoader.load(null, Map.of("PERPETUA_PORT", "7171")).server().port())
        .isEqualTo(7171);
  }

  @Test
  void unknownKey_failsNamingIt() throws IOException {
    assertThatThrownBy(() -> ConfigLoader.load(yaml("server:\n  prot: 1\n"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'server.prot'")
        .hasMessageContaining("unknown key");
  }

  @Test
  void wrongType_failsNamingIt() throws IOException {
    assertThatThrownBy(() -> ConfigLoader.load(yaml("server:\n  port: eighty\n"), Map.of()))
        .hasMessageContaining("'server.port'");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PERPETUA_PAPER_SPEED", "fast")))
        .hasMessageContaining("'paper.speed'");
  }

  @Test
  void invalidValues_failNamingTheKey() throws IOException {
    assertThatThrownBy(() -> ConfigLoader.load(yaml("server:\n  port: 70000\n"), Map.of()))
        .hasMessageContaining("'server.port'");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    yaml("strategies:\n  baseline_rev:\n    rebalance_cron: \"61 23 * * *\"\n"),
                    Map.of()))
        .hasMessageContaining("'strategies.baseline_rev.rebalance_cron'")
        .hasMessageContaining("minute");
    assertThatThrownBy(() -> ConfigLoader.load(yaml("active_strategy: nope\n"), Map.of()))
        .hasMessageContaining("'active_strategy'");
    assertThatThrownBy(() -> ConfigLoader.load(yaml("data:\n  timeframe: 3h\n"), Map.of()))
        .hasMessageContaining("'data.timeframe'");
    assertThatThrownBy(() -> ConfigLoader.load(yaml("paper:\n  start: 2024-13-01\n"), Map.of()))
        .hasMessageContaining("'paper.start'");
  }

  @Test
  void malformedYaml_failsNamingTheFile() throws IOException {
    Path f = yaml("server: [unclosed\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining(f.toString());
  }

  @Test
  void missingFile_fails() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("none.yaml"), Map.of()))
        .hasMessageContaining("file not found");
  }
}
