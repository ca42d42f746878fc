package io.perpetua.trading.risk;

import io.perpetua.trading.risk.rules.RiskBook;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The risk engine's latest {@link RiskStatus} and its subscriber. With a subscriber ({@link
 * #publishTo}) the status is rebuilt at every observation; without one (backtests) only when a rule
 * changes level (alerts follow level changes, and nobody reads the values in between), so its
 * values may lag.
 *
 * <p>Thread-safe: {@link #observed} and {@link #rebuild} are called under the engine's monitor
 * (they read its book); the status itself is guarded by this object's monitor, and the subscriber
 * is called outside it.
 */
final class StatusBoard {
  private final RiskStatusView view;
  private volatile Consumer<RiskStatus> publisher = s -> {};
  private volatile boolean publishing;
  private int lastLevels = -1;
  private RiskStatus status;

  StatusBoard(RiskStatusView view) {
    this.view = view;
  }

  /** Sends every status change to {@code sink}, starting with the current status. */
  void publishTo(Consumer<RiskStatus> sink) {
    this.publisher = Objects.requireNonNull(sink, "sink");
    this.publishing = true;
    publish();
  }

  /** After an observation of {@code book}: rebuilds and publishes when due. */
  void observed(RiskBook book) {
    int levels = view.levels(book);
    if (publishing || levels != lastLevels) {
      lastLevels = levels;
      rebuild(book);
      publish();
    }
  }

  /** Rebuilds the status from {@code book} (published by the next {@link #publish}). */
  synchronized void rebuild(RiskBook book) {
    status = view.evaluate(book);
  }

  /** Hands the latest status to the subscriber. */
  void publish() {
    RiskStatus s;
    synchronized (this) {
      s = status;
    }
    publisher.accept(s);
  }

  /** The latest status. */
  synchronized RiskStatus status() {
    return status;
  }
}
