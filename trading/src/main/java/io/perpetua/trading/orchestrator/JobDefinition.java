package io.perpetua.trading.orchestrator;

import io.perpetua.signals.schedule.CronSchedule;
import java.util.Objects;

/**
 * A scheduled job of the orchestrator: its name, its UTC cron and what it does. Immutable.
 *
 * @param name the job's name ({@code [a-z0-9_]+})
 * @param cron when it runs (five-field UTC cron)
 * @param description what it does
 */
public record JobDefinition(String name, String cron, String description) {
  /** Validates the name and the cron (the message names the job). */
  public JobDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cron, "cron");
    description = description == null ? "" : description;
    if (!name.matches("[a-z0-9_]{1,64}")) {
      throw new IllegalArgumentException("orchestrator job name '" + name + "' must be [a-z0-9_]");
    }
    try {
      CronSchedule.parse(cron);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("orchestrator.jobs." + name + ".cron: " + e.getMessage());
    }
  }

  /** The first run time strictly after {@code afterMs}. */
  public long next(long afterMs) {
    return CronSchedule.parse(cron).next(afterMs);
  }
}
