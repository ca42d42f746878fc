package io.perpetua.trading.learn;

import io.perpetua.trading.flow.FactoryStrategyRow;
import io.perpetua.trading.flow.FlowJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link EvolutionStore} in memory, writing strategy rows to a {@link FlowJournal}: the rows are
 * written last, after everything that can fail was checked. Thread-safe.
 */
public final class InMemoryEvolutionStore implements EvolutionStore {
  private final FlowJournal journal;
  private final List<Lineage> lineage = new ArrayList<>();
  private final List<Run> runs = new ArrayList<>();

  /** A store writing rows to {@code journal}. */
  public InMemoryEvolutionStore(FlowJournal journal) {
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  @Override
  public synchronized List<Lineage> lineage() {
    return List.copyOf(lineage);
  }

  @Override
  public synchronized List<Run> runs(int limit) {
    List<Run> out = new ArrayList<>(runs);
    java.util.Collections.reverse(out);
    return out.subList(0, Math.min(limit, out.size()));
  }

  @Override
  public synchronized void commit(Run run, List<FactoryStrategyRow> rows, List<Lineage> born) {
    if (runs.stream().anyMatch(r -> r.id().equals(run.id()))) {
      throw new IllegalStateException("run " + run.id() + " exists");
    }
    runs.add(run);
    lineage.addAll(born);
    rows.forEach(journal::saveStrategy);
  }
}
