package io.perpetua.server.http;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * The id of the request being handled, for audit entries: the context attribute {@link #ATTRIBUTE}
 * when the server set one, else the client's {@code X-Request-Id} header when it is a safe token
 * (1..64 of {@code A-Z a-z 0-9 . _ -}), else empty. Stateless.
 */
public final class RequestIds {
  /** The context attribute that holds the server's request id. */
  public static final String ATTRIBUTE = "perpetua.request.id";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  /** The request id of {@code ctx}, or empty. */
  public static String of(Context ctx) {
    Object attribute = ctx.attribute(ATTRIBUTE);
    if (attribute != null) {
      return attribute.toString();
    }
    String header = ctx.header("X-Request-Id");
    return header != null && SAFE.matcher(header).matches() ? header : "";
  }
}
