package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Timeframe;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.FundingCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash during the first start's import: {@code perpetua run} as a child JVM on an empty
 * data directory is killed with SIGKILL while it imports the shared data, then started again on the
 * same directory. The second start must finish the catalog: the same instruments, bars and funding
 * as an uninterrupted import.
 */
class PlatformImportCrashTest {
  private static final Timeframe H1 = Timeframe.parse("1h");

  @TempDir Path tmp;

  private final List<PlatformProcess> started = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    started.forEach(PlatformProcess::close);
  }

  @Test
  void sigkillDuringFirstImport_nextStart_completesTheCatalog() throws Exception {
    Path reference = PlatformProcess.importedDataDir();
    int instruments = new BarCatalog(reference.resolve("catalog")).instruments(H1).size();
    Path config = PlatformProcess.writeConfig(tmp.resolve("perpetua.yaml"), "59 23 * * *", 3);
    Path dataDir = tmp.resolve("data");
    Path bars = dataDir.resolve("catalog/bars/1h");

    PlatformProcess first = start(dataDir, config);
    long deadline = System.currentTimeMillis() + 60_000;
    while (count(bars) == 0) {
      assertThat(System.currentTimeMillis()).as("import started").isLessThan(deadline);
      Thread.sleep(1);
    }
    first.kill();
    int left = count(bars);
    System.out.printf("import crash test: killed with %d of %d instruments%n", left, instruments);
    assertThat(MarketLoader.importMarker(dataDir, H1)).doesNotExist();
    assertThat(left).as("killed in the middle of the import").isLessThan(instruments);

    PlatformProcess second = start(dataDir, config);
    second.await("/api/v1/account/balance", d -> d.path("total_equity").asDouble() > 0, 120_000);

    assertThat(MarketLoader.importMarker(dataDir, H1)).exists();
    assertThat(new BarCatalog(dataDir.resolve("catalog")).list())
        .isEqualTo(new BarCatalog(reference.resolve("catalog")).list());
    assertThat(new FundingCatalog(dataDir.resolve("catalog")).list())
        .isNotEmpty()
        .isEqualTo(new FundingCatalog(reference.resolve("catalog")).list());
  }

  private PlatformProcess start(Path dataDir, Path config) throws Exception {
    PlatformProcess p = PlatformProcess.start(dataDir, config, 3600);
    started.add(p);
    return p;
  }

  private static int count(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return (int) s.filter(p -> p.toString().endsWith(".bars")).count();
    }
  }
}
