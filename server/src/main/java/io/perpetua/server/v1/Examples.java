package io.perpetua.server.v1;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the spec's response examples shipped under {@code io/perpetua/server/v1/examples/}. */
final class Examples {
  private Examples() {}

  /** The JSON text of example {@code name} (e.g. {@code health.json}). */
  static String load(String name) {
    try (InputStream in = Examples.class.getResourceAsStream("examples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing example resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
