package io.perpetua.store.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBehindStateCacheTest {
  private final FlakyRemote remote = new FlakyRemote();
  private final WriteBehindStateCache cache =
      new WriteBehindStateCache(
          remote, "test cache", Duration.ofMillis(20), System::currentTimeMillis);

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void writes_whileReachable_goStraightThrough() {
    cache.put("a", "1");
    cache.putAll(Map.of("b", "2", "c", "3"));
    cache.delete("c");

    assertThat(remote.data.scan("")).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(cache.reachable()).isTrue();
    assertThat(cache.pendingWrites()).isZero();
  }

  @Test
  void writes_duringAnOutage_neverFail_andReadsComeFromTheMirror() {
    cache.put("quant:account:balance", "old");
    remote.up = false;

    cache.put("quant:account:balance", "new");
    cache.putAll(Map.of("quant:signal:latest", "s"));

    assertThat(cache.reachable()).isFalse();
    assertThat(cache.lastError()).contains("Redis unavailable");
    assertThat(cache.get("quant:account:balance")).contains("new");
    assertThat(cache.scan("quant:")).containsEntry("quant:signal:latest", "s");
    assertThat(cache.pendingWrites()).isEqualTo(2);
  }

  @Test
  void remoteBackEmpty_afterAnOutage_getsTheWholeStateRepublished() {
    cache.put("quant:account:balance", "b1");
    cache.put("quant:account:positions", "p1");
    cache.put("gone", "x");
    remote.up = false;
    cache.put("quant:account:balance", "b2");
    cache.delete("gone");
    assertThat(cache.reachable()).isFalse();

    remote.restartEmpty();
    remote.up = true;
    await(cache::reachable);

    assertThat(remote.data.scan(""))
        .isEqualTo(Map.of("quant:account:balance", "b2", "quant:account:positions", "p1"));
    assertThat(cache.pendingWrites()).isZero();
    assertThat(cache.republished()).isEqualTo(1);
  }

  @Test
  void remoteRestartedEmpty_withoutAnErrorSeen_isRepublished() {
    cache.put("quant:signal:latest", "s1");
    cache.put("quant:account:balance", "b1");

    remote.restartEmpty(); // between two writes: no call failed

    await(() -> remote.data.get("quant:signal:latest").isPresent());
    assertThat(remote.data.scan(""))
        .isEqualTo(Map.of("quant:signal:latest", "s1", "quant:account:balance", "b1"));
  }

  private static void await(BooleanSupplier done) {
    long end = System.currentTimeMillis() + 5_000;
    while (!done.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as("within 5 s").isLessThan(end);
      Thread.onSpinWait();
    }
  }
}
