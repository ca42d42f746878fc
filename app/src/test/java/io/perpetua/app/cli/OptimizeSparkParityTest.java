package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.app.SparkTrials;
import io.perpetua.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 7: {@code ./perpetua optimize --engine spark} in {@code local[2]} gives the same
 * trials, folds, out-of-sample curve and result as {@code --engine local} for the same request,
 * byte for byte (only the run's elapsed time differs), with the trials really run as Spark tasks.
 */
class OptimizeSparkParityTest {
  @TempDir Path dir;

  @Test
  void sparkLocal2_reproducesTheInProcessRun_bitForBit() throws Exception {
    Path shared = SharedData.require("binance-um-klines/1h");
    Path local = dir.resolve("local");
    Path spark = dir.resolve("spark");
    io.perpetua.app.MarketLoader.importUntilComplete(
        dir.resolve("data"),
        shared.getParent().getParent(),
        io.perpetua.core.Timeframe.H1,
        io.perpetua.market.importer.ProgressListener.NONE);
    long t0 = System.nanoTime();
    CliRun a = optimize(shared, local, "--engine", "local");
    long t1 = System.nanoTime();
    long before = SparkTrials.trialsRun();
    CliRun b = optimize(shared, spark, "--engine", "spark", "--spark-master", "local[2]");
    long t2 = System.nanoTime();
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(b.code()).as(b.err()).isZero();
    System.out.printf(
        "optimize local %.1f s, spark local[2] %.1f s of which Spark session start %.1f s%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, SparkTrials.sessionStartMs() / 1e3);
    assertThat(SparkTrials.trialsRun() - before).as("trials run as Spark tasks").isEqualTo(2 * 8);
    for (String f : List.of("trials.csv", "folds.csv", "oos_equity.csv")) {
      assertThat(Files.readString(spark.resolve(f)))
          .as(f)
          .isEqualTo(Files.readString(local.resolve(f)));
    }
    assertThat(withoutElapsed(spark.resolve("result.json")))
        .isEqualTo(withoutElapsed(local.resolve("result.json")));
  }

  static String withoutElapsed(Path json) throws Exception {
    return Files.readString(json).replaceAll("\"elapsed_ms\"\\s*:\\s*[0-9]+", "");
  }

  CliRun optimize(Path shared, Path out, String... engine) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "optimize",
                "--strategy",
                "baseline_rev",
                "--data-dir",
                dir.resolve("data").toString(),
                "--algorithm",
                "random",
                "--trials",
                "8",
                "--seed",
                "11",
                "--objective",
                "sharpe",
                "--wfo",
                "train=30d,step=14d",
                "--param",
                "long_n=2:20:2",
                "--param",
                "short_n=2:20:2",
                "--start",
                "2025-01-01",
                "--end",
                "2025-02-28",
                "--out",
                out.toString()));
    args.addAll(List.of(engine));
    return CliRun.of(args.toArray(String[]::new));
  }
}
