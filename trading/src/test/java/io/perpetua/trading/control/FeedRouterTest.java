package io.perpetua.trading.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.core.InstrumentId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Feed failover on a manual clock: the stream updates every 100 ms, the REST poll every 500 ms, the
 * router is checked every 100 ms; the stream dies at 2 s.
 */
class FeedRouterTest {
  private static final InstrumentId BTC = InstrumentId.usdtPerp("BTC");
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final AlertBook alerts = new AlertBook(50, now::get);
  private final List<long[]> seen = new ArrayList<>(); // {time, source seq}
  private final FeedRouter router =
      new FeedRouter(
          List.of("binance-stream", "binance-rest"),
          new FeedRouter.Settings(150, 300, 3),
          now::get,
          alerts,
          (feed, instrument, book) -> seen.add(new long[] {now.get(), book.timeMs()}));

  private static Book book(long seq) {
    BigDecimal p = BigDecimal.valueOf(50_000 + seq);
    return new Book(
        List.of(new Book.Level(p, BigDecimal.ONE)),
        List.of(new Book.Level(p.add(BigDecimal.ONE), BigDecimal.ONE)),
        seq);
  }

  @Test
  void streamKilled_failsOverToPollingWithinTheConfiguredTime_withoutAGap() {
    long start = now.get();
    long killedAt = start + 2_000;
    FeedRouter.Switch sw = null;
    for (long t = start; t <= start + 5_000; t += 50) {
      now.set(t);
      long seq = (t - start) / 50;
      if (t < killedAt && (t - start) % 100 == 0) {
        router.onUpdate("binance-stream", BTC, book(seq), t - 5);
      }
      if ((t - start) % 500 == 0) {
        router.onUpdate("binance-rest", BTC, book(seq), t - 40);
      }
      if ((t - start) % 100 == 0) {
        var s = router.check();
        if (s.isPresent()) {
          sw = s.get();
        }
      }
    }
    assertThat(sw).isNotNull();
    assertThat(sw.to()).isEqualTo("binance-rest");
    assertThat(sw.manual()).isFalse();
    assertThat(sw.timeMs() - killedAt).isLessThanOrEqualTo(300 + 100 + 100);
    FeedRouter.View view = router.view();
    assertThat(view.activeFeed()).isEqualTo("binance-rest");
    assertThat(view.lastFailover()).isEqualTo(sw.timeMs());
    assertThat(view.feeds().get(0).status()).isEqualTo("failing");
    assertThat(view.feeds().get(1).status()).isEqualTo("healthy");
    assertThat(view.feeds().get(1).latency()).isEqualTo(40);
    // the strategies' data: never older than the detection time, and never going backwards
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)[0] - seen.get(i - 1)[0]).isLessThanOrEqualTo(500);
      assertThat(seen.get(i)[1]).isGreaterThanOrEqualTo(seen.get(i - 1)[1]);
    }
    assertThat(seen.get(seen.size() - 1)[0]).isGreaterThan(start + 4_000);
    assertThat(alerts.list("system", "WARN")).hasSize(1);
    assertThat(alerts.list("system", "WARN").get(0).type()).isEqualTo("failover-alert");
  }

  @Test
  void errorsInARow_makeAFeedFailing_oneUpdateHealsIt() {
    router.onUpdate("binance-stream", BTC, book(1), now.get());
    router.onError("binance-stream");
    assertThat(router.view().feeds().get(0).status()).isEqualTo("degraded");
    router.onError("binance-stream");
    router.onError("binance-stream");
    assertThat(router.view().feeds().get(0).status()).isEqualTo("failing");
    router.onUpdate("binance-stream", BTC, book(2), now.get());
    assertThat(router.view().feeds().get(0).status()).isEqualTo("healthy");
    assertThat(router.view().feeds().get(0).errorCount()).isEqualTo(3);
  }

  @Test
  void manualFailover_switchesRecordsAndDeliversTheNewFeedsBookAtOnce() {
    router.onUpdate("binance-stream", BTC, book(1), now.get());
    router.onUpdate("binance-rest", BTC, book(2), now.get());
    now.addAndGet(10);
    FeedRouter.Switch s = router.failover("binance-rest", "maintenance");
    assertThat(s.manual()).isTrue();
    assertThat(router.switches()).containsExactly(s);
    assertThat(router.view().lastFailover()).isEqualTo(now.get());
    assertThat(router.book(BTC).orElseThrow().timeMs()).isEqualTo(2);
    assertThat(seen.get(seen.size() - 1)[1]).isEqualTo(2);
    assertThatThrownBy(() -> router.failover("nope", null))
        .isInstanceOfSatisfying(
            ControlException.class,
            e -> {
              assertThat(e.error().code()).isEqualTo(1005);
              assertThat(e.getMessage()).contains("targetFeed");
            });
    assertThat(router.switches()).hasSize(1);
  }

  @Test
  void aFeedSilentFromTheStart_isFailedOverOnlyAfterTheGracePeriod() {
    router.onUpdate("binance-rest", BTC, book(1), now.get());
    now.addAndGet(299);
    assertThat(router.check()).isEmpty(); // still connecting
    assertThat(router.view().feeds().get(0).status()).isEqualTo("degraded");
    now.addAndGet(2);
    router.onUpdate("binance-rest", BTC, book(2), now.get());
    assertThat(router.check()).map(FeedRouter.Switch::to).contains("binance-rest");
    assertThat(router.view().feeds().get(0).lastUpdate()).isZero();
  }
}
