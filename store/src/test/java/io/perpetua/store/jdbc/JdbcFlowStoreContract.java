package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.StrategyId;
import io.perpetua.market.tick.FlowTick;
import io.perpetua.market.tick.SyntheticFlowSymbol;
import io.perpetua.market.tick.SyntheticTickGenerator;
import io.perpetua.signals.flow.FactoryStrategyDefinition;
import io.perpetua.trading.flow.FlowEngineSettings;
import io.perpetua.trading.flow.FlowJournal;
import io.perpetua.trading.flow.FlowService;
import io.perpetua.trading.flow.FlowTradeStatus;
import io.perpetua.trading.flow.InMemoryFlowJournal;
import io.perpetua.trading.kernel.KernelListener;
import io.perpetua.trading.kernel.TickKernels;
import io.perpetua.trading.port.TradingJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order-flow journal on a database beside the kernel's trading journal: the flow strategies on
 * a kernel journaled to the database, abandoned in the middle of open positions and cooldowns (a
 * crash: the kernel checkpoints every change), with the database closed and reopened, continue
 * exactly like an uninterrupted run in memory — same evaluations, trades, strategy history and
 * counts, labels (those pending at the crash continue from the kernel's checkpoint), read back from
 * the database.
 */
abstract class JdbcFlowStoreContract {
  private static final long START = 1_700_000_000_000L;
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");
  private static final String ENGINE = "flow-test";
  private static List<FlowTick> ticks;

  private final List<Database> open = new ArrayList<>();
  private DatabaseConfig config;

  /** A fresh, empty database. */
  abstract DatabaseConfig freshDatabase() throws Exception;

  @AfterEach
  void close() {
    open.forEach(Database::close);
    open.clear();
  }

  private Database reopen() {
    close();
    Database db = Database.open(config);
    open.add(db);
    return db;
  }

  private static synchronized List<FlowTick> ticks() {
    if (ticks == null) {
      ticks =
          new SyntheticTickGenerator(
                  5, START, List.of(SyntheticFlowSymbol.preset("BTCUSDT", 60_000)))
              .generate(150 * 60_000L);
    }
    return ticks;
  }

  static FactoryStrategyDefinition eager() {
    return new FactoryStrategyDefinition(
        "eager", "BTCUSDT", "both", 10_000, "5m", "30m", 50, 30, 10, 10, 60, true, 0.0001, false,
        50_000, 0.5, false, 0.5, false, 0.005, 1.0, 0.5, 1.0, 30, 65);
  }

  /** A flow service on a kernel journaled to {@code trading} (null: nothing kept). */
  private static FlowService service(FlowJournal journal, TradingJournal trading) {
    var s =
        new FlowService(
            FlowEngineSettings.paper(ENGINE).withDefaultWarmupMs(75 * 60_000L),
            Set.of(BTC),
            journal,
            () -> START,
            null);
    s.loadStrategies();
    Instrument btc = Instrument.derivedFrom(BTC, 60_000);
    s.start(st -> TickKernels.simulated(List.of(btc), trading, new KernelListener() {}, st, START));
    return s;
  }

  @Test
  void restartInTheMiddleOfOpenPositions_continuesLikeAnUninterruptedRun() throws Exception {
    config = freshDatabase();
    List<FlowTick> all = ticks();
    var reference = service(new InMemoryFlowJournal(), null);
    reference.create(eager());
    reference.addBalance(StrategyId.of("factory-1"), Money.of(1_000));
    all.forEach(reference::onTick);

    Database db = reopen();
    FlowService a = service(new JdbcFlowJournal(db), new JdbcTradingJournal(db));
    a.create(eager());
    a.addBalance(StrategyId.of("factory-1"), Money.of(1_000));
    int split = -1;
    for (int i = 0; i < all.size() && split < 0; i++) {
      a.onTick(all.get(i));
      if (i > all.size() * 6 / 10 && !a.positions().isEmpty()) {
        split = i + 1; // crash here: nothing saved beyond the kernel's own checkpoints
      }
    }
    assertThat(split).as("a split point with an open position").isPositive();

    db = reopen(); // restart: a new process on the same database
    FlowService b = service(new JdbcFlowJournal(db), new JdbcTradingJournal(db));
    assertThat(b.strategies()).hasSize(1);
    all.forEach(b::onTick); // up to the kernel's checkpoint: warm-up only

    FlowJournal want = reference.journal();
    FlowJournal got = new JdbcFlowJournal(reopen());
    assertThat(got.closedTrades(null, null)).isNotEmpty().isEqualTo(want.closedTrades(null, null));
    assertThat(got.labels(100_000)).isNotEmpty().isEqualTo(want.labels(100_000));
    assertThat(got.latestEvaluations()).isEqualTo(want.latestEvaluations());
    assertThat(got.positions()).isEqualTo(want.positions());
    assertThat(got.counts()).isEqualTo(want.counts());
    assertThat(got.strategies()).isEqualTo(want.strategies());
    assertThat(got.versions(StrategyId.of("factory-1"))).hasSize(1);
    var q = new FlowJournal.EvaluationQuery(null, BTC, 0, Long.MAX_VALUE, 2, 7);
    assertThat(got.evaluations(q)).isEqualTo(want.evaluations(q));
  }

  @Test
  void writesAreIdempotent_andQueriesFilterAndPage() throws Exception {
    config = freshDatabase();
    Database db = reopen();
    var journal = new JdbcFlowJournal(db);
    FlowService s = service(journal, new JdbcTradingJournal(db));
    var row = s.create(eager());
    s.patch(row.id(), d -> withEntry(d, 70));
    s.pause(row.id());
    List<FlowTick> all = ticks();
    all.subList(0, all.size() / 2).forEach(s::onTick);
    s.resume(row.id());
    all.subList(all.size() / 2, all.size()).forEach(s::onTick);
    var counts = journal.counts();
    var trades = journal.closedTrades(null, null);
    trades.forEach(journal::recordTrade); // replayed after a crash: stored once
    journal.latestEvaluations().forEach(journal::recordEvaluation);
    assertThat(journal.counts()).isEqualTo(counts);
    assertThat(journal.versions(row.id()))
        .extracting(r -> r.version())
        .containsExactly(1, 2); // pause/resume keep the version
    assertThat(journal.strategies().get(0).definition().entryScore()).isEqualTo(70);
    assertThat(counts.evaluations()).isPositive();
    assertThat(counts.features()).isEqualTo(counts.evaluations());

    var wins = journal.trades(new FlowJournal.TradeQuery(null, BTC, true, null, 1, 500));
    assertThat(wins.items()).allMatch(t -> t.pnlR() > 0);
    var losses = journal.trades(new FlowJournal.TradeQuery(row.id(), null, false, null, 1, 500));
    assertThat(wins.totalItems() + losses.totalItems()).isEqualTo(trades.size());
    var sl = journal.trades(new FlowJournal.TradeQuery(null, null, null, FlowTradeStatus.SL, 1, 1));
    assertThat(sl.items())
        .hasSizeLessThanOrEqualTo(1)
        .allMatch(t -> t.status() == FlowTradeStatus.SL);
    var other = new FlowJournal.TradeQuery(StrategyId.of("nope"), null, null, null, 1, 10);
    assertThat(journal.trades(other).totalItems()).isZero();
  }

  static FactoryStrategyDefinition withEntry(FactoryStrategyDefinition d, double entry) {
    return new FactoryStrategyDefinition(
        d.displayName(),
        d.symbol(),
        d.direction(),
        d.initialBalance(),
        d.cvdFastWindow(),
        d.cvdSlowWindow(),
        d.weightDirection(),
        d.weightEnv(),
        d.weightAux(),
        d.weightMomentum(),
        entry,
        d.volGateOn(),
        d.volMin(),
        d.whaleGateOn(),
        d.whaleUsd(),
        d.whaleFlowPct(),
        d.obiGateOn(),
        d.obiVeto(),
        d.spotPerpGateOn(),
        d.spotPerpVeto(),
        d.slAtrMultiplier(),
        d.tp1Ratio(),
        d.tp2Ratio(),
        d.timeoutMinutes(),
        Math.max(entry, d.flipThreshold()));
  }
}
