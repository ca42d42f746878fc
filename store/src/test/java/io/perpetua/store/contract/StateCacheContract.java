package io.perpetua.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.trading.port.StateCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link StateCache} contract, run against every implementation by a subclass. */
public abstract class StateCacheContract {
  protected StateCache cache;

  /** A new, empty cache isolated from other tests. */
  protected abstract StateCache newCache();

  /** Removes what the cache stored outside the process (called after each test). */
  protected void cleanUp() {}

  @BeforeEach
  void openCache() {
    cache = newCache();
  }

  @AfterEach
  void closeCache() {
    if (cache == null) {
      return; // the cache could not be opened (e.g. service absent)
    }
    cleanUp();
    cache.close();
  }

  @Test
  void get_ofAbsentKey_isEmpty() {
    assertThat(cache.get("quant:nothing")).isEmpty();
  }

  @Test
  void put_thenGet_andOverwrite() {
    cache.put("quant:account:balance", "{\"total_equity\":1}");
    assertThat(cache.get("quant:account:balance")).contains("{\"total_equity\":1}");

    cache.put("quant:account:balance", "{\"total_equity\":2,\"note\":\"数据\"}");
    assertThat(cache.get("quant:account:balance")).contains("{\"total_equity\":2,\"note\":\"数据\"}");
  }

  @Test
  void delete_removesKey_andIsNoOpWhenAbsent() {
    cache.put("k", "v");
    cache.delete("k");
    cache.delete("k");
    cache.delete("never-there");

    assertThat(cache.get("k")).isEmpty();
  }

  @Test
  void putAll_writesEveryEntry() {
    cache.putAll(Map.of("a", "1", "b", "2", "c", "3"));
    cache.putAll(Map.of());

    assertThat(cache.scan("")).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
  }

  @Test
  void put_ofNullValue_isRejected_andWritesNothing() {
    Map<String, String> withNull = new HashMap<>();
    withNull.put("x", "1");
    withNull.put("y", null);

    assertThatThrownBy(() -> cache.putAll(withNull)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> cache.put("z", null)).isInstanceOf(NullPointerException.class);
    assertThat(cache.scan("")).isEmpty();
  }

  @Test
  void scan_returnsExactlyTheKeysWithThePrefix() {
    cache.putAll(
        Map.of(
            "quant:heartbeat:a", "1",
            "quant:heartbeat:b", "2",
            "quant:heartbeats", "no",
            "quant:state:x:status", "3",
            "other", "4"));

    assertThat(cache.scan("quant:heartbeat:"))
        .isEqualTo(Map.of("quant:heartbeat:a", "1", "quant:heartbeat:b", "2"));
    assertThat(cache.scan("quant:")).hasSize(4);
    assertThat(cache.scan("missing:")).isEmpty();
  }

  @Test
  void scan_treatsGlobCharactersLiterally() {
    cache.putAll(Map.of("x*1", "a", "x*2", "b", "xy", "c", "x?z", "d", "x[1]", "e", "x\\q", "f"));

    assertThat(cache.scan("x*").keySet()).containsExactlyInAnyOrder("x*1", "x*2");
    assertThat(cache.scan("x?").keySet()).containsExactly("x?z");
    assertThat(cache.scan("x[").keySet()).containsExactly("x[1]");
    assertThat(cache.scan("x\\").keySet()).containsExactly("x\\q");
  }

  @Test
  void scan_returnsManyKeys() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 1_500; i++) {
      many.put("bulk:" + i, "v" + i);
    }
    cache.putAll(many);
    cache.put("bulkhead", "not in the prefix");

    assertThat(cache.scan("bulk:")).isEqualTo(many);
  }

  @Test
  void putAll_isAtomic_forConcurrentScans() throws Exception {
    cache.putAll(Map.of("pair:a", "0", "pair:b", "0", "pair:c", "0"));
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes =
          writer.submit(
              () -> {
                for (int i = 1; i <= 1_500; i++) {
                  String v = Integer.toString(i);
                  cache.putAll(Map.of("pair:a", v, "pair:b", v, "pair:c", v));
                }
                done.set(true);
              });
      List<Map<String, String>> torn = new ArrayList<>();
      int scans = 0;
      while (!done.get() || scans == 0) {
        Map<String, String> seen = cache.scan("pair:");
        scans++;
        if (seen.size() != 3 || seen.values().stream().distinct().count() != 1) {
          torn.add(seen);
        }
      }
      writes.get(60, TimeUnit.SECONDS);

      assertThat(torn).as("scans that saw half a putAll (of %d)", scans).isEmpty();
      assertThat(cache.scan("pair:")).containsEntry("pair:a", "1500");
    } finally {
      writer.shutdownNow();
    }
  }
}
