package io.perpetua.trading.allocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the allocator carries from one step to the next: the strategies' capital weights (the rest
 * of the capital is cash), the cool-down pool ({@code disabled_until}), who is on probation (steps
 * left) and each strategy's arm (its step rewards so far). Immutable; {@link #encode()} and {@link
 * #decode(String)} store it as text (allocation history).
 *
 * @param rounds steps taken
 * @param weights capital weights by strategy
 * @param disabledUntil the cool-down pool: strategy → end of its cool-down (epoch ms)
 * @param probation strategies back from cool-down → steps of probation left
 * @param arms each strategy's arm
 */
public record AllocationState(
    int rounds,
    Map<String, Double> weights,
    Map<String, Long> disabledUntil,
    Map<String, Integer> probation,
    Map<String, Arm> arms) {

  /**
   * A strategy's arm: the number of steps it ran, the sum and the sum of squares of its rewards.
   *
   * @param pulls steps with a reward
   * @param sum sum of rewards
   * @param sumSquares sum of squared rewards
   */
  public record Arm(int pulls, double sum, double sumSquares) {
    /** No reward yet. */
    public static final Arm EMPTY = new Arm(0, 0, 0);

    /** With one more reward. */
    public Arm plus(double reward) {
      return new Arm(pulls + 1, sum + reward, sumSquares + reward * reward);
    }

    /** The mean reward (0 before the first). */
    public double mean() {
      return pulls == 0 ? 0.0 : sum / pulls;
    }

    /** The sample standard deviation of the rewards (1 before the second: a wide prior). */
    public double sd() {
      if (pulls < 2) {
        return 1.0;
      }
      double var = (sumSquares - sum * sum / pulls) / (pulls - 1);
      return Math.sqrt(Math.max(var, 1e-12));
    }
  }

  /** Copies the maps (insertion order kept). */
  public AllocationState {
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    disabledUntil = Collections.unmodifiableMap(new LinkedHashMap<>(disabledUntil));
    probation = Collections.unmodifiableMap(new LinkedHashMap<>(probation));
    arms = Collections.unmodifiableMap(new LinkedHashMap<>(arms));
  }

  /** Nothing allocated yet. */
  public static AllocationState empty() {
    return new AllocationState(0, Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** Whether {@code strategy} is in the cool-down pool at {@code nowMs}. */
  public boolean cooling(String strategy, long nowMs) {
    Long until = disabledUntil.get(strategy);
    return until != null && until > nowMs;
  }

  /** The capital in cash (1 minus the weights). */
  public double cash() {
    double sum = 0;
    for (double w : weights.values()) {
      sum += w;
    }
    return 1 - sum;
  }

  /** This state as text: one {@code kind name values} line per entry. */
  public String encode() {
    StringBuilder b = new StringBuilder("rounds ").append(rounds).append('\n');
    weights.forEach((k, v) -> b.append("w ").append(k).append(' ').append(v).append('\n'));
    disabledUntil.forEach((k, v) -> b.append("d ").append(k).append(' ').append(v).append('\n'));
    probation.forEach((k, v) -> b.append("p ").append(k).append(' ').append(v).append('\n'));
    arms.forEach(
        (k, a) ->
            b.append("a ")
                .append(k)
                .append(' ')
                .append(a.pulls)
                .append(' ')
                .append(a.sum)
                .append(' ')
                .append(a.sumSquares)
                .append('\n'));
    return b.toString();
  }

  /** Reads {@link #encode()}'s text. */
  public static AllocationState decode(String text) {
    Objects.requireNonNull(text, "text");
    int rounds = 0;
    Map<String, Double> w = new LinkedHashMap<>();
    Map<String, Long> d = new LinkedHashMap<>();
    Map<String, Integer> p = new LinkedHashMap<>();
    Map<String, Arm> a = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split(" ");
      switch (f[0]) {
        case "rounds" -> rounds = Integer.parseInt(f[1]);
        case "w" -> w.put(f[1], Double.parseDouble(f[2]));
        case "d" -> d.put(f[1], Long.parseLong(f[2]));
        case "p" -> p.put(f[1], Integer.parseInt(f[2]));
        case "a" ->
            a.put(
                f[1],
                new Arm(
                    Integer.parseInt(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        case "" -> {}
        default -> throw new IllegalArgumentException("unknown allocation state line: " + line);
      }
    }
    return new AllocationState(rounds, w, d, p, a);
  }
}
