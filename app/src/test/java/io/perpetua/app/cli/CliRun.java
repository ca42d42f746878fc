package io.perpetua.app.cli;

import io.perpetua.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * One {@code perpetua} command run in this JVM with its output and errors captured.
 *
 * @param code the exit code
 * @param out what it printed
 * @param err what it printed as errors
 */
public record CliRun(int code, String out, String err) {
  /** Runs {@code args}. */
  public static CliRun of(String... args) {
    return of(cl -> {}, args);
  }

  /** Runs {@code args} after {@code setUp} adjusted the command line (e.g. a command's env). */
  public static CliRun of(Consumer<CommandLine> setUp, String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    setUp.accept(cl);
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
