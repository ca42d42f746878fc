package io.perpetua.trading.flow;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.core.time.Clock;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.signals.flow.FieldError;
import io.perpetua.signals.flow.FlowValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lifecycle of user-defined strategies (spec §3.4) over a {@link FlowStrategyHost} (the
 * kernel's flow strategy): create, edit (new version, effective at the next evaluation without a
 * restart), pause, resume, deprecate and restore — never delete — and add balance (raises the
 * initial and the current balance). Names are unique among all rows, deprecated ones included.
 * Invalid input fails with a {@link FlowValidationException} naming the fields; an impossible
 * transition with an {@link IllegalStateException} naming the status.
 *
 * <p>The rows live in memory here; a persistence adapter can reload them with {@link #load}. Not
 * thread-safe: call it on the kernel thread.
 */
public final class FactoryStrategyBook {
  private final FlowStrategyHost engine;
  private final Set<InstrumentId> knownInstruments;
  private final Clock clock;
  private final Map<StrategyId, FactoryStrategyRow> rows = new LinkedHashMap<>();
  private int sequence;

  /** A book driving {@code engine}, accepting only {@code knownInstruments}. */
  public FactoryStrategyBook(
      FlowStrategyHost engine, Set<InstrumentId> knownInstruments, Clock clock) {
    this.engine = engine;
    this.knownInstruments = Set.copyOf(knownInstruments);
    this.clock = clock;
  }

  /** Creates and starts a strategy. */
  public FactoryStrategyRow create(FactoryStrategyDefinition definition) {
    definition.checkContext(knownInstruments, names(null));
    StrategyId id = StrategyId.of("factory-" + (++sequence));
    long now = clock.nowMillis();
    var row =
        new FactoryStrategyRow(
            id,
            1,
            definition,
            StrategyStatus.RUNNING,
            Money.of(definition.initialBalance()),
            now,
            now);
    rows.put(id, row);
    engine.upsertStrategy(definition.toConfig(id, "1"));
    return row;
  }

  /** Replaces the definition (same symbol); the next evaluation uses the new version. */
  public FactoryStrategyRow edit(StrategyId id, FactoryStrategyDefinition definition) {
    FactoryStrategyRow row = require(id);
    if (row.status() == StrategyStatus.DEPRECATED) {
      throw new IllegalStateException(id + " is deprecated: restore it before editing");
    }
    definition.checkContext(knownInstruments, names(id));
    if (!definition.instrument().equals(row.definition().instrument())) {
      throw new FlowValidationException(
          List.of(new FieldError("symbol", "cannot change; create a new strategy instead")));
    }
    int version = row.version() + 1;
    var next =
        new FactoryStrategyRow(
            id,
            version,
            definition,
            row.status(),
            row.initialBalance(),
            row.createdMs(),
            clock.nowMillis());
    rows.put(id, next);
    engine.upsertStrategy(definition.toConfig(id, Integer.toString(version)));
    return next;
  }

  /** Pauses a running strategy. */
  public FactoryStrategyRow pause(StrategyId id) {
    FactoryStrategyRow row = transition(id, StrategyStatus.RUNNING, StrategyStatus.PAUSED);
    engine.pause(id);
    return row;
  }

  /** Resumes a paused strategy. */
  public FactoryStrategyRow resume(StrategyId id) {
    FactoryStrategyRow row = transition(id, StrategyStatus.PAUSED, StrategyStatus.RUNNING);
    engine.resume(id);
    return row;
  }

  /** Deprecates a running or paused strategy (no evaluations; history and balance kept). */
  public FactoryStrategyRow deprecate(StrategyId id) {
    FactoryStrategyRow row = require(id);
    if (row.status() == StrategyStatus.DEPRECATED) {
      throw new IllegalStateException(id + " is already deprecated");
    }
    engine.pause(id);
    return put(row, StrategyStatus.DEPRECATED);
  }

  /** Restores a deprecated strategy as paused (resume it to trade). */
  public FactoryStrategyRow restore(StrategyId id) {
    return transition(id, StrategyStatus.DEPRECATED, StrategyStatus.PAUSED);
  }

  /** Adds money: raises the initial balance and the engine's current balance. */
  public FactoryStrategyRow addBalance(StrategyId id, Money amount) {
    FactoryStrategyRow row = require(id);
    Money initial = row.initialBalance().plus(amount);
    if (amount.signum() <= 0 || initial.compareTo(Money.of(1_000_000)) > 0) {
      throw new FlowValidationException(
          List.of(
              new FieldError(
                  "amount", "must be positive and keep initial_balance ≤ 1000000, got " + amount)));
    }
    engine.addBalance(id, amount);
    var next =
        new FactoryStrategyRow(
            id,
            row.version(),
            row.definition(),
            row.status(),
            initial,
            row.createdMs(),
            clock.nowMillis());
    rows.put(id, next);
    return next;
  }

  /** A row. */
  public Optional<FactoryStrategyRow> get(StrategyId id) {
    return Optional.ofNullable(rows.get(id));
  }

  /** Every row, in creation order. */
  public List<FactoryStrategyRow> rows() {
    return new ArrayList<>(rows.values());
  }

  /**
   * The rows that creating {@code definitions} (running, ids after the last) and deprecating {@code
   * retire} would give, checked as {@link #create} and {@link #deprecate} check; nothing changes
   * (store them, then {@link #load} them).
   */
  public List<FactoryStrategyRow> drafts(
      List<FactoryStrategyDefinition> definitions, List<StrategyId> retire) {
    long now = clock.nowMillis();
    Set<String> taken = new java.util.HashSet<>(names(null));
    List<FactoryStrategyRow> out = new ArrayList<>();
    int next = sequence;
    for (FactoryStrategyDefinition d : definitions) {
      d.checkContext(knownInstruments, taken);
      taken.add(d.displayName());
      Money balance = Money.of(d.initialBalance());
      StrategyId id = StrategyId.of("factory-" + (++next));
      out.add(new FactoryStrategyRow(id, 1, d, StrategyStatus.RUNNING, balance, now, now));
    }
    for (StrategyId id : retire) {
      FactoryStrategyRow row = require(id);
      if (row.status() == StrategyStatus.DEPRECATED) {
        throw new IllegalStateException(id + " is already deprecated");
      }
      out.add(
          new FactoryStrategyRow(
              id,
              row.version(),
              row.definition(),
              StrategyStatus.DEPRECATED,
              row.initialBalance(),
              row.createdMs(),
              now));
    }
    return out;
  }

  /** Reloads stored rows into the book and the engine (paused/deprecated rows stay paused). */
  public void load(List<FactoryStrategyRow> stored) {
    for (FactoryStrategyRow row : stored) {
      rows.put(row.id(), row);
      engine.upsertStrategy(row.definition().toConfig(row.id(), Integer.toString(row.version())));
      if (row.status() != StrategyStatus.RUNNING) {
        engine.pause(row.id());
      }
      String suffix = row.id().value().replace("factory-", "");
      if (suffix.chars().allMatch(Character::isDigit) && !suffix.isEmpty()) {
        sequence = Math.max(sequence, Integer.parseInt(suffix));
      }
    }
  }

  private FactoryStrategyRow transition(StrategyId id, StrategyStatus from, StrategyStatus to) {
    FactoryStrategyRow row = require(id);
    if (row.status() != from) {
      throw new IllegalStateException(
          id + " is " + row.status().code() + ", expected " + from.code());
    }
    return put(row, to);
  }

  private FactoryStrategyRow put(FactoryStrategyRow row, StrategyStatus status) {
    var next =
        new FactoryStrategyRow(
            row.id(),
            row.version(),
            row.definition(),
            status,
            row.initialBalance(),
            row.createdMs(),
            clock.nowMillis());
    rows.put(row.id(), next);
    return next;
  }

  private FactoryStrategyRow require(StrategyId id) {
    FactoryStrategyRow row = rows.get(id);
    if (row == null) {
      throw new IllegalArgumentException("unknown strategy " + id);
    }
    return row;
  }

  private Set<String> names(StrategyId except) {
    return rows.values().stream()
        .filter(r -> !r.id().equals(except))
        .map(r -> r.definition().displayName())
        .collect(Collectors.toSet());
  }
}
