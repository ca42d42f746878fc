package io.perpetua.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Sends a hand-written HTTP/1.1 request, for requests java.net.http refuses to build. */
final class RawHttp {
  private RawHttp() {}

  /** A parsed response. */
  record Response(int status, String headers, String body) {
    String contentType() {
      for (String line : headers.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
          return line.substring("content-type:".length()).strip();
        }
      }
      return "";
    }
  }

  /** Sends {@code head} (request line and headers, without the final blank line). */
  static Response send(int port, String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = raw.indexOf("\r\n\r\n");
      String headers = raw.substring(0, split);
      String body = raw.substring(split + 4);
      int status = Integer.parseInt(headers.substring(9, 12));
      return new Response(status, headers, body);
    }
  }
}
