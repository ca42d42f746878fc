package io.perpetua.trading.carry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.Money;
import io.perpetua.core.Price;
import io.perpetua.core.Quantity;
import io.perpetua.trading.carry.CarryReport.Period;
import io.perpetua.trading.carry.CarryReport.Row;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A carry's reports against a case computed by hand: opened Monday 2026-01-05 01:00 UTC (spot buy
 * 0.100 at 50,000, fee 5; perp sell 0.100 at 50,010, fee 2.5005), funding 0.5001 at 08:00 and 0.4
 * the next day at 08:00, closed Tuesday 10:00 (spot sell at 51,000, fee 5.1; perp buy at 51,020,
 * fee 2.551), a reset event on Sunday 23:00. Spot PnL: −5 on Monday, 5,100 − 5.1 − 5,000 = 94.9 on
 * Tuesday; perp: −2.5005, then −5,102 − 2.551 + 5,001 = −103.551. A dry-run funding line and a
 * dry-run fill must not count.
 */
class CarryReportTest {
  private static long at(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static CarryStore.Moded<CarryLedger> fill(
      String mode,
      String id,
      String side,
      String price,
      String fee,
      String spot,
      String perp,
      String iso) {
    return new CarryStore.Moded<>(
        mode,
        new CarryLedger(
            "fill",
            id,
            side,
            Quantity.parse("0.100", 3),
            Price.parse(price, 2),
            Money.parse(fee),
            Money.ZERO,
            Quantity.parse(spot, 3),
            Quantity.parse(perp, 3),
            at(iso)));
  }

  private static CarryStore.Moded<CarryFunding> funding(String mode, String amount, String iso) {
    return new CarryStore.Moded<>(mode, new CarryFunding(at(iso), 0.0001, Money.parse(amount)));
  }

  private static List<CarryStore.Moded<CarryLedger>> ledger() {
    return List.of(
        fill(
            "real",
            "carry-b-1-o-spot-1",
            "BUY",
            "50000",
            "5",
            "0.100",
            "0",
            "2026-01-05T01:00:00Z"),
        fill(
            "real",
            "carry-b-1-o-perp-1",
            "SELL",
            "50010",
            "2.5005",
            "0.100",
            "-0.100",
            "2026-01-05T01:00:01Z"),
        fill(
            "dry_run",
            "carry-b-1-o-spot-1",
            "BUY",
            "1",
            "999",
            "0.100",
            "0",
            "2026-01-05T01:00:00Z"),
        fill(
            "real",
            "carry-b-1-c-spot-1",
            "SELL",
            "51000",
            "5.1",
            "0",
            "-0.100",
            "2026-01-06T10:00:00Z"),
        fill(
            "real",
            "carry-b-1-c-perp-1",
            "BUY",
            "51020",
            "2.551",
            "0",
            "0",
            "2026-01-06T10:00:01Z"));
  }

  private static List<Row> report(Period p) {
    List<CarryStore.Moded<CarryLedger>> ledger = ledger();
    List<CarryStore.Moded<CarryFunding>> funding =
        List.of(
            funding("real", "0.5001", "2026-01-05T08:00:00Z"),
            funding("dry_run", "99", "2026-01-05T08:00:00Z"),
            funding("real", "0.4", "2026-01-06T08:00:00Z"));
    List<CarryStore.Snapshot> snapshots =
        List.of(
            new CarryStore.Snapshot(at("2026-01-05T01:00:00Z"), "opening", "0.1", "0", 1.0),
            new CarryStore.Snapshot(at("2026-01-05T02:00:00Z"), "holding", "0.1", "-0.1", 0.004),
            new CarryStore.Snapshot(at("2026-01-06T10:00:02Z"), "idle", "0", "0", 0.002));
    List<CarryAlert> events =
        List.of(
            new CarryAlert("INFO", "start_requested", "", at("2026-01-05T00:59:00Z")),
            new CarryAlert("INFO", "confirmed", "", at("2026-01-05T00:59:30Z")),
            new CarryAlert("INFO", "opened", "", at("2026-01-05T01:00:01Z")),
            new CarryAlert("WARN", "margin_warn", "", at("2026-01-06T09:00:00Z")),
            new CarryAlert("INFO", "closed", "", at("2026-01-06T10:00:01Z")),
            new CarryAlert("INFO", "reset", "", at("2026-01-11T23:00:00Z")));
    return CarryReport.of(p, "real", ledger, funding, snapshots, events);
  }

  @Test
  void perDay_handComputed() {
    List<Row> rows = report(Period.DAY);
    assertThat(rows).hasSize(3);
    Row mon = rows.get(0);
    assertThat(mon.startMs()).isEqualTo(at("2026-01-05T00:00:00Z"));
    assertThat(mon.endMs()).isEqualTo(at("2026-01-06T00:00:00Z"));
    assertThat(mon.fundingIncome()).isEqualTo(Money.parse("0.5001"));
    assertThat(mon.settlements()).isEqualTo(1);
    assertThat(mon.fees()).isEqualTo(Money.parse("7.5005"));
    assertThat(mon.spotPnl()).isEqualTo(Money.parse("-5"));
    assertThat(mon.perpPnl()).isEqualTo(Money.parse("-2.5005"));
    assertThat(mon.fills()).isEqualTo(2);
    assertThat(mon.maxHedgeDeviation()).isEqualTo(1.0);
    assertThat(mon.events())
        .containsExactly(
            Map.entry("confirmed", 1), Map.entry("opened", 1), Map.entry("start_requested", 1));
    Row tue = rows.get(1);
    assertThat(tue.fundingIncome()).isEqualTo(Money.parse("0.4"));
    assertThat(tue.fees()).isEqualTo(Money.parse("7.651"));
    assertThat(tue.spotPnl()).isEqualTo(Money.parse("94.9"));
    assertThat(tue.perpPnl()).isEqualTo(Money.parse("-103.551"));
    assertThat(tue.total()).isEqualTo(Money.parse("-8.251"));
    assertThat(tue.maxHedgeDeviation()).isEqualTo(0.002);
    assertThat(tue.events()).containsExactly(Map.entry("closed", 1), Map.entry("margin_warn", 1));
    Row sun = rows.get(2);
    assertThat(sun.startMs()).isEqualTo(at("2026-01-11T00:00:00Z"));
    assertThat(sun.fills()).isZero();
    assertThat(sun.fundingIncome()).isEqualTo(Money.ZERO);
    assertThat(sun.events()).containsExactly(Map.entry("reset", 1));
  }

  @Test
  void perWeekMonthAnd8h_handComputed() {
    List<Row> week = report(Period.WEEK);
    assertThat(week).hasSize(1);
    assertThat(week.get(0).startMs()).isEqualTo(at("2026-01-05T00:00:00Z"));
    assertThat(week.get(0).endMs()).isEqualTo(at("2026-01-12T00:00:00Z"));
    assertThat(week.get(0).fundingIncome()).isEqualTo(Money.parse("0.9001"));
    assertThat(week.get(0).fees()).isEqualTo(Money.parse("15.1515"));
    assertThat(week.get(0).spotPnl()).isEqualTo(Money.parse("89.9"));
    assertThat(week.get(0).perpPnl()).isEqualTo(Money.parse("-106.0515"));
    assertThat(week.get(0).total()).isEqualTo(Money.parse("-15.2514"));
    assertThat(week.get(0).events()).hasSize(6);

    List<Row> month = report(Period.MONTH);
    assertThat(month).hasSize(1);
    assertThat(month.get(0).startMs()).isEqualTo(at("2026-01-01T00:00:00Z"));
    assertThat(month.get(0).endMs()).isEqualTo(at("2026-02-01T00:00:00Z"));
    assertThat(month.get(0).settlements()).isEqualTo(2);

    List<Row> eight = report(Period.EIGHT_HOURS);
    assertThat(eight)
        .extracting(Row::startMs)
        .containsExactly(
            at("2026-01-05T00:00:00Z"),
            at("2026-01-05T08:00:00Z"),
            at("2026-01-06T08:00:00Z"),
            at("2026-01-11T16:00:00Z"));
    assertThat(eight.get(1).fundingIncome()).isEqualTo(Money.parse("0.5001"));
    assertThat(eight.get(1).fills()).isZero();
    assertThat(eight.get(2).perpPnl()).isEqualTo(Money.parse("-103.551"));
    assertThat(eight.get(2).fundingIncome()).isEqualTo(Money.parse("0.4"));
  }

  @Test
  void periodCodes_parse_andWeeksStartOnMonday() {
    assertThat(Period.parse("8h")).isEqualTo(Period.EIGHT_HOURS);
    assertThat(Period.parse("month")).isEqualTo(Period.MONTH);
    assertThatThrownBy(() -> Period.parse("hour")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Period.WEEK.start(at("2026-01-04T23:59:59Z"))).isEqualTo(at("2025-12-29T00:00:00Z"));
    assertThat(Period.WEEK.start(at("1970-01-01T00:00:00Z"))).isEqualTo(at("1969-12-29T00:00:00Z"));
  }
}
