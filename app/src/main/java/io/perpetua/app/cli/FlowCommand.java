package io.perpetua.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perpetua flow ...}: order-flow tools; {@code flow score} scores recorded inputs. */
@Command(
    name = "flow",
    mixinStandardHelpOptions = true,
    description = "Order-flow tools (docs/orderflow.md).",
    subcommands = {FlowScoreCommand.class})
public final class FlowCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
