package io.perpetua.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;

/**
 * Structured logs: one JSON object per line — {@code time} (ISO-8601 UTC), {@code level}, {@code
 * logger}, {@code thread}, {@code message}, every MDC entry (the API's {@code request_id} among
 * them) and {@code exception} (the stack trace text) when there is one. Selected with {@code
 * observability.log_format: json}. Thread-safe (stateless).
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
  @Override
  public String doLayout(ILoggingEvent e) {
    StringBuilder b = new StringBuilder(256);
    b.append('{');
    field(b, "time", Instant.ofEpochMilli(e.getTimeStamp()).toString());
    b.append(',');
    field(b, "level", e.getLevel().toString());
    b.append(',');
    field(b, "logger", e.getLoggerName());
    b.append(',');
    field(b, "thread", e.getThreadName());
    b.append(',');
    field(b, "message", e.getFormattedMessage());
    Map<String, String> mdc = e.getMDCPropertyMap();
    if (mdc != null) {
      for (var entry : mdc.entrySet()) {
        b.append(',');
        field(b, entry.getKey(), entry.getValue());
      }
    }
    if (e.getThrowableProxy() != null) {
      b.append(',');
      field(b, "exception", ThrowableProxyUtil.asString(e.getThrowableProxy()));
    }
    b.append('}').append(CoreConstants.LINE_SEPARATOR);
    return b.toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    quote(b, name);
    b.append(':');
    if (value == null) {
      b.append("null");
    } else {
      quote(b, value);
    }
  }

  /** A JSON string literal (RFC 8259 escaping). */
  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !validSurrogate(s, i)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
