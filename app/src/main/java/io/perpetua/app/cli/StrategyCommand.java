package io.perpetua.app.cli;

import io.perpetua.app.LocalLifecycle;
import io.perpetua.store.jdbc.Database;
import io.perpetua.trading.lifecycle.LifecycleException;
import io.perpetua.trading.lifecycle.LifecycleService;
import io.perpetua.trading.lifecycle.LifecycleState;
import io.perpetua.trading.lifecycle.StrategyVersion;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code perpetua strategy versions|promote|rollback}: a strategy's versions and their promotion
 * ({@code paper → shadow → canary → prod}, docs/strategies.md) on the platform's store, like the
 * other admin commands (the embedded database while the platform is stopped, or PostgreSQL). The
 * same {@link LifecycleService} as the API: the same checks, the same transitions, every one in the
 * audit log (actor {@code cli:<user>}). Prod needs a second person's approval: with four-eyes on
 * (the default) the command refuses it and names the API that files the request.
 */
@Command(
    name = "strategy",
    mixinStandardHelpOptions = true,
    description = {
      "Strategy versions and canary promotion on the local store.",
      "See docs/strategies.md#versions-and-canary-promotion."
    },
    subcommands = {
      StrategyCommand.Versions.class,
      StrategyCommand.Promote.class,
      StrategyCommand.Rollback.class
    })
public final class StrategyCommand implements Runnable {
  @Mixin LocalStoreOptions store = new LocalStoreOptions();

  @Spec CommandSpec spec;

  /** The environment; replaced in tests. */
  Map<String, String> env = System.getenv();

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @FunctionalInterface
  interface Body {
    void run(LifecycleService lifecycle, PrintWriter out);
  }

  /** Runs {@code body} on the opened lifecycle; a refused action is exit 2 with the reason. */
  int withLifecycle(Body body) {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = LocalDatabase.open(store.configFile, store.dataDir, env)) {
      body.run(LocalLifecycle.open(Home.config(store.configFile), db), out);
      out.flush();
      return 0;
    } catch (LifecycleException e) {
      spec.commandLine().getErr().println("perpetua strategy: " + e.getMessage());
      return 2;
    }
  }

  boolean fourEyes() {
    return !"off".equalsIgnoreCase(env.getOrDefault("PERPETUA_FOUR_EYES", "on").strip());
  }

  static String actor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  static void printState(PrintWriter out, LifecycleState s) {
    out.println(
        s.strategy()
            + ": stable "
            + s.stableId()
            + (s.candidateId() == null
                ? ", no candidate"
                : ", candidate "
                    + s.candidateId()
                    + " ("
                    + s.candidateStage().code()
                    + (s.gatesPassed() ? ", gates passed" : "")
                    + (s.approvalId() != null ? ", approval " + s.approvalId() + " pending" : "")
                    + ")")
            + (s.previousStableId() == null ? "" : ", rollback target " + s.previousStableId()));
  }

  /** {@code strategy versions <id>}. */
  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description = {
        "Lists a strategy's versions with the stable one and the candidate's stage.",
        "Each version's parent, creator, optimiser run and reason; the configuration",
        "becomes v1 on first use."
      },
      footer = {"", "Example:", "  ./perpetua strategy versions baseline_rev"})
  static final class Versions implements Callable<Integer> {
    @ParentCommand StrategyCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The strategy.")
    String id;

    @Override
    public Integer call() {
      return parent.withLifecycle(
          (l, out) -> {
            LifecycleState s = l.state(id);
            printState(out, s);
            out.printf(
                "%-24s %-10s %-24s %-20s %-24s %-20s %s%n",
                "version", "role", "parent", "created", "by", "optimiser_run", "reason");
            for (StrategyVersion v : l.versions(id)) {
              out.printf(
                  "%-24s %-10s %-24s %-20s %-24s %-20s %s%n",
                  v.id(),
                  role(s, v),
                  v.parentId() == null ? "-" : v.parentId(),
                  Instant.ofEpochMilli(v.createdAtMs()).toString().substring(0, 19) + "Z",
                  v.createdBy(),
                  v.optimiserRunId() == null ? "-" : v.optimiserRunId(),
                  v.reason());
            }
          });
    }

    private static String role(LifecycleState s, StrategyVersion v) {
      if (v.id().equals(s.stableId())) {
        return "stable";
      }
      if (v.id().equals(s.candidateId())) {
        return s.candidateStage().code();
      }
      return v.id().equals(s.previousStableId()) ? "previous" : "-";
    }
  }

  /** {@code strategy promote <id> --version V --stage S --reason R}. */
  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = {
        "Moves the candidate one stage on: paper, shadow, canary, prod.",
        "Prod needs the canary gates passed and a second person's approval: with four-eyes on",
        "(PERPETUA_FOUR_EYES, default on) promote to prod through the API and approve it there."
      },
      footer = {
        "",
        "Example:",
        "  ./perpetua strategy promote baseline_rev --version baseline_rev-v2 \\",
        "      --stage shadow --reason wider-book"
      })
  static final class Promote implements Callable<Integer> {
    @ParentCommand StrategyCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The strategy.")
    String id;

    @Option(names = "--version", required = true, description = "The candidate, e.g. NAME-v2.")
    String version;

    @Option(
        names = "--stage",
        required = true,
        description = "The next stage: shadow, canary or prod.")
    String stage;

    @Option(names = "--reason", required = true, description = "Why (recorded in the audit log).")
    String reason;

    @Override
    public Integer call() {
      boolean fourEyes = parent.fourEyes();
      return parent.withLifecycle(
          (l, out) ->
              printState(
                  out,
                  l.promote(
                      id,
                      version,
                      stage,
                      actor(),
                      reason,
                      (s, v, who, why) -> {
                        if (fourEyes) {
                          throw new LifecycleException(
                              LifecycleException.Kind.CONFLICT,
                              "prod needs a second person's approval: promote through POST"
                                  + " /api/v1/strategies/"
                                  + s
                                  + "/promote and approve it with POST"
                                  + " /api/v1/approvals/{id}/approve (or set"
                                  + " PERPETUA_FOUR_EYES=off)");
                        }
                        return null;
                      })));
    }
  }

  /** {@code strategy rollback <id> --reason R}. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = {
        "Rolls back in one action: drops the candidate, else returns to the previous stable.",
        "The previous stable version's parameters are in force again."
      },
      footer = {"", "Example:", "  ./perpetua strategy rollback baseline_rev --reason drawdown"})
  static final class Rollback implements Callable<Integer> {
    @ParentCommand StrategyCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The strategy.")
    String id;

    @Option(names = "--reason", required = true, description = "Why (recorded in the audit log).")
    String reason;

    @Override
    public Integer call() {
      return parent.withLifecycle(
          (l, out) -> printState(out, l.rollback(id, actor(), reason, Map.of())));
    }
  }
}
