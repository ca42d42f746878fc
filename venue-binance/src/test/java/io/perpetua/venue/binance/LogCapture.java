package io.perpetua.venue.binance;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged while open, by every logger (levels from {@code logback-test.xml}:
 * {@code io.perpetua} at TRACE, Jetty and Javalin at INFO).
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<ILoggingEvent> events = new ArrayList<>();

  LogCapture() {
    start();
    root.addAppender(this);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  /** Every captured event as text, with arguments, MDC and stack traces rendered. */
  synchronized String text() {
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
  synchronized int size() {
    return events.size();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
