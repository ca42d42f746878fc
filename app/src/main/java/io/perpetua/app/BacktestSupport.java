package io.perpetua.app;

import io.perpetua.app.config.ConfigLoader;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.backtest.engine.BacktestEngine;
import io.perpetua.backtest.engine.CatalogMarketSource;
import io.perpetua.backtest.engine.StrategyTemplates;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.FundingCatalog;
import io.perpetua.signals.schedule.CronSchedule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the backtest engine from the configuration and the data directory. Stateless. */
public final class BacktestSupport {
  private BacktestSupport() {}

  /** The configured strategies as backtest templates (plus the built-in {@code tpl_grid}). */
  public static StrategyTemplates templates(PerpetuaConfig config) {
    Map<String, StrategyTemplates.Template> out = new LinkedHashMap<>();
    config
        .strategies()
        .forEach(
            (name, s) ->
                out.put(
                    name,
                    new StrategyTemplates.Template(
                        s.type(),
                        Strategies.pool(config, s.pool()),
                        CronSchedule.parse(s.rebalanceCron()),
                        s.rebalanceDays(),
                        s.parameters() == null ? Map.of() : s.parameters())));
    return new StrategyTemplates(out);
  }

  /**
   * An engine over the catalog in {@code dataDir}, with the configured risk limits in front of
   * every order (money limits scale with the backtest's capital relative to the paper account's).
   * The shared data set has no delisted instruments, so reports carry the survivorship-bias caveat.
   */
  public static BacktestEngine engine(PerpetuaConfig config, Path dataDir) {
    Path catalog = dataDir.resolve("catalog");
    return new BacktestEngine(
        templates(config),
        new CatalogMarketSource(
                new BarCatalog(catalog),
                new FundingCatalog(catalog),
                MarketLoader.FUNDING_VENUE,
                true)
            .withSpotBars(config.data().spotBars() == null ? Map.of() : config.data().spotBars()),
        BacktestEngine.Options.defaults()
            .withRisk(ConfigLoader.riskConfig(config), config.paper().initialCapital()));
  }
}
