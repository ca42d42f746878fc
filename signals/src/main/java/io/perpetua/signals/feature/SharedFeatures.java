package io.perpetua.signals.feature;

import io.perpetua.signals.MarketView;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Feature values shared between runs over the same read-only market data, e.g. the trials of a
 * parameter sweep: a feature is computed once per (feature, its parameters — the name encodes them
 * —, time slice, pool members) and every later run that asks for the same key gets a copy of the
 * stored values. A feature is a pure function of those inputs over a given data set, so a copy is
 * bit-identical to what the run would have computed itself.
 *
 * <p>Values are kept per data set ({@link #scope}: the object the views read, e.g. the kernel's
 * market panel, compared with its {@code equals} — identity for the panel) for as long as that
 * object is reachable; the data must not change while shared. Thread-safe: concurrent runs may
 * compute the same key at once, and the first stored copy wins (both are equal).
 */
public final class SharedFeatures {
  private record Key(String feature, long timeMs, int history, BitSet pool) {}

  private final Map<Object, Scope> scopes = Collections.synchronizedMap(new WeakHashMap<>());

  /** The shared values over {@code data} (one scope per data object, by identity). */
  public Scope scope(Object data) {
    return scopes.computeIfAbsent(data, d -> new Scope());
  }

  /** Computations answered from the store so far, over every scope still held. */
  public long hits() {
    synchronized (scopes) {
      return scopes.values().stream().mapToLong(Scope::hits).sum();
    }
  }

  /** The values of one data set. Thread-safe. */
  public static final class Scope {
    private final Map<Key, double[]> values = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();

    private Scope() {}

    /** {@code feature} answering from this scope. */
    public CrossSectionalFeature share(CrossSectionalFeature feature) {
      return new Shared(feature, this);
    }

    /** Computations answered from the store so far. */
    public long hits() {
      return hits.sum();
    }

    /** Distinct computations stored. */
    public int size() {
      return values.size();
    }
  }

  private static final class Shared implements CrossSectionalFeature {
    private final CrossSectionalFeature feature;
    private final Scope scope;

    Shared(CrossSectionalFeature feature, Scope scope) {
      this.feature = feature;
      this.scope = scope;
    }

    @Override
    public String name() {
      return feature.name();
    }

    @Override
    public int lookbackBars(long barMillis) {
      return feature.lookbackBars(barMillis);
    }

    @Override
    public void compute(MarketView view, boolean[] pool, double[] scratch, double[] out) {
      int n = view.instrumentCount();
      BitSet members = new BitSet(n);
      for (int i = 0; i < n; i++) {
        if (pool[i]) {
          members.set(i);
        }
      }
      Key key = new Key(feature.name(), view.time(), view.history(), members);
      double[] stored = scope.values.get(key);
      if (stored != null) {
        System.arraycopy(stored, 0, out, 0, n);
        scope.hits.increment();
        return;
      }
      feature.compute(view, pool, scratch, out);
      scope.values.putIfAbsent(key, Arrays.copyOf(out, n));
    }
  }
}
