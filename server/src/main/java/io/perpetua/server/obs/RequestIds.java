package io.perpetua.server.obs;

import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The request id: one per HTTP request, taken from the caller's {@code X-Request-Id} header when it
 * is a safe token (1–64 of {@code [A-Za-z0-9._:-]}), else generated (16 hex digits). It is stored
 * as the context attribute {@link #ATTRIBUTE} (for handlers and the audit log), echoed in the
 * {@code X-Request-Id} response header, and put in the logging MDC under {@link #MDC_KEY} for the
 * request's thread, so every log line written while handling it carries it. Stateless.
 */
public final class RequestIds {
  /** The request and response header. */
  public static final String HEADER = "X-Request-Id";

  /** The context attribute holding the id (a {@code String}). */
  public static final String ATTRIBUTE = "perpetua.request.id";

  /** The MDC key (JSON logs: field {@code request_id}). */
  public static final String MDC_KEY = "request_id";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  /** Assigns the request's id (attribute, response header, MDC) and returns it. */
  public static String assign(Context ctx) {
    String given = ctx.header(HEADER);
    String id = given != null && SAFE.matcher(given).matches() ? given : generate();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
    return id;
  }

  /** The id assigned to the request, or null before {@link #assign}. */
  public static String of(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }

  /** A fresh random id, 16 lower-case hex digits. */
  public static String generate() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** Removes the id from the calling thread's MDC (the request is finished). */
  public static void clear() {
    MDC.remove(MDC_KEY);
  }
}
