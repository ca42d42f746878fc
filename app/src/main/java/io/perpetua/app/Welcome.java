package io.perpetua.app;

import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.server.web.WebDashboard;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;

/** The lines {@code perpetua run} prints once the API is up. Stateless. */
final class Welcome {
  private Welcome() {}

  /** Prints the mode, the API and docs URLs, where the token is, and two commands to try. */
  static void print(PrintStream out, int port, PerpetuaConfig config, TokenStore.Resolved token) {
    String base = "http://localhost:" + port;
    out.printf(
        "Perpetua is running (%s); API up %d ms after JVM start.%n",
        mode(config), ManagementFactory.getRuntimeMXBean().getUptime());
    out.println("  API:      " + base + "/api/v1/health");
    out.println("  API docs: " + base + "/docs");
    if (Welcome.class.getClassLoader().getResource(WebDashboard.RESOURCE_ROOT + "index.html")
        != null) {
      out.println(
          "  Dashboard: " + base + "/  (log in with a user account: ./perpetua admin create)");
    }
    switch (token.source()) {
      case "generated" -> {
        out.println("  API token (shown once; stored in " + token.file() + "):");
        out.println("    " + revealOnce(token));
      }
      case "file" -> out.println("  API token: stored in " + token.file());
      default -> out.println("  API token: from PERPETUA_API_TOKEN");
    }
    String auth = token.file() != null ? "$(cat " + token.file() + ")" : "$PERPETUA_API_TOKEN";
    out.println("Try:");
    out.println(
        "  curl -s -H \"Authorization: Bearer " + auth + "\" " + base + "/api/v1/signals/latest");
    out.println(
        "  curl -s -H \"Authorization: Bearer "
            + auth
            + "\" "
            + base
            + "/api/v1/account/positions");
    out.println("Press Ctrl-C to stop; the next start continues from the stored state.");
  }

  private static String mode(PerpetuaConfig config) {
    return switch (config.venue().type()) {
      case "binance" ->
          "LIVE trading on Binance "
              + config.binance().environment()
              + (config.binance().restUrl().isBlank() ? "" : " at " + config.binance().restUrl())
              + ", real orders";
      case "fake-binance" -> "live mode against a local fake of Binance, no real money";
      default -> "paper trading, simulated venue, no real orders";
    };
  }

  private static String revealOnce(TokenStore.Resolved token) {
    try {
      return Files.readString(token.file()).trim();
    } catch (IOException e) {
      return "(see " + token.file() + ")";
    }
  }
}
