package io.perpetua.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends hand-written HTTP/1.1 requests over a fresh socket each (any method, request target,
 * version, header or body bytes, which java.net.http refuses to build) and reads the whole
 * response, de-chunking it.
 */
final class RawClient {
  private final int port;

  RawClient(int port) {
    this.port = port;
  }

  /** A response: status, header values by lower-case name, body bytes. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Sends {@code requestLine}, {@code headers} (each {@code Name: value}, CRLF-joined, may be
   * empty), a {@code Content-Length} for a non-null body, and the body.
   */
  Response send(String requestLine, String headers, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
      if (!headers.isEmpty()) {
        head.append(headers).append("\r\n");
      }
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        try {
          out.write(body);
        } catch (IOException e) {
          // the server may answer (413, 400) and close before reading the whole body
        }
      }
      out.flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[16_384];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
      }
    } catch (IOException e) {
      if (all.size() == 0) {
        throw e;
      }
      // a reset after the response was sent (the server closed with unread request bytes)
    }
    return all.toByteArray();
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int split = text.indexOf("\r\n\r\n");
    if (split < 0) {
      throw new IllegalStateException("no response head: " + text);
    }
    String[] lines = text.substring(0, split).split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.merge(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, body);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < chunked.length) {
      int eol = indexOfCrlf(chunked, i);
      String sizeLine = new String(chunked, i, eol - i, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, eol + 2, size);
      i = eol + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return b.length;
  }
}
