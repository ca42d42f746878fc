package io.perpetua.trading.allocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The capital allocator of spec 003 §5, pure and deterministic: each step scores the running
 * strategies on their window reward {@code R = PnL_net / risk} (UCB1 {@code μ + c·√(ln T / n)} or a
 * seeded Thompson sample from a normal posterior of the mean reward), turns the scores into target
 * weights (softmax, capped), sends the worst loser to the cool-down pool ({@code disabled_until =
 * now + cooldown}; it comes back on probation with a capped weight), cuts the combined weight of
 * two strategies whose returns correlate above the threshold, and moves the weights toward the
 * targets by at most {@code max_step_fraction} of the capital (the cost of the move is counted).
 * The {@code target_vol} mode sets {@code w_i = min(w_max, b_i·σ* / σ_i)} instead of scores. The
 * same state, returns and seed give the same step.
 */
public final class BanditAllocator {
  /** The bandit mode. */
  public static final String BANDIT = "bandit";

  /** The target-volatility mode. */
  public static final String TARGET_VOL = "target_vol";

  private final AllocationConfig config;

  /** An allocator with {@code config}. */
  public BanditAllocator(AllocationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The configuration. */
  public AllocationConfig config() {
    return config;
  }

  /**
   * One step at {@code nowMs} over the running strategies' {@code series} (their order is the order
   * of the result's maps).
   */
  public AllocationStep step(
      AllocationState state, List<ReturnSeries> series, MarketVol vol, long nowMs, String mode) {
    if (!BANDIT.equals(mode) && !TARGET_VOL.equals(mode)) {
      throw new IllegalArgumentException("mode must be bandit or target_vol, was " + mode);
    }
    Work w = new Work(state, series, nowMs);
    List<String> events = new ArrayList<>();
    w.release(events);
    w.learn();
    Map<String, Double> scores = BANDIT.equals(mode) ? w.banditScores() : w.volScores();
    if (BANDIT.equals(mode)) {
      w.coolWorst(events);
    }
    Map<String, Double> targets = w.targets(scores, BANDIT.equals(mode));
    correlationCut(w, targets, events);
    Moves.Result moved = Moves.limit(w.previous, targets, config);
    boolean spike = vol.ratio() > config.volSpikeRatio();
    if (spike) {
      events.add(String.format(Locale.ROOT, "vol_spike ratio=%.3f", vol.ratio()));
    }
    AllocationState next =
        new AllocationState(
            state.rounds() + 1, moved.weights(), w.disabled, w.nextProbation(), w.arms);
    Map<String, Long> cooling = new LinkedHashMap<>();
    w.disabled.forEach(
        (k, v) -> {
          if (v > nowMs) {
            cooling.put(k, v);
          }
        });
    return new AllocationStep(
        nowMs,
        mode,
        BANDIT.equals(mode) ? config.policy() : TARGET_VOL,
        w.previous,
        targets,
        moved.weights(),
        scores,
        w.rewards,
        cooling,
        List.copyOf(w.probation.keySet()),
        moved.moved(),
        moved.cost(),
        events,
        spike,
        next);
  }

  private void correlationCut(Work w, Map<String, Double> targets, List<String> events) {
    List<String> names = w.running();
    java.util.Set<String> cut = new java.util.LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        String a = names.get(i);
        String b = names.get(j);
        double rho =
            Rewards.correlation(w.windows.get(a), w.windows.get(b), config.minObservations());
        if (rho > config.correlationThreshold()) {
          events.add(String.format(Locale.ROOT, "correlation %s,%s rho=%.3f", a, b, rho));
          cut.add(a);
          cut.add(b);
        }
      }
    }
    for (String s : cut) {
      targets.put(s, targets.get(s) * (1 - config.correlationCut()));
    }
  }

  /** The mutable work of one step. */
  private final class Work {
    final long nowMs;
    final int round;
    final List<String> names = new ArrayList<>();
    final Map<String, ReturnSeries> windows = new LinkedHashMap<>();
    final Map<String, Double> previous = new LinkedHashMap<>();
    final Map<String, Double> rewards = new LinkedHashMap<>();
    final Map<String, Long> disabled;
    final Map<String, Integer> probation;
    final Map<String, AllocationState.Arm> arms;

    Work(AllocationState state, List<ReturnSeries> series, long nowMs) {
      this.nowMs = nowMs;
      this.round = state.rounds() + 1;
      this.disabled = new LinkedHashMap<>(state.disabledUntil());
      this.probation = new LinkedHashMap<>(state.probation());
      this.arms = new LinkedHashMap<>(state.arms());
      boolean fresh = state.weights().isEmpty();
      double equal = series.isEmpty() ? 0 : Math.min(config.maxWeight(), 1.0 / series.size());
      for (ReturnSeries s : series) {
        names.add(s.strategy());
        windows.put(s.strategy(), s.window(config, nowMs));
        previous.put(s.strategy(), fresh ? equal : state.weights().getOrDefault(s.strategy(), 0.0));
      }
    }

    /** Strategies whose cool-down ended come back on probation. */
    void release(List<String> events) {
      for (String s : names) {
        Long until = disabled.get(s);
        if (until != null && until <= nowMs) {
          disabled.remove(s);
          probation.put(s, config.probationSteps());
          events.add("probation " + s);
        }
      }
    }

    List<String> running() {
      List<String> out = new ArrayList<>();
      for (String s : names) {
        if (!disabled.containsKey(s)) {
          out.add(s);
        }
      }
      return out;
    }

    /** Each running strategy's window reward, added to its arm. */
    void learn() {
      for (String s : names) {
        double r = Rewards.reward(windows.get(s).returns(), config.risk());
        rewards.put(s, r);
        if (!disabled.containsKey(s) && !Double.isNaN(r)) {
          arms.put(s, arms.getOrDefault(s, AllocationState.Arm.EMPTY).plus(r));
        }
      }
    }

    Map<String, Double> banditScores() {
      Map<String, Double> out = new LinkedHashMap<>();
      SplittableRandom rnd = new SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + round);
      int total = 0;
      for (AllocationState.Arm a : arms.values()) {
        total += a.pulls();
      }
      for (String s : names) {
        AllocationState.Arm a = arms.getOrDefault(s, AllocationState.Arm.EMPTY);
        double gauss = gaussian(rnd); // drawn for every strategy: the sequence never shifts
        double score;
        if (AllocationConfig.UCB1.equals(config.policy())) {
          score =
              a.pulls() == 0
                  ? a.mean() + config.ucbC() * Math.sqrt(Math.log(Math.max(total, 2)))
                  : a.mean() + config.ucbC() * Math.sqrt(Math.log(Math.max(total, 2)) / a.pulls());
        } else {
          score = a.mean() + a.sd() / Math.sqrt(Math.max(1, a.pulls())) * gauss;
        }
        out.put(s, score);
      }
      return out;
    }

    Map<String, Double> volScores() {
      Map<String, Double> out = new LinkedHashMap<>();
      for (String s : names) {
        double sd = Math.max(Rewards.RISK_FLOOR, Rewards.sd(windows.get(s).returns()));
        out.put(s, 1.0 / sd);
      }
      return out;
    }

    /** The worst loser (lowest mean reward, net loss over the window) goes to cool-down. */
    void coolWorst(List<String> events) {
      List<String> run = running();
      long cooled = names.size() - run.size();
      if (cooled >= config.maxCooled() || run.size() < 2 || config.cooldownMs() == 0) {
        return;
      }
      String worst = null;
      double worstMean = Double.POSITIVE_INFINITY;
      for (String s : run) {
        ReturnSeries win = windows.get(s);
        AllocationState.Arm a = arms.getOrDefault(s, AllocationState.Arm.EMPTY);
        boolean eligible =
            win.size() >= config.minObservations()
                && Rewards.netReturn(win.returns()) < 0
                && a.pulls() > 0;
        if (eligible && a.mean() < worstMean) {
          worst = s;
          worstMean = a.mean();
        }
      }
      if (worst != null) {
        long until = nowMs + config.cooldownMs();
        disabled.put(worst, until);
        probation.remove(worst);
        events.add(
            String.format(
                Locale.ROOT,
                "cooldown %s until=%s mean_reward=%.4f",
                worst,
                java.time.Instant.ofEpochMilli(until),
                worstMean));
      }
    }

    /** Target weights: softmax of the scores (bandit) or proportional to them (target_vol). */
    Map<String, Double> targets(Map<String, Double> scores, boolean softmax) {
      Map<String, Double> raw = new LinkedHashMap<>();
      Map<String, Double> caps = new LinkedHashMap<>();
      double max = Double.NEGATIVE_INFINITY;
      for (String s : running()) {
        max = Math.max(max, scores.get(s));
      }
      for (String s : names) {
        if (disabled.containsKey(s)) {
          continue;
        }
        double score = scores.get(s);
        raw.put(s, softmax ? Math.exp((score - max) / config.temperature()) : score);
        caps.put(
            s,
            probation.containsKey(s)
                ? Math.min(config.maxWeight(), config.probationWeight())
                : config.maxWeight());
      }
      Map<String, Double> out = new LinkedHashMap<>();
      Map<String, Double> filled =
          softmax
              ? Moves.waterFill(raw, caps, 1.0)
              : Moves.capped(raw, caps, config.targetVol() / Math.max(1, raw.size()));
      for (String s : names) {
        out.put(s, filled.getOrDefault(s, 0.0));
      }
      return out;
    }

    Map<String, Integer> nextProbation() {
      Map<String, Integer> out = new LinkedHashMap<>();
      probation.forEach(
          (k, v) -> {
            if (v > 1) {
              out.put(k, v - 1);
            }
          });
      return out;
    }
  }

  /** A standard normal draw (Box–Muller; one draw per call, deterministic in the seed). */
  static double gaussian(SplittableRandom rnd) {
    double u = 1.0 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
