package io.perpetua.bench.macross;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The trades of a long-only rule per symbol, as the bar indices (in the symbol's own bars) of the
 * fills: entry, exit, entry, exit… — an odd count means the last position is still open. Two
 * implementations of a rule agree when their lists are {@link #equals equal}.
 *
 * <p>Immutable once built (the builder is not thread-safe).
 */
public final class TradeList {
  private final List<String> symbols;
  private final int[][] fills;

  private TradeList(List<String> symbols, int[][] fills) {
    this.symbols = List.copyOf(symbols);
    this.fills = fills;
  }

  /** A builder for {@code symbols}. */
  public static Builder builder(List<String> symbols) {
    return new Builder(symbols);
  }

  /** The symbols, by index. */
  public List<String> symbols() {
    return symbols;
  }

  /** Symbol {@code s}'s fill bar indices (a copy). */
  public int[] fills(int s) {
    return fills[s].clone();
  }

  /** Positions opened, over all symbols (round trips plus open positions). */
  public int entries() {
    int count = 0;
    for (int[] f : fills) {
      count += (f.length + 1) / 2;
    }
    return count;
  }

  /** Fills over all symbols (entries plus exits). */
  public int fillCount() {
    int count = 0;
    for (int[] f : fills) {
      count += f.length;
    }
    return count;
  }

  /** The first disagreement with {@code other}, described for a person; empty when equal. */
  public Optional<String> firstDifference(TradeList other) {
    if (!symbols.equals(other.symbols)) {
      return Optional.of("different symbols: " + symbols + " vs " + other.symbols);
    }
    for (int s = 0; s < fills.length; s++) {
      int[] a = fills[s];
      int[] b = other.fills[s];
      int k = Arrays.mismatch(a, b);
      if (k >= 0) {
        return Optional.of(
            String.format(
                "%s: fill #%d at bar %s vs %s (%d vs %d fills)",
                symbols.get(s),
                k,
                k < a.length ? a[k] : "none",
                k < b.length ? b[k] : "none",
                a.length,
                b.length));
      }
    }
    return Optional.empty();
  }

  /** The names of the symbols whose fills differ from {@code other}'s. */
  public Set<String> differingSymbols(TradeList other) {
    Set<String> names = new TreeSet<>();
    for (int s = 0; s < fills.length; s++) {
      if (!Arrays.equals(fills[s], other.fills[s])) {
        names.add(symbols().get(s));
      }
    }
    return names;
  }

  /** Symbols whose fills differ from {@code other}'s. */
  public int symbolsDiffering(TradeList other) {
    int count = 0;
    for (int s = 0; s < fills.length; s++) {
      if (!Arrays.equals(fills[s], other.fills[s])) {
        count++;
      }
    }
    return count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TradeList t
        && symbols.equals(t.symbols)
        && Arrays.deepEquals(fills, t.fills);
  }

  @Override
  public int hashCode() {
    return 31 * symbols.hashCode() + Arrays.deepHashCode(fills);
  }

  @Override
  public String toString() {
    return "TradeList[" + symbols.size() + " symbols, " + fillCount() + " fills]";
  }

  /** Collects fills symbol by symbol; not thread-safe. */
  public static final class Builder {
    private final List<String> symbols;
    private final int[][] fills;
    private final int[] counts;

    private Builder(List<String> symbols) {
      this.symbols = List.copyOf(symbols);
      this.fills = new int[symbols.size()][8];
      this.counts = new int[symbols.size()];
    }

    /**
     * Records a fill of symbol {@code s} at its bar {@code bar} (an entry or exit, alternately).
     */
    public Builder fill(int s, int bar) {
      int c = counts[s];
      if (c > 0 && fills[s][c - 1] >= bar) {
        throw new IllegalArgumentException(
            symbols.get(s) + ": fill at bar " + bar + " after one at " + fills[s][c - 1]);
      }
      if (c == fills[s].length) {
        fills[s] = Arrays.copyOf(fills[s], c * 2);
      }
      fills[s][c] = bar;
      counts[s] = c + 1;
      return this;
    }

    /** The list. */
    public TradeList build() {
      int[][] out = new int[fills.length][];
      for (int s = 0; s < fills.length; s++) {
        out[s] = Arrays.copyOf(fills[s], counts[s]);
      }
      return new TradeList(symbols, out);
    }
  }
}
