package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import io.perpetua.market.BarCatalog;
import io.perpetua.market.BarSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hotlist scan} over a small local catalog: table, JSON, bad options. */
class HotlistCommandTest {
  private static final long H = 3_600_000L;
  private static final long TS = 1_678_665_600_000L; // 2023-03-13T00:00:00Z

  @TempDir Path dir;

  private void catalog() throws Exception {
    BarCatalog catalog = new BarCatalog(dir.resolve("catalog"));
    for (String s : new String[] {"AAAUSDT", "BBBUSDT"}) {
      Random r = new Random(s.hashCode());
      BarSeries.Builder b = BarSeries.builder(InstrumentId.fromVenueSymbol(s), Timeframe.H1);
      double p = 100;
      double jump = s.startsWith("A") ? 4 : 1;
      for (long t = TS - 40 * 24 * H; t < TS + 24 * H; t += H) {
        double k = t >= TS - 24 * H ? jump : 1;
        double c = p * Math.exp(0.01 * k * r.nextGaussian());
        b.add(t, p, Math.max(p, c), Math.min(p, c), c, 1000 * k, 1000 * k * c);
        p = c;
      }
      catalog.write(b.build());
    }
    // the shared data's import counts as done: the command reads only this catalog
    Files.writeString(dir.resolve("catalog").resolve("shared-import-1h.complete"), "test\n");
  }

  @Test
  void scanPrintsTheRankingWithMissingTermsAndJson() throws Exception {
    catalog();
    CliRun run =
        CliRun.of(
            "hotlist",
            "scan",
            "--at",
            "2023-03-13T00:00:00Z",
            "--top",
            "1",
            "--data-dir",
            dir.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("2 scored")
        .contains("AAA/USDT:USDT")
        .doesNotContain("BBB/USDT:USDT");
    assertThat(run.out()).contains("oi_delta: no open-interest data for AAA/USDT:USDT");
    CliRun json =
        CliRun.of(
            "hotlist", "scan", "--at", Long.toString(TS), "--json", "--data-dir", dir.toString());
    JsonNode scan = new ObjectMapper().readTree(json.out());
    assertThat(scan.get("ts").asLong()).isEqualTo(TS);
    assertThat(scan.get("coins")).hasSize(2);
    assertThat(scan.get("coins").get(0).get("components").get(2).get("value").isNull()).isTrue();
  }

  @Test
  void badOptionsExitWithTwoNamingTheOption() {
    CliRun at = CliRun.of("hotlist", "scan", "--at", "yesterday", "--data-dir", dir.toString());
    assertThat(at.code()).isEqualTo(2);
    assertThat(at.err()).contains("--at");
    CliRun top =
        CliRun.of("hotlist", "scan", "--at", "0", "--top", "0", "--data-dir", dir.toString());
    assertThat(top.code()).isEqualTo(2);
    assertThat(top.err()).contains("--top");
  }
}
