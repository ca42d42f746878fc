package io.perpetua.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.perpetua.app.config.PerpetuaConfig;
import io.perpetua.server.obs.RequestLog;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code observability} logging settings to Logback at start: {@code log_format: json}
 * swaps the console appenders' encoder for {@link JsonLogLayout}; {@code request_log} sets the
 * level of the request log ({@value RequestLog#LOGGER}). The system property {@code
 * perpetua.request_log} ({@code info}/{@code off}), set by the test suite, wins over the file.
 */
final class LoggingSetup {
  private LoggingSetup() {}

  static void apply(PerpetuaConfig.Observability o) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend: its own configuration rules
    }
    String requestLog = System.getProperty("perpetua.request_log", o.requestLog());
    context
        .getLogger(RequestLog.LOGGER)
        .setLevel("off".equalsIgnoreCase(requestLog) ? Level.OFF : Level.INFO);
    if ("json".equals(o.logFormat())) {
      for (var logger : context.getLoggerList()) {
        for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
          json(context, it.next());
        }
      }
    }
  }

  private static void json(LoggerContext context, Appender<ILoggingEvent> appender) {
    if (appender instanceof ch.qos.logback.classic.AsyncAppender async) {
      for (Iterator<Appender<ILoggingEvent>> it = async.iteratorForAppenders(); it.hasNext(); ) {
        json(context, it.next());
      }
    } else if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
      JsonLogLayout layout = new JsonLogLayout();
      layout.setContext(context);
      layout.start();
      LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
      encoder.setContext(context);
      encoder.setLayout(layout);
      encoder.start();
      console.setEncoder(encoder);
    }
  }
}
