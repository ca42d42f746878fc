package io.perpetua.app;

import io.perpetua.core.InstrumentId;
import io.perpetua.server.v1.AnalyticsRoutes;
import io.perpetua.store.jdbc.JdbcTradingJournal;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.risk.RiskEngine;
import java.util.Collection;
import java.util.Set;

/**
 * The parts of the platform that the kernel thread opens after the API is up — journal, risk
 * engine, market, kernel, live venue connection. The API's routes read them through suppliers and
 * see {@code null} (or an empty market) until they are open.
 */
final class PlatformParts {
  private volatile TradingKernel kernel;
  private volatile LiveVenue live;
  private volatile RiskEngine risk;
  private volatile io.perpetua.trading.registry.StrategyRegistry registry;
  private volatile io.perpetua.trading.lifecycle.LifecycleService lifecycle;
  private volatile JdbcTradingJournal journal;
  private volatile Set<InstrumentId> tradable = Set.of();
  private volatile AnalyticsRoutes.SymbolReturns returns = (symbols, end, days) -> new double[0][];

  TradingKernel kernel() {
    return kernel;
  }

  void kernel(TradingKernel kernel) {
    this.kernel = kernel;
  }

  /** The live venue connection, null in paper mode. */
  LiveVenue live() {
    return live;
  }

  void live(LiveVenue live) {
    this.live = live;
  }

  /** The strategy registry, null until the database is open. */
  io.perpetua.trading.registry.StrategyRegistry registry() {
    return registry;
  }

  void registry(io.perpetua.trading.registry.StrategyRegistry registry) {
    this.registry = registry;
  }

  /** The strategy versions and their promotion, null until the database is open. */
  io.perpetua.trading.lifecycle.LifecycleService lifecycle() {
    return lifecycle;
  }

  void lifecycle(io.perpetua.trading.lifecycle.LifecycleService lifecycle) {
    this.lifecycle = lifecycle;
  }

  RiskEngine risk() {
    return risk;
  }

  void risk(RiskEngine risk) {
    this.risk = risk;
  }

  JdbcTradingJournal journal() {
    return journal;
  }

  void journal(JdbcTradingJournal journal) {
    this.journal = journal;
  }

  /** The instruments of the loaded market (empty before it is loaded). */
  Set<InstrumentId> tradable() {
    return tradable;
  }

  void tradable(Collection<InstrumentId> tradable) {
    this.tradable = Set.copyOf(tradable);
  }

  /** Daily returns of the loaded market (none before it is loaded). */
  AnalyticsRoutes.SymbolReturns returns() {
    return returns;
  }

  void returns(AnalyticsRoutes.SymbolReturns returns) {
    this.returns = returns;
  }
}
