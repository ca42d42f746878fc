package io.perpetua.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream epochs: each taker gets its own, above every earlier one, also when they race. */
class JdbcStreamEpochsTest {
  @TempDir Path dir;

  @Test
  void epochsIncrease_acrossReopens_andRacingTakersNeverShareOne() throws Exception {
    long first;
    try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
      first = new JdbcStreamEpochs(db).next(1L);
      assertThat(first).isEqualTo(1);
    }
    try (Database db = Database.open(DatabaseConfig.embedded(dir))) {
      ConcurrentLinkedQueue<Long> taken = new ConcurrentLinkedQueue<>();
      List<Thread> threads =
          IntStream.range(0, 4)
              .mapToObj(
                  i ->
                      Thread.ofPlatform().start(() -> taken.add(new JdbcStreamEpochs(db).next(2L))))
              .toList();
      for (Thread t : threads) {
        t.join();
      }
      assertThat(taken).containsExactlyInAnyOrder(2L, 3L, 4L, 5L);
    }
  }
}
