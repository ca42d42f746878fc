package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which module's main code may import which package (issue 11): the backtest engine and its job
 * service are used only by the shells ({@code app}, {@code server}'s job routes, {@code bench}, the
 * {@code optimizer} that runs trials through it); the job model and store port live in {@code
 * jobs}, the analytics in {@code analytics}, the API read models in {@code readmodel} (not in the
 * kernel module). Reads the sources of the sibling modules (the test runs in {@code app/}).
 */
class ModuleBoundariesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Modules that may import {@code io.perpetua.backtest}. */
  private static final List<String> BACKTEST_USERS =
      List.of("app", "server", "bench", "backtest", "optimizer");

  @Test
  void onlyTheShells_importTheBacktestModule() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
        String name = module.getFileName().toString();
        if (BACKTEST_USERS.contains(name)) {
          continue;
        }
        offenders.addAll(imports(module, "import io.perpetua.backtest."));
      }
    }

    assertThat(offenders).as("main code importing the backtest module").isEmpty();
  }

  @Test
  void onlyTheShells_declareTheBacktestModule_exceptForTests() throws IOException {
    List<String> declaring = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
        String name = module.getFileName().toString();
        for (String line : lines(module.resolve("pom.xml"))) {
          if (line.contains("<artifactId>perpetua-backtest</artifactId></dependency>")
              && !BACKTEST_USERS.contains(name)) {
            declaring.add(name + ": " + line.strip());
          }
        }
      }
    }

    assertThat(declaring).as("modules depending on backtest beyond their tests").isEmpty();
  }

  @Test
  void onlyApp_usesTheSparkModule_theOptimizerStaysFreeOfSpark() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
        String name = module.getFileName().toString();
        if (name.equals("app") || name.equals("spark")) {
          continue;
        }
        offenders.addAll(imports(module, "import io.perpetua.spark."));
        offenders.addAll(imports(module, "import org.apache.spark."));
        for (String line : lines(module.resolve("pom.xml"))) {
          if (line.contains("<artifactId>perpetua-spark</artifactId>")
              || line.contains("<groupId>org.apache.spark</groupId>")) {
            offenders.add(name + "/pom.xml: " + line.strip());
          }
        }
      }
    }

    assertThat(offenders).as("Spark outside app and spark").isEmpty();
  }

  @Test
  void jobsAndAnalytics_importNothingAboveThem() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String module : List.of("jobs", "analytics")) {
      for (String above : List.of("market", "signals", "trading", "backtest", "store", "server")) {
        offenders.addAll(imports(ROOT.resolve(module), "import io.perpetua." + above + "."));
      }
    }

    assertThat(Files.isDirectory(ROOT.resolve("jobs/src/main/java"))).isTrue();
    assertThat(Files.isDirectory(ROOT.resolve("analytics/src/main/java"))).isTrue();
    assertThat(offenders).isEmpty();
  }

  @Test
  void readModels_liveInTheirOwnModule_outsideTheKernelModule_andImportNoPerpetuaCode()
      throws IOException {
    Path readmodel = ROOT.resolve("readmodel/src/main/java/io/perpetua/readmodel");
    assertThat(readmodel.resolve("PositionView.java")).isRegularFile();
    assertThat(readmodel.resolve("PlatformState.java")).isRegularFile();
    assertThat(ROOT.resolve("trading/src/main/java/io/perpetua/trading/state")).doesNotExist();
    assertThat(imports(ROOT.resolve("readmodel"), "import io.perpetua.")).isEmpty();
  }

  /** The lines of {@code module}'s main sources that start with {@code prefix}, with their file. */
  private static List<String> imports(Path module, String prefix) throws IOException {
    Path main = module.resolve("src/main/java");
    if (!Files.isDirectory(main)) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : lines(file)) {
          if (line.startsWith(prefix)) {
            found.add(ROOT.relativize(file) + ": " + line);
          }
        }
      }
    }
    return found;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
