package io.perpetua.trading.kernel;

import io.perpetua.core.StrategyId;
import io.perpetua.signals.PanelMarketView;
import io.perpetua.signals.pool.AssetPoolDefinition;
import io.perpetua.signals.strategy.CrossSectionalStrategy;
import io.perpetua.trading.lifecycle.CandidateLink;
import io.perpetua.trading.lifecycle.RunningCandidate;
import io.perpetua.trading.lifecycle.Stage;
import io.perpetua.trading.portfolio.TargetNetting;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.registry.VirtualBook;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The candidates the kernel runs beside their strategies' stable versions (issue 17 item 2): a
 * strategy whose lifecycle has a candidate in {@code shadow} or {@code canary} ({@link
 * CandidateLink#running}) gets a candidate sleeve that decides with the candidate's parameters on
 * the same bars, at the same times, as the stable sleeve.
 *
 * <ul>
 *   <li><b>shadow</b>: no orders. Its targets only go into its {@link VirtualBook}, which fills at
 *       the platform's real fill prices where the netted order traded the instrument, else at the
 *       bar's close and the taker fee: what it would have done.
 *   <li><b>canary</b>: its share of the strategy's capital ({@code capitalFraction}, at most 10 %)
 *       is a sleeve of the netting like an ensemble member, so its orders go down the kernel's one
 *       order path netted with the stable sleeve, which keeps the rest.
 * </ul>
 *
 * At each UTC midnight of the kernel's clock the candidate's daily NAV is marked and its record
 * (daily returns, trades and slippage since its stage began) goes to {@link
 * CandidateLink#dayEnded}, where the gates are evaluated. A change of the lifecycle (promotion,
 * rollback, a new candidate) takes effect at the strategy's next decision. Not thread-safe (kernel
 * thread).
 */
final class CandidateSleeves {
  /** One running candidate. */
  static final class Candidate {
    final String strategy;
    final String versionId;
    final StrategyId id;
    final DecisionPipeline pipeline;
    final VirtualBook book;
    Stage stage;
    double fraction;
    double[] weights;
    boolean decided;
    final List<Double> navs = new ArrayList<>();
    int tradesBefore;
    double[] slippageBefore = new double[2];

    Candidate(
        String strategy, RunningCandidate c, DecisionPipeline pipeline, VirtualBook book, int n) {
      this.strategy = strategy;
      this.versionId = c.versionId();
      this.id = StrategyId.of(c.versionId());
      this.pipeline = pipeline;
      this.book = book;
      this.stage = c.stage();
      this.fraction = c.capitalFraction();
      this.weights = new double[n];
    }

    /** The capital share it trades: 0 in shadow. */
    double tradedFraction() {
      return stage == Stage.CANARY ? fraction : 0.0;
    }

    void newStage(RunningCandidate c) {
      stage = c.stage();
      fraction = c.capitalFraction();
      navs.clear();
      tradesBefore = book.trades();
      slippageBefore = book.slippage();
    }

    CandidateLink.LiveRecord record(long dayMs) {
      double[] r = new double[Math.max(0, navs.size() - 1)];
      for (int k = 1; k < navs.size(); k++) {
        r[k - 1] = navs.get(k) / navs.get(k - 1) - 1;
      }
      double[] s = book.slippage();
      double notional = s[0] - slippageBefore[0];
      double slip = notional > 0 ? (s[1] - slippageBefore[1]) / notional : Double.NaN;
      return new CandidateLink.LiveRecord(
          versionId, stage, r, book.trades() - tradesBefore, slip, dayMs);
    }
  }

  private final StrategyRegistry registry;
  private final StrategySleeves.PipelineFactory pipelines;
  private final Function<String, AssetPoolDefinition> pools;
  private final double initialCapital;
  private final int instruments;
  private final Map<String, Candidate> running = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> restored = new HashMap<>();
  private CandidateLink link;

  CandidateSleeves(
      StrategyRegistry registry,
      StrategySleeves.PipelineFactory pipelines,
      Function<String, AssetPoolDefinition> pools,
      double initialCapital,
      int instruments) {
    this.registry = registry;
    this.pipelines = pipelines;
    this.pools = pools;
    this.initialCapital = initialCapital;
    this.instruments = instruments;
  }

  /** Runs the candidates {@code value} names (null: none). */
  void use(CandidateLink value) {
    this.link = value;
    if (value == null) {
      running.clear();
    }
  }

  /** The running candidates (tests). */
  Map<String, Candidate> running() {
    return running;
  }

  /**
   * {@code strategy}'s stable sleeve decided at the view's time: its candidate (if the lifecycle
   * has one now) decides on the same view. A candidate whose parameters cannot be built or whose
   * decision fails stays flat.
   */
  void decide(String strategy, PanelMarketView view, long nextRunMs, double[] marks) {
    Candidate c = sync(strategy);
    if (c == null) {
      return;
    }
    double[] w;
    try {
      w =
          c.pipeline == null
              ? new double[instruments]
              : c.pipeline.decide(view, nextRunMs).weights();
    } catch (RuntimeException e) {
      w = new double[instruments];
    }
    c.weights = w.clone();
    c.decided = true;
    c.book.target(c.weights, marks);
  }

  /** {@code strategy} went inactive: its candidate goes flat too. */
  void flat(String strategy, double[] marks) {
    Candidate c = sync(strategy);
    if (c != null) {
      c.weights = new double[instruments];
      c.book.target(c.weights, marks);
    }
  }

  private Candidate sync(String strategy) {
    Optional<RunningCandidate> now = link == null ? Optional.empty() : link.running(strategy);
    if (now.isEmpty()) {
      running.remove(strategy);
      return null;
    }
    RunningCandidate rc = now.get();
    Candidate c = running.get(strategy);
    if (c == null || !c.versionId.equals(rc.versionId())) {
      c = build(strategy, rc);
      running.put(strategy, c);
    } else if (c.stage != rc.stage()) {
      c.newStage(rc);
    }
    return c;
  }

  private Candidate build(String strategy, RunningCandidate rc) {
    Map<String, Object> params = new LinkedHashMap<>(rc.parameters());
    params.remove(StrategyRegistry.REBALANCE_DAYS);
    DecisionPipeline p;
    try {
      CrossSectionalStrategy built = registry.definition(strategy).builder().build(params);
      p = pipelines.create(built, pools.apply(registry.definition(strategy).poolName()), false);
    } catch (RuntimeException e) {
      p = null;
    }
    double share = StrategySleeves.share(registry, strategy);
    Candidate c =
        new Candidate(
            strategy,
            rc,
            p,
            new VirtualBook(initialCapital * (share > 0 ? share : 1.0), instruments),
            instruments);
    Map<String, String> saved = restored.remove(strategy);
    if (saved != null && rc.versionId().equals(saved.get("version"))) {
      CandidateCheckpoint.restore(c, saved);
    }
    return c;
  }

  /**
   * {@code strategy}'s stable sleeve's netting target of {@code money}, with its canary's slice cut
   * out of it.
   */
  void split(StrategySleeves.Sleeve stable, double money, List<TargetNetting.SleeveTarget> out) {
    Candidate c = running.get(stable.name);
    double f = c == null || !c.decided ? 0.0 : c.tradedFraction();
    out.add(new TargetNetting.SleeveTarget(stable.id, money * (1 - f), stable.weights));
    if (f > 0) {
      out.add(new TargetNetting.SleeveTarget(c.id, money * f, c.weights));
    }
  }

  /** A platform fill in instrument {@code i}. */
  void onPlatformFill(int i, double quantity, double price, double fee) {
    for (Candidate c : running.values()) {
      c.book.onPlatformFill(i, quantity, price, fee);
    }
  }

  /** Funding on the candidates' books. */
  void funding(int i, double rate, double mark) {
    for (Candidate c : running.values()) {
      c.book.funding(i, rate, mark);
    }
  }

  /** After a bar: settles the books; at a UTC midnight marks the day and hands in the records. */
  void onStep(long closeTime, double[] marks, double fallbackFeeRate, boolean day) {
    for (Candidate c : List.copyOf(running.values())) {
      c.book.settle(marks, fallbackFeeRate);
      if (day && c.decided) {
        c.navs.add(c.book.markDay(closeTime, marks).nav());
        if (link != null) {
          link.dayEnded(c.strategy, c.record(closeTime));
        }
      }
    }
  }

  /** The candidates' state for the kernel's checkpoint. */
  Map<String, String> exportState() {
    Map<String, String> out = new HashMap<>();
    running.values().forEach(c -> CandidateCheckpoint.export(c, out));
    return out;
  }

  /** Keeps the checkpoint's candidates; each is restored when its version runs again. */
  void restoreState(Map<String, String> cursor) {
    restored.putAll(CandidateCheckpoint.read(cursor, registry.names()));
  }
}
