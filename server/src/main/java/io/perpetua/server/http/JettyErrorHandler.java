package io.perpetua.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perpetua.core.time.Clock;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Answers the errors Jetty raises before a request reaches the API (a malformed or ambiguous URI,
 * headers too large, ...) with the envelope instead of Jetty's HTML page. The HTTP status stays
 * Jetty's; the code is the {@link ApiError} of that status, or 40001 / 50000 by class. Only the
 * standard reason phrase (or the parser's short reason) is sent, never exception text or stacks.
 * Thread-safe.
 */
public final class JettyErrorHandler extends ErrorHandler {
  private static final String JSON = "application/json; charset=utf-8";
  private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 ,.'/-]{1,80}");

  private final ObjectMapper mapper;
  private final Clock clock;

  /** A handler writing envelopes with {@code mapper}, timestamped by {@code clock}. */
  public JettyErrorHandler(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, JSON);
    return ByteBuffer.wrap(envelope(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    byte[] body = envelope(code, null);
    response.setContentType(JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    baseRequest.setHandled(true);
  }

  /** The envelope for {@code status}; {@code reason} is used only if it is short plain text. */
  byte[] envelope(int status, String reason) {
    ApiError error = errorFor(status);
    String standard = HttpStatus.getMessage(status);
    String message =
        status < 500 && reason != null && PLAIN_REASON.matcher(reason).matches()
            ? reason
            : standard;
    try {
      return mapper.writeValueAsBytes(
          Envelope.error(error, message, Instant.ofEpochMilli(clock.nowMillis())));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiError errorFor(int status) {
    for (ApiError e : ApiError.values()) {
      if (e.httpStatus() == status) {
        return e;
      }
    }
    return status < 500 ? ApiError.INVALID_PARAMETER : ApiError.INTERNAL;
  }
}
