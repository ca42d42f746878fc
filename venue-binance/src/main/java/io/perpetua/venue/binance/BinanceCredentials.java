package io.perpetua.venue.binance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An API key and its secret. Loaded only from the environment ({@value #ENV_KEY}, {@value
 * #ENV_SECRET}) or from a secret file named by {@value #ENV_SECRET_FILE} (two lines: key, then
 * secret; blank lines and lines starting with {@code #} are ignored).
 *
 * <p>Immutable. {@link #toString()} never prints the secret and prints only the first 4 characters
 * of the key; neither value ever appears in an exception message.
 *
 * @param apiKey the API key (sent as {@code X-MBX-APIKEY})
 * @param secret the API secret (signs requests; never sent)
 */
public record BinanceCredentials(String apiKey, String secret) {
  /** Environment variable holding the API key. */
  public static final String ENV_KEY = "PERPETUA_BINANCE_API_KEY";

  /** Environment variable holding the API secret. */
  public static final String ENV_SECRET = "PERPETUA_BINANCE_API_SECRET";

  /** Environment variable naming a secret file (key line, secret line). */
  public static final String ENV_SECRET_FILE = "PERPETUA_BINANCE_SECRET_FILE";

  /** Validates that both values are present. */
  public BinanceCredentials {
    if (apiKey == null || apiKey.isBlank() || secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("Binance API key and secret are both required");
    }
  }

  /** From the process environment. */
  public static BinanceCredentials fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * From {@code env}: the key/secret variables when both are set, else the secret file.
   *
   * @throws IllegalArgumentException naming the variables (never their values) when neither is set
   */
  public static BinanceCredentials fromEnvironment(Map<String, String> env) {
    String key = env.get(ENV_KEY);
    String secret = env.get(ENV_SECRET);
    if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
      return new BinanceCredentials(key.trim(), secret.trim());
    }
    String file = env.get(ENV_SECRET_FILE);
    if (file != null && !file.isBlank()) {
      return fromFile(Path.of(file.trim()));
    }
    throw new IllegalArgumentException(
        "Binance credentials missing: set "
            + ENV_KEY
            + " and "
            + ENV_SECRET
            + ", or "
            + ENV_SECRET_FILE);
  }

  /** From a secret file: the first non-comment line is the key, the second the secret. */
  public static BinanceCredentials fromFile(Path file) {
    List<String> lines;
    try {
      lines =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .map(String::trim)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Binance secret file " + file, e);
    }
    if (lines.size() < 2) {
      throw new IllegalArgumentException(
          "Binance secret file " + file + " must hold the API key line and the secret line");
    }
    return new BinanceCredentials(lines.get(0), lines.get(1));
  }

  /** A signer keyed with the secret. */
  public HmacSigner signer() {
    return new HmacSigner(secret);
  }

  @Override
  public String toString() {
    String shown = apiKey.length() > 4 ? apiKey.substring(0, 4) + "…" : "…";
    return "BinanceCredentials[apiKey=" + shown + ", secret=***]";
  }
}
