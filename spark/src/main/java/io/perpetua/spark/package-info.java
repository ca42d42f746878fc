/**
 * Scale-out of independent trials (module {@code spark}): the {@link io.perpetua.spark.TrialRunner}
 * interface with an in-process implementation and an Apache Spark one that runs the trials as tasks
 * over a broadcast, read-only payload and returns the results in input order. Generic: it knows
 * nothing of strategies or optimisers. JDK and deployment notes: {@code docs/spark.md}.
 */
package io.perpetua.spark;
