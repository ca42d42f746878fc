package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.signals.hotlist.FearGreed;
import io.perpetua.signals.hotlist.HotCoin;
import io.perpetua.signals.hotlist.HotComponent;
import io.perpetua.signals.hotlist.HotScan;
import io.perpetua.signals.hotlist.HotlistStore.WhitelistEntry;
import io.perpetua.signals.hotlist.RiskTags;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans round-trip with their breakdown (missing terms stay null), decisions are CAS, whitelist.
 */
class JdbcHotlistStoreTest {
  @TempDir Path dir;

  private static HotCoin coin(long ts, int rank, String symbol) {
    FearGreed fg = new FearGreed(40.0, "fear", 30.0, 50.0, null, null);
    return new HotCoin(
        ts,
        rank,
        symbol,
        3.5 - rank,
        List.of(
            new HotComponent("vol_jump", 2.0, 1.0, 2.0, null),
            new HotComponent("oi_delta", null, 1.0, null, "no open-interest data for " + symbol)),
        new RiskTags(10, 9, 11, 8, 12, 0.4, 0.05, 6, fg),
        HotCoin.CANDIDATE,
        null,
        null,
        null,
        ts + 1000);
  }

  @Test
  void roundTripDecideAndWhitelist() {
    try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
      JdbcHotlistStore store = new JdbcHotlistStore(db);
      FearGreed market = new FearGreed(45.0, "neutral", 45.0, 45.0, null, null);
      HotScan scan =
          new HotScan(
              100,
              5,
              30,
              market,
              List.of(coin(100, 1, "A/USDT:USDT"), coin(100, 2, "B/USDT:USDT")));
      assertThat(store.insert(scan)).isTrue();
      assertThat(store.insert(scan)).isFalse();
      assertThat(store.scan(100)).contains(scan);
      assertThat(store.insert(new HotScan(200, 6, 0, market, List.of()))).isTrue();
      assertThat(store.latest().orElseThrow().ts()).isEqualTo(200);
      assertThat(store.scan(300)).isEmpty();

      HotCoin approved = scan.coins().get(0).decided(HotCoin.APPROVED, "alice", 150, "ok");
      assertThat(store.decide(approved)).isTrue();
      assertThat(store.decide(approved.decided(HotCoin.REJECTED, "bob", 160, "no"))).isFalse();
      assertThat(store.scan(100).orElseThrow().coins().get(0)).isEqualTo(approved);

      store.whitelist(new WhitelistEntry("A/USDT:USDT", "alice", 150, 100, "ok"));
      store.whitelist(new WhitelistEntry("A/USDT:USDT", "carol", 170, 100, "again"));
      assertThat(store.whitelist())
          .containsExactly(new WhitelistEntry("A/USDT:USDT", "carol", 170, 100, "again"));
    }
  }
}
