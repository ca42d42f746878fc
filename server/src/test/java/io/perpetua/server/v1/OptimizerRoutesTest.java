package io.perpetua.server.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.Principal;
import io.perpetua.auth.Role;
import io.perpetua.backtest.job.JobService;
import io.perpetua.backtest.job.JobServiceConfig;
import io.perpetua.backtest.job.JobValidator;
import io.perpetua.backtest.job.StrategyCatalog;
import io.perpetua.backtest.job.StrategyTemplate;
import io.perpetua.core.Timeframe;
import io.perpetua.core.time.Clock;
import io.perpetua.jobs.InMemoryJobStore;
import io.perpetua.jobs.JobIds;
import io.perpetua.optimizer.job.OptimizerRuns;
import io.perpetua.optimizer.job.RunProgress;
import io.perpetua.server.http.ApiError;
import io.perpetua.server.http.ApiException;
import io.perpetua.server.http.ApiRequest;
import io.perpetua.server.http.Route;
import io.perpetua.signals.strategy.space.ParamSpace;
import io.perpetua.signals.strategy.space.ParamSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who sees and cancels which optimisation runs: a trader submits, reads and cancels their own; a
 * viewer reads every run; an admin reads and cancels every run. (The least role per route is
 * checked by {@code AuthMatrixTest}.)
 */
class OptimizerRoutesTest {
  static final Principal ALICE = new Principal("alice", Role.TRADER, "jwt:a");
  static final Principal BOB = new Principal("bob", Role.TRADER, "jwt:b");
  static final Principal VIEWER = new Principal("vera", Role.VIEWER, "jwt:v");
  static final Principal ADMIN = new Principal("root", Role.ADMIN, "jwt:r");

  @TempDir Path reports;
  Map<String, Route> routes;

  @BeforeEach
  void routes() {
    JobServiceConfig d = JobServiceConfig.defaults();
    JobService service =
        new JobService(
            new InMemoryJobStore(JobIds.OPTIMIZER_PREFIX),
            (job, progress, cancelled) -> {
              throw new IllegalStateException("not started in this test");
            },
            new JobValidator(
                StrategyCatalog.of(List.of(StrategyTemplate.of("s"))),
                s -> true,
                List.of(Timeframe.H1)),
            Clock.system(),
            d,
            "optimizer-",
            Thread.MIN_PRIORITY);
    OptimizerRuns runs =
        new OptimizerRuns(
            service,
            id -> {
              if (!id.equals("s")) {
                throw new IllegalArgumentException("strategy: unknown '" + id + "'");
              }
              return ParamSpace.of(ParamSpec.integer("n", 0, 100, 1, 50, 1, 10));
            },
            tf ->
                new Instant[] {
                  Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")
                },
            new OptimizerRuns.Defaults("1h", 10_000, 5, 2, 2, 100),
            new RunProgress(),
            reports);
    routes = new HashMap<>();
    for (Route r : new OptimizerRoutes(() -> runs).routes()) {
      routes.put(r.method() + " " + r.path(), r);
    }
  }

  Object call(String route, Principal who, Map<String, Object> params, Object body)
      throws Exception {
    Route r = routes.get(route);
    return r.handler().handle(new ApiRequest(r, params, body, null, who, "", ""));
  }

  OptimizerRoutes.OptimizerRunView submit(Principal who) throws Exception {
    return (OptimizerRoutes.OptimizerRunView)
        call(
            "POST /api/v1/optimizer/run",
            who,
            Map.of(),
            new OptimizerRoutes.OptimizerRunBody(
                "s",
                null,
                "train=60d,step=30d",
                "sharpe",
                "random",
                Map.of("n", "1:20:1"),
                5,
                1L,
                "local",
                0,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null));
  }

  List<String> list(Principal who) throws Exception {
    var page =
        (OptimizerRoutes.OptimizerRunList)
            call("GET /api/v1/optimizer/runs", who, Map.of("limit", 50), null);
    return page.items().stream().map(OptimizerRoutes.OptimizerRunView::runId).toList();
  }

  @Test
  void tradersSeeTheirOwn_viewersAndAdminsSeeAll_onlyOwnersAndAdminsCancel() throws Exception {
    String alices = submit(ALICE).runId();
    String bobs = submit(BOB).runId();
    assertThat(list(ALICE)).containsExactly(alices);
    assertThat(list(BOB)).containsExactly(bobs);
    assertThat(list(VIEWER)).containsExactlyInAnyOrder(alices, bobs);
    assertThat(list(ADMIN)).containsExactlyInAnyOrder(alices, bobs);

    String one = "GET /api/v1/optimizer/runs/{run_id}";
    assertThat(
            ((OptimizerRoutes.OptimizerRunView) call(one, VIEWER, Map.of("run_id", alices), null))
                .owner())
        .isEqualTo("alice");
    assertThatThrownBy(() -> call(one, BOB, Map.of("run_id", alices), null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.error()).isEqualTo(ApiError.OPTIMIZER_RUN_NOT_FOUND));

    String cancel = "POST /api/v1/optimizer/runs/{run_id}/cancel";
    assertThatThrownBy(() -> call(cancel, BOB, Map.of("run_id", alices), null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.error()).isEqualTo(ApiError.OPTIMIZER_RUN_NOT_FOUND));
    assertThatThrownBy(() -> call(cancel, VIEWER, Map.of("run_id", alices), null))
        .isInstanceOf(ApiException.class);
    var cancelled =
        (OptimizerRoutes.OptimizerRunView) call(cancel, ADMIN, Map.of("run_id", alices), null);
    assertThat(cancelled.status()).isEqualTo("cancelled");
    var own = (OptimizerRoutes.OptimizerRunView) call(cancel, BOB, Map.of("run_id", bobs), null);
    assertThat(own.status()).isEqualTo("cancelled");
  }

  @Test
  void reportFiles_servedWithTheRunsVisibility_40431UntilWritten_onlyKnownNames() throws Exception {
    String alices = submit(ALICE).runId();
    String file = "GET /api/v1/optimizer/runs/{run_id}/files/{name}";
    Map<String, Object> trials = Map.of("run_id", alices, "name", "trials.csv");
    assertThatThrownBy(() -> call(file, ALICE, trials, null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.error()).isEqualTo(ApiError.OPTIMIZER_FILE_NOT_FOUND));

    Path dir = io.perpetua.optimizer.job.OptimizerJobRunner.reportDir(reports, alices);
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("trials.csv"), "fold,trial,n\n0,0,7\n");
    java.nio.file.Files.writeString(dir.resolve("report.html"), "<html>r</html>");
    var csv = (OptimizerRoutes.OptimizerFileView) call(file, VIEWER, trials, null);
    assertThat(csv.content()).isEqualTo("fold,trial,n\n0,0,7\n");
    assertThat(csv.mediaType()).isEqualTo("text/csv");
    assertThat(csv.size()).isEqualTo(csv.content().length());
    var html =
        (OptimizerRoutes.OptimizerFileView)
            call(file, ALICE, Map.of("run_id", alices, "name", "report.html"), null);
    assertThat(html.mediaType()).isEqualTo("text/html");
    assertThat(html.content()).isEqualTo("<html>r</html>");
    assertThatThrownBy(() -> call(file, BOB, trials, null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.error()).isEqualTo(ApiError.OPTIMIZER_RUN_NOT_FOUND));
    for (String bad : new String[] {"../../etc/passwd", "report.HTML", "", "trials.csv/"}) {
      assertThatThrownBy(() -> OptimizerRoutes.FILE.parse(bad)).as(bad).isNotNull();
    }
  }

  @Test
  void badInput_is40040_namingTheField() throws Exception {
    assertThatThrownBy(
            () ->
                call(
                    "POST /api/v1/optimizer/run",
                    ALICE,
                    Map.of(),
                    new OptimizerRoutes.OptimizerRunBody(
                        "s",
                        null,
                        null,
                        null,
                        null,
                        Map.of("n", "20:1"),
                        5,
                        1L,
                        null,
                        0,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.error()).isEqualTo(ApiError.INVALID_OPTIMIZATION);
              assertThat(e.getMessage()).startsWith("Invalid field 'space'");
            });
    assertThat(submitsStored()).isZero();
  }

  int submitsStored() throws Exception {
    return list(ADMIN).size();
  }
}
