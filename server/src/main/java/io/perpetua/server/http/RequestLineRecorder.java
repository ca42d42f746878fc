package io.perpetua.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * Jetty's HTTP/1.1 connection factory, with one addition: each connection's parser keeps the start
 * of the request target of the request it is reading, before parsing it. When Jetty rejects a
 * request line it cannot read (414 too long, 505 version, 400 bad escape) it knows no path; this is
 * how {@link JettyErrorHandler} still answers a {@code /v1/...} request in the job API's format.
 * Connections are otherwise exactly Jetty's (header cache settings included). Thread-safe: a parser
 * is used by one thread at a time, and read on that thread.
 */
public final class RequestLineRecorder extends HttpConnectionFactory {
  /** A factory over {@code config}. */
  public RequestLineRecorder(HttpConfiguration config) {
    super(config);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection =
        new HttpConnection(
            getHttpConfiguration(), connector, endPoint, isRecordHttpComplianceViolations()) {
          @Override
          protected HttpParser newHttpParser(HttpCompliance compliance) {
            HttpConfiguration http = getHttpConfiguration();
            HttpParser parser =
                new Parser(newRequestHandler(), http.getRequestHeaderSize(), compliance);
            parser.setHeaderCacheSize(http.getHeaderCacheSize());
            parser.setHeaderCacheCaseSensitive(http.isHeaderCacheCaseSensitive());
            return parser;
          }
        };
    connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
    connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
    return configure(connection, connector, endPoint);
  }

  /**
   * The start of the request target (path, without the query) of the request the calling thread's
   * connection is parsing; empty when unknown.
   */
  static String currentTargetStart() {
    HttpConnection connection = HttpConnection.getCurrentConnection();
    return connection != null && connection.getParser() instanceof Parser p ? p.targetStart : "";
  }

  /** Jetty's parser, noting the target's start whenever a new request begins. */
  private static final class Parser extends HttpParser {
    private static final int KEEP = 80;
    private String targetStart = "";

    Parser(RequestHandler handler, int maxHeaderBytes, HttpCompliance compliance) {
      super(handler, maxHeaderBytes, compliance);
    }

    @Override
    public boolean parseNext(ByteBuffer buffer) {
      if (getState() == State.START && buffer.hasRemaining()) {
        targetStart = targetStart(buffer);
      }
      return super.parseNext(buffer);
    }

    /** {@code /v1/x} of {@code GET /v1/x?y HTTP/1.1}, from the first bytes; the buffer is kept. */
    private static String targetStart(ByteBuffer buffer) {
      byte[] head = new byte[Math.min(KEEP, buffer.remaining())];
      for (int i = 0; i < head.length; i++) {
        head[i] = buffer.get(buffer.position() + i);
      }
      String line = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
      int space = line.indexOf(' ');
      if (space < 0) {
        return "";
      }
      String target = line.substring(space + 1);
      for (int i = 0; i < target.length(); i++) {
        char c = target.charAt(i);
        if (c == ' ' || c == '?' || c == '\r' || c == '\n') {
          return target.substring(0, i);
        }
      }
      return target;
    }
  }
}
