package io.perpetua.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code --config} and {@code --data-dir} options of the commands that open the platform's
 * store directly ({@code admin}, {@code audit}, {@code api-key}), inherited by their subcommands.
 */
final class LocalStoreOptions {
  @Option(
      names = "--config",
      description = "YAML configuration file (default: PERPETUA_CONFIG).",
      scope = ScopeType.INHERIT)
  Path configFile;

  @Option(
      names = "--data-dir",
      description = "Data directory (default: data.dir = var).",
      scope = ScopeType.INHERIT)
  Path dataDir;
}
