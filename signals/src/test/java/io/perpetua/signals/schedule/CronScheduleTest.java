package io.perpetua.signals.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void dailyAt2359_firesSameDayThenNextDay() {
    CronSchedule cron = CronSchedule.parse("59 23 * * *");
    assertThat(cron.next(t("2026-03-02T10:00:00Z"))).isEqualTo(t("2026-03-02T23:59:00Z"));
    assertThat(cron.next(t("2026-03-02T23:59:00Z"))).isEqualTo(t("2026-03-03T23:59:00Z"));
  }

  @Test
  void stepsListsAndRanges() {
    assertThat(CronSchedule.parse("*/15 * * * *").next(t("2026-03-02T10:01:00Z")))
        .isEqualTo(t("2026-03-02T10:15:00Z"));
    assertThat(CronSchedule.parse("0 8,16 * * *").next(t("2026-03-02T09:00:00Z")))
        .isEqualTo(t("2026-03-02T16:00:00Z"));
    assertThat(CronSchedule.parse("0 0 * * 1-5").next(t("2026-03-07T00:00:00Z")))
        .as("Saturday -> Monday")
        .isEqualTo(t("2026-03-09T00:00:00Z"));
    assertThat(CronSchedule.parse("0 0 1 * *").next(t("2026-02-15T00:00:00Z")))
        .isEqualTo(t("2026-03-01T00:00:00Z"));
  }

  @Test
  void sundayIsZeroOrSeven() {
    long sat = t("2026-03-07T12:00:00Z");
    assertThat(CronSchedule.parse("0 0 * * 0").next(sat))
        .isEqualTo(CronSchedule.parse("0 0 * * 7").next(sat))
        .isEqualTo(t("2026-03-08T00:00:00Z"));
  }

  @Test
  void parse_badField_namesIt() {
    assertThatThrownBy(() -> CronSchedule.parse("61 23 * * *")).hasMessageContaining("minute");
    assertThatThrownBy(() -> CronSchedule.parse("0 x * * *")).hasMessageContaining("hour");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * *")).hasMessageContaining("5 fields");
  }

  /** The first minute after {@code after} that the cron matches, found minute by minute. */
  private static long scanned(CronSchedule cron, long after) {
    long minute = 60_000L;
    long t = Math.floorDiv(after, minute) * minute + minute;
    while (true) {
      // a cron fires at t exactly when the minute before t is not a fire time after it
      if (cron.next(t - minute) == t) {
        return t;
      }
      t += minute;
    }
  }

  @Test
  void nextMinuteJump_agreesWithAMinuteByMinuteScan() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    String[] expressions = {
      "59 23 * * *", "*/15 * * * *", "7,45 */3 * * *", "0 8,16 * * 1-5", "30 * * * *", "* * * * *"
    };
    for (String e : expressions) {
      CronSchedule cron = CronSchedule.parse(e);
      for (int k = 0; k < 200; k++) {
        long after = t("2026-01-01T00:00:00Z") + random.nextLong(90L * 86_400_000L);
        long next = cron.next(after);
        assertThat(next).as("%s after %s", e, Instant.ofEpochMilli(after)).isGreaterThan(after);
        if (next - after <= 3L * 3_600_000L) {
          assertThat(scanned(cron, after)).as("%s after %d", e, after).isEqualTo(next);
        }
      }
    }
  }
}
