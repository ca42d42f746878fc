package io.perpetua.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Runs trials as Spark tasks: the payload is broadcast once per {@link #run} (read-only, one copy
 * per executor), the inputs are cut into {@code defaultParallelism × slicesPerCore} slices (never
 * more than there are inputs) and {@code collect()} returns the results in input order (Spark keeps
 * the order of a parallelized list through {@code map} and {@code collect}). The session is created
 * in the constructor and stopped by {@link #close()}; one runner per JVM at a time (Spark allows
 * one active context). Not thread-safe: call {@link #run} from one thread.
 *
 * <p>JDK: Spark 4.0 supports Java 17 and 21. On Java 23 and later (the project's Temurin 25) its
 * Hadoop client's {@code UserGroupInformation.getCurrentUser()} fails ({@code Subject.getSubject}
 * is no longer supported), which Spark calls only when the {@code SPARK_USER} environment variable
 * is not set: this runner therefore requires {@code SPARK_USER} on those JDKs and says so. The JVM
 * also needs the {@code --add-opens} options listed in {@code docs/spark.md}.
 */
public final class SparkTrialRunner implements TrialRunner {
  private final SparkRunnerConfig config;
  private final SparkSession session;
  private final JavaSparkContext context;
  private boolean closed;

  /**
   * Starts a Spark session with {@code config}.
   *
   * @throws IllegalStateException when the JDK needs {@code SPARK_USER} and it is not set
   */
  public SparkTrialRunner(SparkRunnerConfig config) {
    checkJdk(Runtime.version().feature(), System.getenv("SPARK_USER"));
    this.config = config;
    SparkSession.Builder builder =
        SparkSession.builder()
            .master(config.master())
            .appName(config.appName())
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false");
    if (config.isLocal()) {
      builder = builder.config("spark.driver.host", "127.0.0.1");
      builder = builder.config("spark.driver.bindAddress", "127.0.0.1");
    }
    this.session = builder.getOrCreate();
    this.context = JavaSparkContext.fromSparkContext(session.sparkContext());
  }

  /** Fails when Spark's Hadoop client cannot find the user on this JDK. */
  static void checkJdk(int feature, String sparkUser) {
    if (feature >= 23 && (sparkUser == null || sparkUser.isBlank())) {
      throw new IllegalStateException(
          "Spark on Java "
              + feature
              + " needs the SPARK_USER environment variable (its Hadoop client cannot read the"
              + " user on Java 23+); set e.g. SPARK_USER=$USER, or run on Java 17 or 21"
              + " (docs/spark.md)");
    }
  }

  /** The settings. */
  public SparkRunnerConfig config() {
    return config;
  }

  /** The number of cores Spark schedules on ({@code local[N]}: N). */
  public int parallelism() {
    return context.defaultParallelism();
  }

  @Override
  public <P extends Serializable, I extends Serializable, R extends Serializable> List<R> run(
      P payload, List<I> inputs, TrialFunction<P, I, R> trial) {
    if (closed) {
      throw new IllegalStateException("the Spark runner is closed");
    }
    if (inputs.isEmpty()) {
      return List.of();
    }
    int slices = Math.min(inputs.size(), parallelism() * config.slicesPerCore());
    Broadcast<P> shared = context.broadcast(payload);
    try {
      List<R> results =
          context
              .parallelize(inputs, slices)
              .map(input -> trial.apply(shared.value(), input))
              .collect();
      return Collections.unmodifiableList(results);
    } catch (Exception e) { // Spark's SparkException is checked in Java terms but not declared
      throw new TrialFailedException("a Spark trial failed: " + rootMessage(e), e);
    } finally {
      shared.destroy();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      session.stop();
    }
  }
}
