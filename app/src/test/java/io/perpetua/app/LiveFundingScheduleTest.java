package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.venue.binance.MarketEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Funding settlements learned from mark-price events: once each, in order, whatever comes first.
 */
class LiveFundingScheduleTest {
  private static final long H = 3_600_000L;
  private static final long T8 = 8 * H; // a funding time

  private final LiveFundingSchedule schedule =
      new LiveFundingSchedule(List.of("BTCUSDT", "ETHUSDT"));

  private static MarketEvent.MarkPrice mark(String symbol, long time, String rate, long next) {
    return new MarketEvent.MarkPrice(
        symbol, time, new BigDecimal("100"), new BigDecimal("100"), new BigDecimal(rate), next);
  }

  private List<String> window(long from, long to) {
    List<String> out = new ArrayList<>();
    schedule.forEach(from, to, (i, t, rate) -> out.add(i + "@" + t / H + "h:" + rate));
    return out;
  }

  @Test
  void theLastRateAnnouncedForAFundingTime_isSettledOnce_whenTheStreamMovesOnFirst() {
    schedule.onMarkPrice(mark("BTCUSDT", T8 - 2 * H, "0.0001", T8));
    schedule.onMarkPrice(mark("BTCUSDT", T8 - H, "0.0003", T8)); // the rate changed before T
    schedule.onMarkPrice(mark("BTCUSDT", T8 + 1_000, "0.0002", 2 * T8)); // T passed
    assertThat(window(T8 - 2 * H, T8 - H)).isEmpty();
    assertThat(window(T8 - H, T8)).containsExactly("0@8h:3.0E-4");
    assertThat(window(T8, T8 + H)).isEmpty();
    assertThat(window(T8 - H, T8)).as("delivered once").isEmpty();
  }

  @Test
  void aBarSteppedBeforeTheStreamMovesOn_settlesTheAnnouncedRate_andTheLateEventAddsNothing() {
    schedule.onMarkPrice(mark("BTCUSDT", T8 - H, "-0.0004", T8));
    schedule.onMarkPrice(mark("ETHUSDT", T8 - H, "0.0001", T8));
    assertThat(window(T8 - H, T8)).containsExactly("0@8h:-4.0E-4", "1@8h:1.0E-4");
    schedule.onMarkPrice(mark("BTCUSDT", T8 + 500, "0.0002", 2 * T8));
    schedule.onMarkPrice(mark("ETHUSDT", T8 + 500, "0.0002", 2 * T8));
    assertThat(window(T8, T8 + H)).isEmpty();
    assertThat(window(2 * T8 - H, 2 * T8)).containsExactly("0@16h:2.0E-4", "1@16h:2.0E-4");
  }

  @Test
  void anOutageAcrossFundingTimes_settlesTheOneAnnounced_notTheUnheardOne_unknownSymbolsIgnored() {
    schedule.onMarkPrice(mark("BTCUSDT", T8 - H, "0.0001", T8));
    schedule.onMarkPrice(mark("XRPUSDT", T8 - H, "0.5", T8));
    // silent until after 16:00: the next event announces 24:00
    schedule.onMarkPrice(mark("BTCUSDT", 2 * T8 + H, "0.0002", 3 * T8));
    // 08:00 with the rate heard for it; 16:00 was never announced (inside the outage)
    assertThat(window(T8 - H, 2 * T8 + H)).containsExactly("0@8h:1.0E-4");
    assertThat(window(2 * T8 + H, 3 * T8)).containsExactly("0@24h:2.0E-4");
  }
}
