package io.perpetua.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's "defaults, with every key" block is the bundled defaults file, key for key. */
class ReadmeDefaultsTest {
  @Test
  void readmeYamlBlock_equalsTheBundledDefaults() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("```yaml\nserver:");
    assertThat(start).as("README has the defaults block").isPositive();
    int end = readme.indexOf("```", start + 8);
    String block = readme.substring(start + "```yaml\n".length(), end);
    String defaults;
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/perpetua-defaults.yaml")) {
      defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String withoutHeader =
        defaults
            .lines()
            .filter(l -> !l.startsWith("#"))
            .collect(Collectors.joining("\n", "", "\n"));
    assertThat(block).isEqualTo(withoutHeader);
  }
}
