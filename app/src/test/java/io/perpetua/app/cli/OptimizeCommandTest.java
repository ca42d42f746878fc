package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code perpetua optimize}: bad input ends with exit 2 and a message naming the field. */
class OptimizeCommandTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "--param;lookback=1:5;unknown parameter lookback",
        "--param;long_n=50:10;long_n: bounds reversed",
        "--param;long_n=10:50:0;long_n.step: must be > 0",
        "--param;gross_exposure=0.5:2:-1;gross_exposure.step: must be > 0",
        "--trials;0;trials: must be > 0",
        "--trials;6000;trials: at most 5000",
        "--objective;profit;objective: unknown 'profit'",
        "--algorithm;annealing;algorithm: must be one of",
        "--wfo;train=30d;wfo: train and step are required"
      })
  void badInput_exitsWith2_namingTheField_andStoresNothing(
      String option, String value, String message) {
    Path out = dir.resolve("out");
    List<String> args =
        new ArrayList<>(
            List.of(
                "optimize",
                "--strategy",
                "baseline_rev",
                "--data-dir",
                dir.resolve("data").toString(),
                "--out",
                out.toString()));
    args.add(option);
    args.add(value);
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(Files.exists(out)).isFalse();
    assertThat(Files.exists(dir.resolve("data").resolve("catalog"))).isFalse();
  }
}
