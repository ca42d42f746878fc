package io.perpetua.market.importer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs I/O tasks on a few threads and hands their results to a sink in task order, on the calling
 * thread, with at most {@code 2 × threads} tasks in flight (bounded memory). The first failure, in
 * task order, interrupts the other tasks, waits for them to stop and is rethrown. Stateless.
 */
final class OrderedParallel {
  private OrderedParallel() {}

  /** A unit of work. */
  interface Task<T> {
    T call() throws IOException;
  }

  /** Receives results in task order. */
  interface Sink<T> {
    void accept(T result) throws IOException;
  }

  static <T> void run(List<Task<T>> tasks, int threads, String name, Sink<T> sink)
      throws IOException {
    if (threads <= 1 || tasks.size() <= 1) {
      for (Task<T> task : tasks) {
        sink.accept(task.call());
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, factory(name));
    try {
      Deque<Future<T>> window = new ArrayDeque<>();
      int next = 0;
      for (int done = 0; done < tasks.size(); done++) {
        while (next < tasks.size() && window.size() < 2 * threads) {
          Task<T> task = tasks.get(next++);
          window.add(pool.submit(task::call));
        }
        sink.accept(await(window.poll()));
      }
    } finally {
      pool.shutdownNow();
      awaitTermination(pool);
    }
  }

  /** Waits for interrupted tasks to stop, so none touches the catalog after the call returns. */
  private static void awaitTermination(ExecutorService pool) {
    try {
      // Bounded: a task stuck in uninterruptible I/O must not hang the caller forever; throwing
      // here would hide the failure being reported.
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T await(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    }
  }

  private static ThreadFactory factory(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
