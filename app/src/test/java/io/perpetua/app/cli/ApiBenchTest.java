package io.perpetua.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench api} reads wrk's report as wrk prints it. */
class ApiBenchTest {
  private static final String REPORT =
      String.join(
          "\n",
          "Running 10s test @ http://127.0.0.1:40123/bare",
          "  2 threads and 16 connections",
          "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
          "    Latency     1.92ms    8.11ms 140.84ms   97.93%",
          "    Req/Sec    11.29k     2.01k   15.10k    71.00%",
          "  Latency Distribution",
          "     50%  527.00us",
          "     75%  701.00us",
          "     90%    1.02ms",
          "     99%  140.84ms",
          "  224689 requests in 10.00s, 71.54MB read",
          "Requests/sec:  22468.12",
          "Transfer/sec:      7.15MB",
          "");

  @Test
  void parse_wrkLatencyReport_readsThroughputAndPercentilesInMicros() {
    ApiBench.Sample s = ApiBench.parse(REPORT);
    assertThat(s.rps()).isEqualTo(22468.12);
    assertThat(s.p50Micros()).isEqualTo(527.0);
    assertThat(s.p99Micros()).isEqualTo(140_840.0);
  }

  @Test
  void parse_non2xxAnswers_areAnError() {
    String failing = REPORT.replace("Requests/sec", "  Non-2xx or 3xx responses: 12\nRequests/sec");
    assertThatThrownBy(() -> ApiBench.parse(failing)).hasMessageContaining("errors");
  }

  @Test
  void median_ofRounds_isTheMiddleValuePerColumn() {
    ApiBench.Sample m =
        ApiBench.median(
            List.of(
                new ApiBench.Sample(3, 30, 300),
                new ApiBench.Sample(1, 10, 100),
                new ApiBench.Sample(2, 20, 200)));
    assertThat(m).isEqualTo(new ApiBench.Sample(2, 20, 200));
  }
}
