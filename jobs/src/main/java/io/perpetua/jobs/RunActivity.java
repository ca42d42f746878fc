package io.perpetua.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run did besides its PnL: how often it rebalanced, how many orders went to the venue and
 * filled, which orders the pre-trade checks (or the venue) rejected and by which rule, and which
 * requested symbols were left out of the run and why. It is what explains a run that traded nothing
 * ({@link #idleReason()}). Immutable; counts are non-negative.
 *
 * @param rebalances rebalances performed
 * @param ordersSent orders that passed the pre-trade checks and went to the venue
 * @param fills fills received
 * @param rejections rejected orders by rule, most frequent first
 * @param skipped symbols of the universe that were not part of the run, in universe order
 * @param skippedRebalances due rebalances that did not happen because trading was halted, in time
 *     order (empty when none; never null)
 * @param unhalted the metrics of the same run with the halting risk rules switched off, when a halt
 *     skipped any rebalance (null otherwise): the strategy's own figures beside the halted book's
 */
public record RunActivity(
    int rebalances,
    int ordersSent,
    int fills,
    List<Rejections> rejections,
    List<SkippedSymbol> skipped,
    List<SkippedRebalance> skippedRebalances,
    Metrics unhalted) {
  /**
   * The orders one rule rejected.
   *
   * @param rule the rule (a risk rule such as {@code max_position_pct}, a filter such as {@code
   *     min_notional}, or {@code venue})
   * @param count orders it rejected, at least 1
   * @param example the reason given for the first of them
   */
  public record Rejections(String rule, int count, String example) {
    /** Validates. */
    public Rejections {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(example, "example");
      if (count < 1) {
        throw new IllegalArgumentException("count must be >= 1, was " + count);
      }
    }
  }

  /**
   * A symbol left out of a run.
   *
   * @param symbol venue symbol, e.g. {@code FTTUSDT}
   * @param reason why, e.g. {@code no 1h bars between 2023-11-27 and 2025-01-02}
   */
  public record SkippedSymbol(String symbol, String reason) {
    /** Validates. */
    public SkippedSymbol {
      Objects.requireNonNull(symbol, "symbol");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A due rebalance that was skipped.
   *
   * @param timeMs when it was due
   * @param reason what halted trading, e.g. {@code max_drawdown_halt}
   */
  public record SkippedRebalance(long timeMs, String reason) {
    /** Validates. */
    public SkippedRebalance {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A stretch of consecutive skipped rebalances with one reason.
   *
   * @param reason what halted trading
   * @param fromMs the first skipped rebalance
   * @param toMs the last skipped rebalance
   * @param skippedRebalances how many were skipped
   */
  public record Halt(String reason, long fromMs, long toMs, int skippedRebalances) {}

  /** Activity without halts (no skipped rebalance). */
  public RunActivity(
      int rebalances,
      int ordersSent,
      int fills,
      List<Rejections> rejections,
      List<SkippedSymbol> skipped) {
    this(rebalances, ordersSent, fills, rejections, skipped, List.of(), null);
  }

  /** Validates, copies the lists and orders the rejections by count (then rule). */
  public RunActivity {
    if (rebalances < 0 || ordersSent < 0 || fills < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    List<Rejections> sorted = new ArrayList<>(rejections);
    sorted.sort(
        Comparator.comparingInt(Rejections::count).reversed().thenComparing(Rejections::rule));
    rejections = List.copyOf(sorted);
    skipped = List.copyOf(skipped);
    skippedRebalances = skippedRebalances == null ? List.of() : List.copyOf(skippedRebalances);
  }

  /** This activity with the metrics of the run without halts. */
  public RunActivity withUnhalted(Metrics metrics) {
    return new RunActivity(
        rebalances, ordersSent, fills, rejections, skipped, skippedRebalances, metrics);
  }

  /**
   * The halts: consecutive skipped rebalances grouped by reason, in time order (a run whose
   * drawdown breaker tripped on 2024-03-05 and stayed tripped has one halt from that day on).
   */
  public List<Halt> halts() {
    List<Halt> out = new ArrayList<>();
    for (SkippedRebalance s : skippedRebalances) {
      Halt last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.reason().equals(s.reason())) {
        out.set(
            out.size() - 1,
            new Halt(last.reason(), last.fromMs(), s.timeMs(), last.skippedRebalances() + 1));
      } else {
        out.add(new Halt(s.reason(), s.timeMs(), s.timeMs(), 1));
      }
    }
    return List.copyOf(out);
  }

  /** Activity with nothing in it (no rebalance, no order, nothing skipped). */
  public static RunActivity none() {
    return new RunActivity(0, 0, 0, List.of(), List.of());
  }

  /** Orders rejected, all rules together. */
  public int ordersRejected() {
    return rejections.stream().mapToInt(Rejections::count).sum();
  }

  /** Whether anything filled. */
  public boolean traded() {
    return fills > 0;
  }

  /**
   * Why the run traded nothing, e.g. {@code no trades: all 734 orders were rejected by the
   * pre-trade checks (max_position_pct 734)}; empty when it traded.
   */
  public Optional<String> idleReason() {
    if (traded()) {
      return Optional.empty();
    }
    String why;
    if (rebalances == 0 && !skippedRebalances.isEmpty()) {
      why =
          "all "
              + skippedRebalances.size()
              + " due rebalances were skipped, trading halted by "
              + skippedRebalances.get(0).reason();
    } else if (rebalances == 0) {
      why = "no rebalance fell in the range";
    } else if (ordersRejected() > 0 && ordersSent == 0) {
      why =
          "all "
              + ordersRejected()
              + " orders were rejected by the pre-trade checks ("
              + rejectionSummary()
              + ")";
    } else if (ordersSent > 0) {
      why = ordersSent + " orders were sent but none filled";
    } else {
      why = "the strategy asked for no orders in " + rebalances + " rebalances";
    }
    return Optional.of("no trades: " + why);
  }

  /** The rejections as {@code rule count, rule count}, e.g. {@code max_position_pct 734}. */
  public String rejectionSummary() {
    StringBuilder b = new StringBuilder();
    for (Rejections r : rejections) {
      b.append(b.isEmpty() ? "" : ", ").append(r.rule()).append(' ').append(r.count());
    }
    return b.toString();
  }
}
