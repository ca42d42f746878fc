package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.Timeframe;
import io.perpetua.core.testing.SharedData;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.FundingCatalog;
import io.perpetua.market.importer.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarketLoaderTest {
  private static final Timeframe H1 = Timeframe.parse("1h");

  @TempDir Path tmp;

  @Test
  void importUntilComplete_partialCatalogWithoutMarker_isCompletedLikeAnUninterruptedImport()
      throws Exception {
    Path reference = PlatformProcess.importedDataDir();
    Path partial = tmp.resolve("partial");
    PlatformProcess.copyImported(partial);
    // what a kill during the first import leaves: some instruments, no funding, no marker
    Files.delete(MarketLoader.importMarker(partial, H1));
    List<Path> bars = files(partial.resolve("catalog/bars/1h"));
    for (Path p : bars.subList(21, bars.size())) {
      Files.delete(p);
    }
    PlatformProcess.deleteQuietly(partial.resolve("catalog/funding"));
    assertThat(new BarCatalog(partial.resolve("catalog")).instruments(H1)).hasSize(21);

    assertThat(
            MarketLoader.importUntilComplete(partial, SharedData.root(), H1, ProgressListener.NONE))
        .isNotNull();

    assertThat(new BarCatalog(partial.resolve("catalog")).list())
        .isEqualTo(new BarCatalog(reference.resolve("catalog")).list());
    assertThat(new FundingCatalog(partial.resolve("catalog")).list())
        .isNotEmpty()
        .isEqualTo(new FundingCatalog(reference.resolve("catalog")).list());
    assertThat(MarketLoader.importMarker(partial, H1)).exists();
  }

  @Test
  void importUntilComplete_completeCatalog_importsNothing() throws Exception {
    Path dir = tmp.resolve("complete");
    PlatformProcess.copyImported(dir);
    assertThat(MarketLoader.importMarker(dir, H1)).exists();

    assertThat(MarketLoader.importUntilComplete(dir, SharedData.root(), H1, ProgressListener.NONE))
        .isNull();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
