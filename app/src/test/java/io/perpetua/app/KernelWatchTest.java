package io.perpetua.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.trading.kernel.Pacer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KernelWatchTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final KernelWatch watch = new KernelWatch(now::get, 120_000);

  @Test
  void heartbeat_progressingKernel_isHealthy() {
    Pacer paced = watch.pace(t -> true);
    now.addAndGet(100_000);
    paced.awaitEventTime(0);
    now.addAndGet(100_000);

    assertThat(watch.heartbeat().status()).isEqualTo("healthy");
    assertThat(watch.heartbeat().service()).isEqualTo(KernelWatch.SERVICE);
  }

  @Test
  void heartbeat_beforeTheResumedKernelAsksForItsPacer_isDegradedAsStarting() {
    now.addAndGet(10_000); // importing the market: not stalled, but nothing published yet

    assertThat(watch.heartbeat().status()).isEqualTo("degraded");
    assertThat(watch.heartbeat().metrics()).containsEntry("starting", true);
    assertThat(watch.healthy()).isTrue(); // the ticker may not publish stage heartbeats yet anyway

    watch.pace(t -> true);
    assertThat(watch.heartbeat().status()).isEqualTo("healthy");
    assertThat(watch.heartbeat().metrics()).doesNotContainKey("starting");
  }

  @Test
  void heartbeat_failedKernel_isDownWithTheError() {
    watch.failed(new IllegalStateException("Redis unavailable at 127.0.0.1:6379"));

    assertThat(watch.healthy()).isFalse();
    assertThat(watch.heartbeat().status()).isEqualTo("down");
    assertThat(watch.heartbeat().metrics())
        .containsEntry("last_error", "kernel failed: Redis unavailable at 127.0.0.1:6379");
  }

  @Test
  void heartbeat_kernelStuckOutsideItsPacer_isDownAsStalled() {
    watch.progress();
    now.addAndGet(121_000);

    assertThat(watch.heartbeat().status()).isEqualTo("down");
    assertThat(watch.heartbeat().metrics().get("last_error").toString())
        .startsWith("kernel stalled: no progress for 121 s");
  }

  @Test
  void heartbeat_kernelWaitingInItsPacer_orFinished_isNotStalled() throws Exception {
    Pacer slow =
        watch.pace(
            t -> {
              now.addAndGet(500_000); // a long wait for the next event is not a stall
              assertThat(watch.heartbeat().status()).isEqualTo("healthy");
              return true;
            });
    slow.awaitEventTime(0);
    watch.ended();
    now.addAndGet(500_000);

    assertThat(watch.heartbeat().status()).isEqualTo("healthy");
    assertThat(watch.heartbeat().metrics()).containsEntry("finished", true);
  }

  @Test
  void heartbeat_beforeTheKernelRuns_isDegradedAsStarting_thenHealthy() {
    // importing the market, building the kernel: /health must not read healthy yet
    assertThat(watch.heartbeat().status()).isEqualTo("degraded");
    assertThat(watch.heartbeat().metrics()).containsEntry("starting", true);
    assertThat(watch.healthy()).isTrue(); // not failed, not stalled

    watch.pace(t -> true);

    assertThat(watch.heartbeat().status()).isEqualTo("healthy");
    assertThat(watch.heartbeat().metrics()).doesNotContainKey("starting");
  }
}
