package io.perpetua.app;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.core.Instrument;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Money;
import io.perpetua.core.time.ManualClock;
import io.perpetua.core.time.Times;
import io.perpetua.signals.feature.FeatureRegistry;
import io.perpetua.signals.schedule.CronSchedule;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcRiskStore;
import io.perpetua.trading.kernel.KernelConfig;
import io.perpetua.trading.kernel.KernelListeners;
import io.perpetua.trading.kernel.KernelPorts;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.port.PriceDrivenVenue;
import io.perpetua.trading.registry.StrategyRegistry;
import io.perpetua.trading.risk.ObservedRiskStore;
import io.perpetua.trading.risk.RiskEngine;
import io.perpetua.trading.venue.SimulatedVenue;
import io.perpetua.trading.venue.SimulatedVenueConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the trading kernel of the running platform from configuration once the market is loaded:
 * the risk engine on the database, the venue (simulated, fake Binance or Binance), the active
 * strategies (the registry's, netted in one account) and the kernel's ports (journal, state, event
 * publisher, risk). Called on the kernel thread; the parts it opens are recorded in {@link
 * PlatformParts}.
 */
final class KernelWiring {
  private final PlatformWiring wiring;
  private final PerpetuaConfig config;
  private final PlatformParts parts;

  KernelWiring(PlatformWiring wiring) {
    this.wiring = wiring;
    this.config = wiring.config();
    this.parts = wiring.parts();
  }

  /**
   * The risk engine on the database (emergency stop, disabled symbols and alerts survive restarts),
   * publishing its status to the state cache ({@link RiskStatusPublisher}); its hits roll back the
   * active strategies' lifecycles ({@code LifecycleRiskObserver}).
   */
  RiskEngine openRisk(Database database) {
    RiskEngine engine =
        RiskEngine.open(
            ConfigLoader.riskConfig(config),
            new ObservedRiskStore(
                new ObservedRiskStore(
                    new JdbcRiskStore(database), wiring.observability().riskObserver()),
                new io.perpetua.trading.lifecycle.LifecycleRiskObserver(
                    parts::lifecycle, parts::registry)),
            System::currentTimeMillis);
    engine.publishTo(new RiskStatusPublisher(wiring.cache()));
    return engine;
  }

  /**
   * The order-flow account's risk engine: live, the {@code flow.live_*} limits ({@link
   * ConfigLoader#flowLiveRiskConfig}); paper, no limits of its own. Either way it follows {@code
   * platform}'s operator controls (emergency stop, disabled symbols). Its breaker state lives in
   * the flow kernel's checkpoint.
   */
  RiskEngine flowRisk(RiskEngine platform) {
    boolean live = config.flow().live() && !config.venue().simulated();
    RiskEngine engine =
        live
            ? RiskEngine.open(
                ConfigLoader.flowLiveRiskConfig(config),
                new io.perpetua.trading.risk.InMemoryRiskStore(),
                System::currentTimeMillis)
            : RiskEngine.unlimited();
    engine.followOperatorControls(platform);
    return engine;
  }

  /**
   * The kernel over {@code market} with the configured strategy and venue; {@code binance} is the
   * Binance connection in live trading on Binance, else null.
   */
  TradingKernel build(MarketLoader.Loaded market, BinanceLive binance) {
    String name = config.activeStrategy();
    Strategies.create(config, name); // the configured strategy must build (errors name the key)
    PerpetuaConfig.Strategy sc = config.strategies().get(name);
    StrategyRegistry registry = parts.registry();
    var panel = market.panel();
    ManualClock clock = new ManualClock(panel.size() > 0 ? panel.openTimes()[0] : 0);
    PriceDrivenVenue venue = venue(market, binance, clock);
    LiveVenue liveVenue = parts.live();
    KernelConfig kc =
        new KernelConfig(
            config.paper().account(),
            Money.of(config.paper().initialCapital()),
            CronSchedule.parse(sc.rebalanceCron()),
            sc.rebalanceDays(),
            true,
            KernelConfig.DEFAULT_MAINTENANCE_MARGIN_RATE,
            config.paper().leverage());
    KernelPorts ports =
        new KernelPorts(
            wiring.auth().audited(parts.journal()),
            wiring.state(),
            KernelListeners.of(
                List.of(
                    new KernelEventPublisher(wiring.outbox(), liveVenue),
                    wiring.observability().kernelListener(panel))),
            System::currentTimeMillis,
            parts.risk());
    TradingKernel built =
        new TradingKernel(
            kc,
            panel,
            market.funding(),
            market.instruments(),
            registry,
            StrategyRegistries.pools(config),
            new FeatureRegistry(),
            config.venue().takerFeeBps() / 10_000.0,
            venue,
            clock,
            ports);
    if (liveVenue != null) {
      liveVenue.reconciler().attach(built);
    }
    built.useCapitalWeights(wiring.orchestration().weights());
    io.perpetua.trading.lifecycle.LifecycleService lifecycle = parts.lifecycle();
    if (lifecycle != null) { // shadow/canary candidates beside their stable versions
      built.useCandidates(
          new io.perpetua.trading.lifecycle.CandidateGates(
              lifecycle,
              wiring.orchestration().candidateReference(registry),
              config.venue().slippageBps()));
    }
    return built;
  }

  /**
   * The venue the configuration names: simulated (paper), Binance (through {@code binance}) or the
   * fake Binance started here. A live venue is recorded as {@link PlatformParts#live()}.
   */
  private PriceDrivenVenue venue(
      MarketLoader.Loaded market, BinanceLive binance, ManualClock clock) {
    var v = config.venue();
    if (v.simulated()) {
      Map<InstrumentId, Instrument> byId = new HashMap<>();
      market.instruments().forEach(i -> byId.put(i.id(), i));
      return new SimulatedVenue(
          byId, new SimulatedVenueConfig(v.takerFeeBps(), v.makerFeeBps(), v.slippageBps()), clock);
    }
    if (binance != null) {
      binance.attach(clock, parts.risk(), v);
      parts.live(binance);
      wiring.out().println("perpetua: " + binance.describe());
      return binance.bridge();
    }
    FakeBinanceLive fake =
        FakeBinanceLive.start(
            config,
            market.panel(),
            market.instruments(),
            clock,
            parts.risk(),
            wiring.observability().venueMeter("binance"));
    parts.live(fake);
    wiring.out().println("perpetua: " + fake.describe());
    return fake.bridge();
  }

  /**
   * Where a replay starts: the configured {@code paper.start}, else 60 days before the data ends
   * (from 22:00 UTC the day before, so the first daily rebalance comes within a few seconds).
   */
  long startTime(MarketLoader.Loaded market) {
    if (!config.paper().start().isBlank()) {
      return Times.parseDate(config.paper().start());
    }
    var panel = market.panel();
    long last = panel.closeTime(panel.size() - 1);
    long day = Math.floorDiv(last - 60 * Times.DAY_MS, Times.DAY_MS) * Times.DAY_MS;
    return Math.max(panel.closeTime(0), day - 2 * Times.HOUR_MS);
  }
}
