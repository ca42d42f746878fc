package io.perpetua.app.cli;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.Role;
import io.perpetua.auth.account.AccountAdmin;
import io.perpetua.auth.account.AccountPolicy;
import io.perpetua.auth.account.Accounts;
import io.perpetua.auth.account.InviteCode;
import io.perpetua.auth.account.PasswordHasher;
import io.perpetua.auth.account.User;
import io.perpetua.auth.audit.AuditEvent;
import io.perpetua.auth.token.JwtCodec;
import io.perpetua.auth.token.Secrets;
import io.perpetua.auth.token.SigningKeyFile;
import io.perpetua.core.time.Clock;
import io.perpetua.store.jdbc.Database;
import io.perpetua.store.jdbc.JdbcAuditLog;
import io.perpetua.store.jdbc.JdbcInviteStore;
import io.perpetua.store.jdbc.JdbcRefreshTokenStore;
import io.perpetua.store.jdbc.JdbcUserStore;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code perpetua admin}: the first admin account ({@code create}; there is no default password),
 * invite codes ({@code invite-create}, {@code invites}, {@code invite-disable}) and users ({@code
 * users}, {@code ban}, {@code unban}), in the configured database; every change is audited as
 * {@code cli:<os user>}. The same operations are in the admin API (docs/security.md).
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Accounts: the first admin, invite codes, users (see docs/security.md).",
    subcommands = {
      AdminCommand.Create.class,
      AdminCommand.InviteCreate.class,
      AdminCommand.Invites.class,
      AdminCommand.InviteDisable.class,
      AdminCommand.Users.class,
      AdminCommand.Ban.class
    })
public final class AdminCommand implements Runnable {
  @Mixin LocalStoreOptions store = new LocalStoreOptions();

  @Spec CommandSpec spec;

  /** The environment; replaced in tests. */
  Map<String, String> env = System.getenv();

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs {@code body} over the opened stores; an account error is a usage error (exit 2). */
  private int withStores(StoresBody body) {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = LocalDatabase.open(store.configFile, store.dataDir, env)) {
      JdbcUserStore users = new JdbcUserStore(db);
      JdbcInviteStore invites = new JdbcInviteStore(db);
      JdbcRefreshTokenStore tokens = new JdbcRefreshTokenStore(db);
      Stores s =
          new Stores(
              users,
              invites,
              tokens,
              new AccountAdmin(users, invites, tokens, Clock.system()),
              new JdbcAuditLog(db));
      body.run(s, out);
      out.flush();
      return 0;
    } catch (AuthException e) {
      spec.commandLine().getErr().println("perpetua admin: " + e.getMessage());
      return 2;
    }
  }

  private String actor() {
    return "cli:" + System.getProperty("user.name", "unknown");
  }

  private void audit(Stores s, String action, String entity, String id, String reason) {
    s.audit()
        .append(new AuditEvent(Instant.now(), actor(), action, entity, id, null, null, reason, ""));
  }

  private record Stores(
      JdbcUserStore users,
      JdbcInviteStore invites,
      JdbcRefreshTokenStore tokens,
      AccountAdmin admin,
      JdbcAuditLog audit) {}

  @FunctionalInterface
  private interface StoresBody {
    void run(Stores stores, PrintWriter out);
  }

  /**
   * {@code admin create --username NAME}: the password from a file, the environment or a prompt.
   */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates an admin account (no default password).",
        "The password (12..256 characters) comes from --password-file, else",
        "PERPETUA_ADMIN_PASSWORD (or _FILE), else a prompt."
      })
  static final class Create implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Option(names = "--username", required = true, description = "3..64 of a-z 0-9 _ . @ -")
    String username;

    @Option(names = "--password-file", description = "File holding the password.")
    Path passwordFile;

    @Override
    public Integer call() {
      String password = parent.password(passwordFile);
      return parent.withStores(
          (s, out) -> {
            Accounts accounts =
                new Accounts(
                    s.users(),
                    s.invites(),
                    s.tokens(),
                    PasswordHasher.DEFAULT,
                    new JwtCodec(SigningKeyFile.resolve(parent.dataDirPath(), parent.env)),
                    Clock.system(),
                    AccountPolicy.DEFAULT);
            User user = accounts.create(username, password, Role.ADMIN);
            parent.audit(s, "user.create_admin", "users", user.username(), "perpetua admin create");
            out.println("Admin " + user.username() + " created. Log in: POST /api/v1/auth/login");
          });
    }
  }

  Path dataDirPath() {
    return LocalDatabase.dataDir(store.configFile, store.dataDir);
  }

  String password(Path file) {
    try {
      if (file != null) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password file", e);
    }
    var fromEnv = Secrets.read(env, "PERPETUA_ADMIN_PASSWORD");
    if (fromEnv.isPresent()) {
      return fromEnv.get();
    }
    Console console = System.console();
    if (console == null) {
      throw new IllegalArgumentException(
          "no password: give --password-file or PERPETUA_ADMIN_PASSWORD (no terminal to ask)");
    }
    char[] first = console.readPassword("Password (12..256 characters): ");
    char[] again = console.readPassword("Again: ");
    if (first == null || again == null || !new String(first).equals(new String(again))) {
      throw new IllegalArgumentException("the passwords differ");
    }
    return new String(first);
  }

  /** {@code admin invite-create --role ROLE}. */
  @Command(
      name = "invite-create",
      mixinStandardHelpOptions = true,
      description = "Creates an invite code and prints it.")
  static final class InviteCreate implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Option(names = "--role", required = true, description = "viewer, trader or admin")
    String role;

    @Option(names = "--max-uses", defaultValue = "1", description = "1..1000 (default 1)")
    int maxUses;

    @Option(names = "--ttl-hours", defaultValue = "72", description = "Hours (default 72)")
    long ttlHours;

    @Override
    public Integer call() {
      Role r = Role.parse(role);
      return parent.withStores(
          (s, out) -> {
            InviteCode i =
                s.admin().createInvite(parent.actor(), r, maxUses, Duration.ofHours(ttlHours));
            parent.audit(s, "invite.create", "invites", i.code().substring(0, 8), r.code());
            out.println(i.code());
            out.println("role " + r.code() + ", " + maxUses + " use(s), expires " + i.expiresAt());
          });
    }
  }

  /** {@code admin invites}. */
  @Command(name = "invites", mixinStandardHelpOptions = true, description = "Lists invite codes.")
  static final class Invites implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Override
    public Integer call() {
      return parent.withStores(
          (s, out) -> {
            Instant now = Instant.now();
            for (InviteCode i : s.admin().invites()) {
              out.printf(
                  "%-36s %-7s %d/%d %-9s %s%n",
                  i.code(),
                  i.role().code(),
                  i.usedCount(),
                  i.maxUses(),
                  i.status(now),
                  i.expiresAt());
            }
          });
    }
  }

  /** {@code admin invite-disable CODE}. */
  @Command(
      name = "invite-disable",
      mixinStandardHelpOptions = true,
      description = "Disables an invite code.")
  static final class InviteDisable implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Parameters(index = "0", description = "The code")
    String code;

    @Override
    public Integer call() {
      return parent.withStores(
          (s, out) -> {
            s.admin().disableInvite(code);
            parent.audit(
                s, "invite.disable", "invites", code.substring(0, Math.min(8, code.length())), "");
            out.println("disabled");
          });
    }
  }

  /** {@code admin users}. */
  @Command(name = "users", mixinStandardHelpOptions = true, description = "Lists users.")
  static final class Users implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Override
    public Integer call() {
      return parent.withStores(
          (s, out) -> {
            Instant now = Instant.now();
            for (User u : s.admin().users()) {
              String status = u.banned() ? "banned" : u.lockedAt(now) ? "locked" : "active";
              out.printf(
                  "%-32s %-7s %-7s totp=%s%n",
                  u.username(), u.role().code(), status, u.totpEnabled());
            }
          });
    }
  }

  /** {@code admin ban NAME --reason R [--lift]}. */
  @Command(
      name = "ban",
      mixinStandardHelpOptions = true,
      description = "Bans a user (their tokens stop working), or lifts a ban with --lift.")
  static final class Ban implements Callable<Integer> {
    @ParentCommand AdminCommand parent;

    @Parameters(index = "0", description = "User name")
    String username;

    @Option(names = "--reason", required = true, description = "Why")
    String reason;

    @Option(names = "--lift", description = "Lift the ban instead")
    boolean lift;

    @Override
    public Integer call() {
      return parent.withStores(
          (s, out) -> {
            s.admin().setBanned(parent.actor(), username, !lift);
            parent.audit(s, lift ? "user.unban" : "user.ban", "users", username, reason);
            out.println(username + (lift ? " unbanned" : " banned"));
          });
    }
  }
}
