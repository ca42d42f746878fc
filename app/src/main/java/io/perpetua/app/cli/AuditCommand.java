package io.perpetua.app.cli;

import io.perpetua.auth.audit.AuditChain;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcAuditLog;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code perpetua audit verify}: checks the audit log's hash chain in the configured database. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "The audit log: verify its hash chain.",
    subcommands = {AuditCommand.Verify.class})
public final class AuditCommand implements Runnable {
  @Mixin LocalStoreOptions store = new LocalStoreOptions();

  @Spec CommandSpec spec;

  /** The environment; replaced in tests. */
  Map<String, String> env = System.getenv();

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code audit verify}: exit 0 when intact, 1 naming the first broken entry. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks every entry's hash and link, and that the log reaches its head record.",
        "Entries removed from the end of the log are named too.",
        "Prints the head (SEQ:HASH) to keep outside the database; --expect-head checks one kept.",
        "Exit code 0: intact; 1: the first edited or deleted entry is named; 2: bad option."
      })
  static final class Verify implements Callable<Integer> {
    @ParentCommand AuditCommand parent;

    @picocli.CommandLine.Option(
        names = "--expect-head",
        paramLabel = "SEQ:HASH",
        description = "a head printed by an earlier verify: the log must still reach it")
    String expectHead;

    @Override
    public Integer call() {
      PrintWriter out = parent.spec.commandLine().getOut();
      AuditChain.Head anchor;
      try {
        anchor = expectHead == null ? null : AuditChain.Head.parse(expectHead);
      } catch (IllegalArgumentException e) {
        parent.spec.commandLine().getErr().println("--expect-head: " + e.getMessage());
        return 2;
      }
      try (Database db =
          LocalDatabase.open(parent.store.configFile, parent.store.dataDir, parent.env)) {
        JdbcAuditLog log = new JdbcAuditLog(db);
        AuditChain.Verification v = log.verify(anchor);
        if (v.ok()) {
          out.println("audit log intact: " + v.checked() + " entries verified");
          out.println(
              "head: " + log.head().map(Object::toString).orElse("0:" + AuditChain.GENESIS));
          out.flush();
          return 0;
        }
        out.println(
            "audit log BROKEN at entry "
                + v.firstBrokenSeq()
                + ": "
                + v.problem()
                + " ("
                + v.checked()
                + " entries read)");
        out.flush();
        return 1;
      }
    }
  }
}
