package io.perpetua.signals.hotlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Scan, approve, reject, expiry and the whitelist. */
class HotlistServiceTest {
  private static final long H = 3_600_000L;
  private static final long TS = 100 * 24 * H;

  private final AtomicLong now = new AtomicLong(TS + H);
  private final List<String> approved = new ArrayList<>();
  private final HotInputsSource source =
      (ts, days) ->
          List.of(
              new HotInputs(
                  "AAA/USDT:USDT", HotScorerTest.bars("AAAUSDT", 1, TS, 3), null, null, null),
              new HotInputs(
                  "BBB/USDT:USDT", HotScorerTest.bars("BBBUSDT", 2, TS, 1), null, null, null));
  private final HotlistService service =
      new HotlistService(
          HotlistConfig.defaults(), source, new InMemoryHotlistStore(), now::get, approved::add);

  @Test
  void approvalPutsTheSymbolInTheWhitelistOnce() {
    HotScan scan = service.scan(TS, 5);
    assertThat(scan.coins()).hasSize(2);
    HotCoin a = service.approve(TS, "AAA/USDT:USDT", "alice", "looks liquid");
    assertThat(a.status()).isEqualTo(HotCoin.APPROVED);
    assertThat(a.decidedBy()).isEqualTo("alice");
    assertThat(approved).containsExactly("AAA/USDT:USDT");
    assertThat(service.whitelist())
        .extracting(HotlistStore.WhitelistEntry::symbol)
        .containsExactly("AAA/USDT:USDT");
    assertThat(service.latest().orElseThrow().coins().get(0).status()).isEqualTo(HotCoin.APPROVED);
    assertThatThrownBy(() -> service.approve(TS, "AAA/USDT:USDT", "bob", "again"))
        .isInstanceOf(HotlistException.class)
        .extracting(e -> ((HotlistException) e).kind())
        .isEqualTo(HotlistException.Kind.DECIDED);
    assertThat(approved).hasSize(1);
  }

  @Test
  void rejectedAndExpiredCandidatesNeverJoin() {
    service.scan(TS, null);
    service.reject(TS, "BBB/USDT:USDT", "alice", "illiquid");
    assertThatThrownBy(() -> service.approve(TS, "BBB/USDT:USDT", "bob", "x"))
        .extracting(e -> ((HotlistException) e).kind())
        .isEqualTo(HotlistException.Kind.DECIDED);
    now.set(TS + 26 * H); // the scan ran at TS + 1 h
    assertThat(service.latest().orElseThrow().coins().get(0).statusAt(now.get()))
        .isEqualTo(HotCoin.EXPIRED);
    assertThatThrownBy(() -> service.approve(TS, "AAA/USDT:USDT", "bob", "late"))
        .extracting(e -> ((HotlistException) e).kind())
        .isEqualTo(HotlistException.Kind.EXPIRED);
    assertThat(approved).isEmpty();
    assertThat(service.whitelist()).isEmpty();
  }

  @Test
  void unknownScanOrSymbolIsNotFoundAndAScanIsKeptPerTimestamp() {
    assertThatThrownBy(() -> service.approve(TS, "AAA/USDT:USDT", "a", "r"))
        .extracting(e -> ((HotlistException) e).kind())
        .isEqualTo(HotlistException.Kind.NOT_FOUND);
    HotScan first = service.scan(TS, 1);
    assertThat(first.coins()).hasSize(1);
    assertThatThrownBy(() -> service.approve(TS, "BBB/USDT:USDT", "a", "r"))
        .extracting(e -> ((HotlistException) e).kind())
        .isEqualTo(HotlistException.Kind.NOT_FOUND);
    assertThat(service.scan(TS, 5)).isEqualTo(first); // same ts: the stored scan
    assertThat(service.at(TS + 1)).isEmpty();
  }
}
