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
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Answers the errors Jetty raises before a request reaches the API (a malformed or ambiguous URI,
 * headers too large, an unsupported HTTP version, ...) in the format of the API the path belongs to
 * (the envelope, or {@link ErrorObject} under the job API) instead of Jetty's HTML page. The HTTP
 * status stays Jetty's; the code is {@link ApiError#forStatus} of it, so it always matches the
 * status. When the request line itself could not be read (414, 505, a bad escape) the path is the
 * start {@link RequestLineRecorder} noted. Only the standard reason phrase (or the parser's short
 * reason) is sent, never exception text or stacks. Thread-safe.
 */
public final class JettyErrorHandler extends ErrorHandler {
  private static final String JSON = "application/json; charset=utf-8";
  private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 ,.'/-]{1,80}");

  private final ObjectMapper mapper;
  private final Clock clock;
  private final Function<String, Route.Style> styles;

  /**
   * A handler writing errors with {@code mapper}, timestamped by {@code clock}, in the style {@code
   * styles} gives for the request's path (the empty string when the path is unknown).
   */
  public JettyErrorHandler(ObjectMapper mapper, Clock clock, Function<String, Route.Style> styles) {
    this.mapper = mapper;
    this.clock = clock;
    this.styles = styles;
    setShowStacks(false);
    setShowServlet(false);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, JSON);
    SecurityHeaders.apply(fields::put);
    return ByteBuffer.wrap(body(status, reason, currentPath()));
  }

  /**
   * The path of the request Jetty is rejecting on this thread: the target's start as sent, which
   * {@link RequestLineRecorder} noted (the request Jetty builds for a line it could not read has
   * the path {@code /}); else the request's; empty when neither is known.
   */
  private static String currentPath() {
    String recorded = RequestLineRecorder.currentTargetStart();
    if (!recorded.isEmpty()) {
      return recorded;
    }
    HttpConnection connection = HttpConnection.getCurrentConnection();
    return connection == null ? "" : pathOf(connection.getHttpChannel().getRequest());
  }

  private static String pathOf(Request request) {
    HttpURI uri = request == null ? null : request.getHttpURI();
    return uri == null || uri.getPath() == null ? "" : uri.getPath();
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    byte[] body = body(code, null, pathOf(baseRequest));
    response.setContentType(JSON);
    SecurityHeaders.apply(response::setHeader);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    baseRequest.setHandled(true);
  }

  /**
   * The error body for {@code status} in the style of {@code path}; {@code reason} is used only if
   * it is short plain text.
   */
  byte[] body(int status, String reason, String path) {
    ApiError error = ApiError.forStatus(status);
    String standard = HttpStatus.getMessage(status);
    String message =
        status < 500 && reason != null && PLAIN_REASON.matcher(reason).matches()
            ? reason
            : standard;
    Route.Style style = styles.apply(path);
    Object value =
        style == Route.Style.CONTROL
            ? ControlErrorBody.of(error, message, clock.nowMillis())
            : style.bare()
                ? ErrorObject.of(error, message)
                : Envelope.error(error, message, Instant.ofEpochMilli(clock.nowMillis()));
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
