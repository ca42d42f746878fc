package io.perpetua.market.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines and comma-separated fields without allocating per line: the
 * current line is a range of {@link #buffer()}, its fields ranges given by {@link #fieldStart} and
 * {@link #fieldEnd}. Accepts {@code \n} and {@code \r\n}; surrounding blanks of fields are trimmed.
 * Not thread-safe.
 */
final class LineReader {
  static final int MAX_FIELDS = 32;
  private static final int MAX_LINE = 1 << 20;

  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private long lineNumber;
  private final int[] starts = new int[MAX_FIELDS];
  private final int[] ends = new int[MAX_FIELDS];
  private int fields;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Advances to the next line; false at the end of input. Throws on absurdly long lines. */
  boolean next() throws IOException {
    while (true) {
      fields = 0;
      int fieldFrom = pos;
      byte[] b = buf;
      for (int i = pos; i < limit; i++) {
        byte c = b[i];
        if (c == ',') {
          addField(fieldFrom, i);
          fieldFrom = i + 1;
        } else if (c == '\n') {
          endLine(fieldFrom, i);
          pos = i + 1;
          return true;
        }
      }
      if (eof) {
        if (pos < limit) {
          endLine(fieldFrom, limit);
          pos = limit;
          return true;
        }
        return false;
      }
      fill();
    }
  }

  private void endLine(int fieldFrom, int end) {
    int e = end > fieldFrom && buf[end - 1] == '\r' ? end - 1 : end;
    addField(fieldFrom, e);
    lineNumber++;
  }

  private void addField(int from, int to) {
    if (fields < MAX_FIELDS) {
      int a = from;
      int b = to;
      while (a < b && buf[a] <= ' ') {
        a++;
      }
      while (b > a && buf[b - 1] <= ' ') {
        b--;
      }
      starts[fields] = a;
      ends[fields] = b;
    }
    fields++;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_LINE) {
        throw new IOException(
            "line " + (lineNumber + 1) + " is longer than " + MAX_LINE + " bytes");
      }
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /** Whether the current line holds nothing but blanks. */
  boolean isBlank() {
    return fields == 1 && starts[0] == ends[0];
  }

  byte[] buffer() {
    return buf;
  }

  long lineNumber() {
    return lineNumber;
  }

  /** Number of fields of the current line (may exceed {@link #MAX_FIELDS}). */
  int fieldCount() {
    return fields;
  }

  int fieldStart(int f) {
    return starts[f];
  }

  int fieldEnd(int f) {
    return ends[f];
  }

  /** Field {@code f} as a string (allocates; for headers and messages). */
  String field(int f) {
    return new String(buf, starts[f], ends[f] - starts[f], java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Field {@code f}, shortened for an error message. */
  String quoted(int f) {
    String s = field(f);
    return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
  }

  double parseDouble(int f) {
    return Decimals.parseDouble(buf, starts[f], ends[f]);
  }

  long parseLong(int f) {
    return Decimals.parseLong(buf, starts[f], ends[f]);
  }
}
