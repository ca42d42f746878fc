package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream epochs on a real PostgreSQL: two platform processes (two pools on one schema) taking
 * epochs at once never share one, and a later start takes one above all of them.
 */
class PostgresStreamEpochsIT {
  @RegisterExtension static final PostgresTestSchema SCHEMA = new PostgresTestSchema();

  @Test
  void twoProcessesRacing_neverShareAnEpoch_andALaterStartGoesAbove() throws Exception {
    try (Database a = Database.open(SCHEMA.fresh());
        Database b = Database.open(a.config())) {
      ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Database db = i % 2 == 0 ? a : b;
        threads.add(Thread.ofPlatform().start(() -> taken.add(new JdbcStreamEpochs(db).next(1L))));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(taken).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
      assertThat(new JdbcStreamEpochs(b).next(2L)).isEqualTo(7L);
    }
  }
}
