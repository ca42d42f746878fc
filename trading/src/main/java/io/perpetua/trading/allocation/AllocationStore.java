package io.perpetua.trading.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The allocation history (a port: in memory here, a JDBC table in the platform). Append-only.
 * Thread-safe.
 */
public interface AllocationStore {
  /** Stores {@code step}; returns it with its id. */
  AllocationRecord append(AllocationStep step, String trigger, String actor);

  /** The latest stored step. */
  Optional<AllocationRecord> latest();

  /** Up to {@code limit} steps with an id below {@code beforeId}, newest first. */
  List<AllocationRecord> history(int limit, long beforeId);

  /** A store in memory. */
  static AllocationStore inMemory() {
    return new AllocationStore() {
      private final List<AllocationRecord> records = new ArrayList<>();

      @Override
      public synchronized AllocationRecord append(
          AllocationStep step, String trigger, String actor) {
        AllocationRecord r = new AllocationRecord(records.size() + 1L, trigger, actor, step);
        records.add(r);
        return r;
      }

      @Override
      public synchronized Optional<AllocationRecord> latest() {
        return records.isEmpty() ? Optional.empty() : Optional.of(records.getLast());
      }

      @Override
      public synchronized List<AllocationRecord> history(int limit, long beforeId) {
        List<AllocationRecord> out = new ArrayList<>();
        for (int i = records.size() - 1; i >= 0 && out.size() < limit; i--) {
          if (records.get(i).id() < beforeId) {
            out.add(records.get(i));
          }
        }
        return out;
      }
    };
  }
}
