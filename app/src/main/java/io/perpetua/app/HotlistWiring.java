package io.perpetua.app;

import io.perpetua.app.security.AuthWiring;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.FundingCatalog;
import io.perpetua.server.ApiServer;
import io.perpetua.server.v1.HotlistRoutes;
import io.perpetua.signals.hotlist.CatalogInputs;
import io.perpetua.signals.hotlist.HotScan;
import io.perpetua.signals.hotlist.HotlistConfig;
import io.perpetua.signals.hotlist.HotlistService;
import io.perpetua.signals.hotlist.HotlistStore;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcHotlistStore;
import io.perpetua.trading.kernel.TradingKernel;
import io.perpetua.trading.orchestrator.Orchestrator;
import io.perpetua.trading.risk.RiskEngine;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The hot-coin list in the running platform: its routes at wiring, its service on the database
 * (scans read the catalog the platform trades from), and the kernel's risk engine restricted to the
 * configured universe plus the approved symbols, which an approval extends at once. The
 * orchestrator's hourly scan calls {@link #service()}{@code .scan(ts, null)}. Thread-safe.
 */
final class HotlistWiring {
  private volatile HotlistService service;
  private final Supplier<RiskEngine> risk;

  HotlistWiring(Supplier<RiskEngine> risk) {
    this.risk = risk;
  }

  /** The service, or null before the database is open. */
  HotlistService service() {
    return service;
  }

  /** Adds the routes (four-eyes on approvals unless turned off). */
  void addRoutes(ApiServer server, AuthWiring auth) {
    server.addRoutes(new HotlistRoutes(this::service, auth.hotlistApproval()));
  }

  /** Opens the service on {@code database} over the catalog in {@code dataDir}. */
  void open(Database database, Path dataDir, Timeframe timeframe, AuthWiring auth) {
    Path root = dataDir.resolve("catalog");
    HotlistStore store = new JdbcHotlistStore(database);
    service =
        new HotlistService(
            HotlistConfig.defaults(),
            new CatalogInputs(
                new BarCatalog(root),
                new FundingCatalog(root),
                timeframe,
                MarketLoader.FUNDING_VENUE),
            store,
            System::currentTimeMillis,
            this::approved);
    auth.openHotlist(this::service);
  }

  private void approved(String symbol) {
    RiskEngine r = risk.get();
    if (r != null) {
      r.approveSymbol(InstrumentId.parse(symbol));
    }
  }

  /**
   * Restricts {@code engine} to the {@code configured} symbols and the whitelist: from here on an
   * order on any other symbol is refused by {@code symbol_not_approved}.
   */
  void restrict(RiskEngine engine, Collection<InstrumentId> configured) {
    Set<InstrumentId> universe = new HashSet<>(configured);
    engine.restrictUniverse(universe);
    HotlistService s = service;
    if (s != null) {
      s.whitelist().forEach(e -> engine.approveSymbol(InstrumentId.parse(e.symbol())));
    }
  }

  /**
   * The orchestrator's hourly {@code hot_coin_scan}: a scan as of the hour of the kernel's time
   * (the replay's time in paper mode, the wall clock live), or of {@code now} before the kernel
   * runs; skipped while the database is not open.
   */
  Orchestrator.Action scanJob(Supplier<TradingKernel> kernel) {
    return now -> {
      HotlistService s = service;
      if (s == null) {
        throw new Orchestrator.Skipped("hot-coin list not open yet");
      }
      TradingKernel k = kernel.get();
      long t = k != null ? k.now() : now;
      long ts = t - Math.floorMod(t, 3_600_000L);
      HotScan scan = s.scan(ts, null);
      return "hot-coin scan as of "
          + java.time.Instant.ofEpochMilli(ts)
          + ": "
          + scan.scored()
          + " symbols scored, top "
          + scan.coins().stream().map(c -> c.symbol()).toList();
    };
  }
}
