package io.perpetua.market.tick;

import static org.assertj.core.api.Assertions.assertThat;

import io.perpetua.core.InstrumentId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Batched raw-tick writes: a full batch goes out without waiting for the delay, the meta of its
 * symbols goes in the same call, and a failed write is retried with nothing lost or doubled.
 */
class BatchedTickWriterTest {
  private static final InstrumentId BTC = InstrumentId.fromVenueSymbol("BTCUSDT");

  /** Records every call; fails the first {@code failures} of them. */
  private static class Recording implements FlowTickStore {
    final List<List<FlowTick>> batches = new ArrayList<>();
    final List<List<FlowTickMeta>> metas = new ArrayList<>();
    final AtomicInteger failures;

    Recording(int failures) {
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public synchronized void append(List<FlowTick> ticks, Collection<FlowTickMeta> meta) {
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("database down");
      }
      batches.add(List.copyOf(ticks));
      metas.add(List.copyOf(meta));
    }

    @Override
    public Map<InstrumentId, FlowTickMeta> meta() {
      return Map.of(BTC, new FlowTickMeta(BTC, null, 1, 9, 1_000, 9_000));
    }

    @Override
    public List<FlowTick> ticks(InstrumentId instrument, long fromMs, long toMs, int limit) {
      return List.of();
    }
  }

  private static AggTrade trade(long id) {
    return new AggTrade(BTC, id, 10_000 + id, 50_000, 1, false);
  }

  @Test
  void aFullBatchIsWrittenAtOnce_withTheMetaOfItsSymbols() throws Exception {
    Recording store = new Recording(0);
    try (BatchedTickWriter w =
        new BatchedTickWriter(store, 3, 60_000, Map.of(BTC, new BigDecimal("0.1")))) {
      for (long id = 10; id < 13; id++) {
        w.add(trade(id));
      }
      long end = System.currentTimeMillis() + 5_000;
      while (w.written() < 3 && System.currentTimeMillis() < end) {
        Thread.sleep(5); // polling with a deadline
      }
      assertThat(w.written()).as("three rows do not wait a minute").isEqualTo(3);
      FlowTickMeta m = w.meta().get(BTC);
      assertThat(m.firstAggId()).isEqualTo(1); // from the store
      assertThat(m.lastAggId()).isEqualTo(12);
      assertThat(m.tickSize()).isEqualByComparingTo("0.1");
      synchronized (store) {
        List<FlowTickMeta> written = store.metas.get(store.metas.size() - 1);
        assertThat(written).containsExactly(m);
      }
    }
  }

  @Test
  void aFailedWriteIsRetried_nothingLostOrDoubled() throws Exception {
    Recording store = new Recording(2);
    try (BatchedTickWriter w = new BatchedTickWriter(store, 200, 20, Map.of())) {
      for (long id = 10; id < 15; id++) {
        w.add(trade(id));
      }
      assertThat(w.flush(10_000)).isTrue();
      assertThat(w.failures()).isEqualTo(2);
      assertThat(w.dropped()).isZero();
    }
    List<Long> ids =
        store.batches.stream().flatMap(List::stream).map(t -> ((AggTrade) t).aggId()).toList();
    assertThat(ids).containsExactly(10L, 11L, 12L, 13L, 14L);
    assertThat(store.metas.get(store.metas.size() - 1).get(0).lastAggId()).isEqualTo(14);
  }

  @Test
  void flush_waitsForTheBatchTheWriterIsStoring_notOnlyForTheQueue() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch proceed = new java.util.concurrent.CountDownLatch(1);
    Recording store =
        new Recording(0) {
          @Override
          public void append(List<FlowTick> ticks, Collection<FlowTickMeta> meta) {
            entered.countDown();
            try {
              proceed.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            super.append(ticks, meta);
          }
        };
    try (BatchedTickWriter w = new BatchedTickWriter(store, 1, 60_000, Map.of())) {
      w.add(trade(10)); // a full batch: the writer thread takes it and blocks in the store
      assertThat(entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(w.flush(200)).as("the batch is not stored yet").isFalse();
      proceed.countDown();
      assertThat(w.flush(5_000)).isTrue();
      assertThat(w.written()).isEqualTo(1);
    }
  }
}
