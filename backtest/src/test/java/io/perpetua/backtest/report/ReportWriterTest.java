package io.perpetua.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void writeAll_writesTheFiveFilesAndTheyParse() throws Exception {
    Path out = dir.resolve("nested/run-1");
    ReportFiles files = ReportWriter.writeAll(Fixtures.result(), out, true);
    assertThat(files.all())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "report.html", "result.json", "equity.csv", "trades.csv", "attribution.csv");
    for (Path p : files.all()) {
      assertThat(p).exists().isRegularFile();
      assertThat(p.getParent()).isEqualTo(out);
      assertThat(Files.size(p)).isPositive();
    }
    assertThat(new ObjectMapper().readTree(files.json().toFile()).get("metrics").get("sharpe"))
        .isNotNull();
    assertThat(Files.readAllLines(files.equityCsv())).hasSize(90 * 24 + 2);
    assertThat(Files.readAllLines(files.tradesCsv())).hasSize(151);
    assertThat(Files.readAllLines(files.attributionCsv())).hasSize(26);
    String html = Files.readString(files.html());
    assertThat(html).contains("<svg ").contains("Survivorship bias");
  }
}
