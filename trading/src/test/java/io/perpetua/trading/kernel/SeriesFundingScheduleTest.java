package io.perpetua.trading.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import io.perpetua.market.FundingSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesFundingScheduleTest {
  private static final long H = 3_600_000L;

  private static List<String> collect(FundingSchedule s, long from, long to) {
    List<String> out = new ArrayList<>();
    s.forEach(from, to, (i, t, r) -> out.add(i + "@" + t / H + "=" + r));
    return out;
  }

  @Test
  void history_usedInsideItsSpan_fallbackOutside_andForInstrumentsWithout() {
    FundingSeries btc =
        FundingSeries.builder("binance", InstrumentId.usdtPerp("BTC"))
            .add(16 * H, 0.0003)
            .add(24 * H, -0.0001)
            .build();
    var schedule = new SeriesFundingSchedule(Arrays.asList(btc, null), 0.0001, 8 * H);
    assertThat(collect(schedule, 0, 40 * H))
        .containsExactly(
            "0@8=1.0E-4",
            "0@16=3.0E-4",
            "0@24=-1.0E-4",
            "0@32=1.0E-4",
            "0@40=1.0E-4",
            "1@8=1.0E-4",
            "1@16=1.0E-4",
            "1@24=1.0E-4",
            "1@32=1.0E-4",
            "1@40=1.0E-4");
  }

  @Test
  void zeroFallback_meansNoFundingWithoutHistory_andIntervalIsHalfOpen() {
    var schedule = new SeriesFundingSchedule(Arrays.asList((FundingSeries) null), 0.0, 8 * H);
    assertThat(collect(schedule, 0, 100 * H)).isEmpty();
    var fallback = new SeriesFundingSchedule(Arrays.asList((FundingSeries) null), 0.0002, 8 * H);
    assertThat(collect(fallback, 8 * H, 16 * H)).containsExactly("0@16=2.0E-4");
  }
}
