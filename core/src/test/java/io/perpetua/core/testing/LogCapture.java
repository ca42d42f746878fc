package io.perpetua.core.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged (all loggers, at the levels of the module's {@code logback-test.xml})
 * while open: tests check that a line was logged with its reason, or that a secret never was. Lines
 * logged after an answer was sent (request logs) can be waited for with {@link #await}.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<ILoggingEvent> events = new ArrayList<>();

  /** Starts capturing. */
  public LogCapture() {
    start();
    root.addAppender(this);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
    notifyAll();
  }

  /** Waits up to {@code timeout} for a message matching {@code match}; true if one arrived. */
  public synchronized boolean await(Predicate<String> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.stream().map(ILoggingEvent::getFormattedMessage).noneMatch(match)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Every captured event as text, with arguments, MDC and stack traces rendered. */
  public synchronized String text() {
    StringBuilder sb = new StringBuilder();
    for (ILoggingEvent e : events) {
      sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ');
      sb.append(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap()).append('\n');
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        sb.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
        for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
          sb.append("  ").append(frame.getSTEAsString()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  /** How many events were captured. */
  public synchronized int size() {
    return events.size();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
