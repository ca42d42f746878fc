package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.app.security.LifecycleAudit;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcAuditLog;
import io.perpetua.store.jdbc.JdbcLifecycleStore;
import io.perpetua.store.jdbc.JdbcRegistryStore;
import io.perpetua.trading.lifecycle.LifecycleService;

/**
 * The strategy lifecycle over a database opened by a command-line tool ({@code perpetua strategy}):
 * the configured strategies' registry, the lifecycle tables and the audit log, exactly as the
 * platform opens them (every committed transition is audited).
 */
public final class LocalLifecycle {
  private LocalLifecycle() {}

  /** The lifecycle of {@code config}'s strategies in {@code database}. */
  public static LifecycleService open(PerpetuaConfig config, Database database) {
    LifecycleService lifecycle =
        new LifecycleService(
            StrategyRegistries.open(config, new JdbcRegistryStore(database)),
            new JdbcLifecycleStore(database),
            config.lifecycle().gates(),
            System::currentTimeMillis);
    lifecycle.useListener(new LifecycleAudit(new JdbcAuditLog(database)));
    return lifecycle;
  }
}
