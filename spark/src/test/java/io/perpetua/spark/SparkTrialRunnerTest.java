package io.perpetua.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark engine in {@code local[2]} against the in-process loop: the same deterministic trials
 * over the same broadcast panel give bit-identical results, in input order. One session for the
 * class (Spark allows one context per JVM); its start-up dominates the time.
 */
class SparkTrialRunnerTest {
  private static SparkTrialRunner spark;
  private static long startMs;

  @BeforeAll
  static void start() {
    long t0 = System.nanoTime();
    spark = new SparkTrialRunner(SparkRunnerConfig.of("local[2]"));
    startMs = (System.nanoTime() - t0) / 1_000_000;
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  /** A seeded synthetic panel: {@code [symbol][bar]} log-price random walks. */
  static double[][] panel(int symbols, int bars, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] p = new double[symbols][bars];
    for (int s = 0; s < symbols; s++) {
      double x = 0;
      for (int b = 0; b < bars; b++) {
        x += 0.01 * (random.nextDouble() - 0.5) + 0.0001 * Math.sin(b / (5.0 + s));
        p[s][b] = x;
      }
    }
    return p;
  }

  /**
   * A deterministic trial: a moving-average crossover on every symbol of the panel with the input's
   * (fast, slow) lookbacks; returns {sum of returns, sum of squares, trades} — floating point whose
   * value depends on the order of every addition, so any difference in the inputs, the panel or the
   * arithmetic would show in the bits.
   */
  static double[] crossover(double[][] panel, int[] lookbacks) {
    int fast = lookbacks[0];
    int slow = lookbacks[1];
    double sum = 0;
    double squares = 0;
    double trades = 0;
    for (double[] logPrice : panel) {
      double position = 0;
      for (int b = slow; b < logPrice.length; b++) {
        double r = logPrice[b] - logPrice[b - 1];
        double pnl = position * r;
        sum += pnl;
        squares += pnl * pnl;
        double fastMa = (logPrice[b] - logPrice[b - fast]) / fast;
        double slowMa = (logPrice[b] - logPrice[b - slow]) / slow;
        double next = fastMa > slowMa ? 1 : -1;
        if (next != position) {
          trades++;
          position = next;
        }
      }
    }
    return new double[] {sum, squares, trades, Math.exp(sum) / Math.sqrt(1 + squares)};
  }

  static List<int[]> grid() {
    List<int[]> inputs = new ArrayList<>();
    for (int fast = 2; fast <= 17; fast++) {
      for (int slow = fast + 3; slow <= fast + 48; slow += 5) {
        inputs.add(new int[] {fast, slow});
      }
    }
    return inputs;
  }

  @Test
  void local2_bitIdenticalToTheInProcessLoop_inInputOrder() {
    double[][] panel = panel(20, 5_000, 42);
    List<int[]> inputs = grid();
    TrialFunction<double[][], int[], double[]> trial = SparkTrialRunnerTest::crossover;

    long t0 = System.nanoTime();
    List<double[]> local = new LocalTrialRunner().run(panel, inputs, trial);
    long localMs = (System.nanoTime() - t0) / 1_000_000;
    t0 = System.nanoTime();
    List<double[]> distributed = spark.run(panel, inputs, trial);
    long sparkMs = (System.nanoTime() - t0) / 1_000_000;

    assertThat(spark.parallelism()).isEqualTo(2);
    assertThat(distributed).hasSize(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      double[] a = local.get(i);
      double[] b = distributed.get(i);
      for (int j = 0; j < a.length; j++) {
        assertThat(Double.doubleToRawLongBits(b[j]))
            .as("trial %d value %d", i, j)
            .isEqualTo(Double.doubleToRawLongBits(a[j]));
      }
    }
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "spark local[2]: session start %d ms; %d trials x 20 symbols x 5000 bars: in-process %d ms,"
            + " spark %d ms; heap used %d MB of max %d MB%n",
        startMs,
        inputs.size(),
        localMs,
        sparkMs,
        (rt.totalMemory() - rt.freeMemory()) >> 20,
        rt.maxMemory() >> 20);
  }

  @Test
  void results_keepInputOrder_acrossManySlices() {
    List<Integer> inputs = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      inputs.add(i);
    }
    List<Integer> out = spark.run(1000, inputs, (base, i) -> base + i * i);
    for (int i = 0; i < 101; i++) {
      assertThat(out.get(i)).isEqualTo(1000 + i * i);
    }
    assertThat(spark.run(1, List.<Integer>of(), (p, i) -> i)).isEmpty();
  }

  @Test
  void failingTrial_isReported() {
    assertThatThrownBy(
            () ->
                spark.run(
                    0,
                    List.of(1, 2, 3),
                    (p, i) -> {
                      if (i == 2) {
                        throw new IllegalArgumentException("bad trial input 2");
                      }
                      return i;
                    }))
        .isInstanceOf(TrialFailedException.class)
        .hasMessageContaining("bad trial input 2");
    assertThatThrownBy(
            () ->
                new LocalTrialRunner()
                    .run(
                        0,
                        List.of(1, 2, 3),
                        (Integer p, Integer i) -> {
                          if (i == 2) {
                            throw new IllegalArgumentException("bad");
                          }
                          return i;
                        }))
        .hasMessageContaining("trial 1 failed: bad");
  }

  @Test
  void config_validatesTheMaster() {
    assertThat(SparkRunnerConfig.defaults().master()).isEqualTo("local[*]");
    assertThat(SparkRunnerConfig.of("local[2]").isLocal()).isTrue();
    assertThat(SparkRunnerConfig.of("spark://host:7077").isLocal()).isFalse();
    assertThatThrownBy(() -> SparkRunnerConfig.of("local[0]")).hasMessageContaining("spark.master");
    assertThatThrownBy(() -> SparkRunnerConfig.of("mesos://x"))
        .hasMessageContaining("spark.master");
    assertThatThrownBy(() -> SparkRunnerConfig.of(" ")).hasMessageContaining("spark.master");
    assertThat(SparkRunnerConfig.fromSettings(java.util.Map.of()))
        .isEqualTo(new SparkRunnerConfig("local[*]", "perpetua-trials", 2));
    assertThat(
            SparkRunnerConfig.fromSettings(java.util.Map.of("spark.master", "local[2]")).master())
        .isEqualTo("local[2]");
    assertThatThrownBy(
            () -> SparkRunnerConfig.fromSettings(java.util.Map.of("spark.slices_per_core", "x")))
        .hasMessageContaining("spark.slices_per_core");
    assertThatThrownBy(() -> new SparkRunnerConfig("local", "x", 0))
        .hasMessageContaining("slicesPerCore");
  }

  @Test
  void jdk23Plus_withoutSparkUser_failsWithTheFix() {
    assertThatThrownBy(() -> SparkTrialRunner.checkJdk(25, null))
        .hasMessageContaining("SPARK_USER");
    SparkTrialRunner.checkJdk(25, "perpetua");
    SparkTrialRunner.checkJdk(21, null);
  }
}
