package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.jobs.BacktestJob;
import io.perpetua.jobs.JobIds;
import io.perpetua.jobs.JobStatus;
import io.perpetua.store.contract.JobFixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backtests ({@code bt_}) and optimisation runs ({@code opt_}) share the job table but are two
 * queues: claims, restart recovery, per-owner counts, lists and purges of one never touch the
 * other's jobs.
 */
class JdbcJobQueuesTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir Path dir;
  Database database;
  JdbcJobStore backtests;
  JdbcJobStore optimizer;

  @BeforeEach
  void open() {
    database = Database.open(DatabaseConfig.embedded(dir));
    backtests = new JdbcJobStore(database);
    optimizer = new JdbcJobStore(database, JobIds.OPTIMIZER_PREFIX);
  }

  @AfterEach
  void close() {
    database.close();
  }

  static BacktestJob job(String id, Instant at) {
    return BacktestJob.queued(id, "alice", null, JobFixtures.request(), "{}", at);
  }

  @Test
  void eachStoreClaimsCountsListsAndRecoversOnlyItsOwnQueue() {
    backtests.insert(job("bt_00000000000000aa", T0.plusSeconds(5)));
    optimizer.insert(job("opt_00000000000000aa", T0));
    assertThat(backtests.idPrefix()).isEqualTo("bt_");
    assertThat(optimizer.idPrefix()).isEqualTo("opt_");

    assertThat(backtests.countActive("alice")).isEqualTo(1);
    assertThat(optimizer.countActive("alice")).isEqualTo(1);
    assertThat(optimizer.list("alice", Set.of(), null, 10))
        .extracting(BacktestJob::id)
        .containsExactly("opt_00000000000000aa");
    assertThat(backtests.list(null, Set.of(), null, 10))
        .extracting(BacktestJob::id)
        .containsExactly("bt_00000000000000aa");

    // the opt_ job is older, yet the backtest queue hands out only its own
    assertThat(backtests.claimNext(T0).orElseThrow().id()).isEqualTo("bt_00000000000000aa");
    assertThat(backtests.claimNext(T0)).isEmpty();
    assertThat(optimizer.claimNext(T0).orElseThrow().id()).isEqualTo("opt_00000000000000aa");

    // a restart of the optimiser's service re-queues its run, not the running backtest
    assertThat(optimizer.recoverAfterRestart(T0).requeued()).isEqualTo(1);
    assertThat(backtests.find("bt_00000000000000aa").orElseThrow().status())
        .isEqualTo(JobStatus.RUNNING);
    assertThat(optimizer.find("opt_00000000000000aa").orElseThrow().status())
        .isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void anUnderscoreInThePrefixIsNotAWildcard() {
    optimizer.insert(job("optx0000000000000aa", T0));
    assertThat(optimizer.claimNext(T0)).isEmpty();
    assertThat(optimizer.list(null, Set.of(), null, 10)).isEmpty();
  }
}
