package io.perpetua.trading.learn;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.StrategyId;
import io.perpetua.trading.flow.FactoryStrategyRow;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the auto-evolution keeps its runs and the lineage of the strategies it created (in memory
 * for tests, the platform database in production). An applied run is one transaction: its record,
 * the new and deprecated strategy rows and the lineage, all or nothing. Thread-safe.
 */
public interface EvolutionStore {
  /**
   * A strategy the evolution created.
   *
   * @param strategy the new strategy
   * @param symbol its symbol
   * @param parent the parent it was mutated from
   * @param runId the run that created it
   * @param createdMs when
   */
  record Lineage(
      StrategyId strategy, InstrumentId symbol, StrategyId parent, String runId, long createdMs) {}

  /**
   * One evolution run.
   *
   * @param id run id
   * @param atMs when
   * @param dryRun whether it only planned
   * @param actor who ran it
   * @param report the JSON report (a map)
   * @param markdown the Markdown report
   */
  record Run(
      String id,
      long atMs,
      boolean dryRun,
      String actor,
      Map<String, Object> report,
      String markdown) {
    /** Validates; copies the report. */
    public Run {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(actor, "actor");
      report = Collections.unmodifiableMap(new LinkedHashMap<>(report));
    }
  }

  /** Every strategy the evolution created, oldest first. */
  List<Lineage> lineage();

  /** The latest runs, newest first. */
  List<Run> runs(int limit);

  /**
   * Stores {@code run}, the strategy {@code rows} (new and deprecated) and {@code born} in one
   * transaction: after a failure none of it is stored.
   */
  void commit(Run run, List<FactoryStrategyRow> rows, List<Lineage> born);
}
