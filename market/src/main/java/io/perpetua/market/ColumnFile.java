package io.perpetua.market;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The binary layout shared by the catalogs: one time column and some double columns, each stored
 * contiguously, little-endian.
 *
 * <pre>
 * offset  type    field
 *  0      int     magic (identifies bars or funding)
 *  4      int     format version (1)
 *  8      long    row count n
 * 16      long    bar interval in ms (0 for funding)
 * 24      int     data offset d (header length, a multiple of 8)
 * 28      int     number of double columns k
 * 32      short   length of the API symbol, then its UTF-8 bytes, zero-padded to d
 * d       long[n] times, then k × double[n]
 * </pre>
 *
 * <p>Readers check the header with plain reads, then map the file and bulk-copy the columns they
 * need straight into arrays. Files are written to a temporary file beside the target, forced to
 * disk and moved into place atomically, so a reader sees the old or the new file, never a torn one.
 * Stateless.
 */
final class ColumnFile {
  static final int VERSION = 1;
  private static final int FIXED_HEADER = 34;

  private ColumnFile() {}

  /** The header of a column file. */
  record Header(long count, long intervalMs, int dataOffset, int columns, String symbol) {
    long columnOffset(int column) {
      return dataOffset + 8L * count * (1 + column);
    }

    long fileSize() {
      return dataOffset + 8L * count * (1 + columns);
    }
  }

  static void write(
      Path target, int magic, long intervalMs, String symbol, long[] times, double[][] columns)
      throws IOException {
    byte[] sym = symbol.getBytes(StandardCharsets.UTF_8);
    int dataOffset = (FIXED_HEADER + sym.length + 7) & ~7;
    int n = times.length;
    long size = dataOffset + 8L * n * (1 + columns.length);
    if (size > Integer.MAX_VALUE) {
      throw new IOException(target + ": series too large for one file (" + n + " rows)");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(magic).putInt(VERSION).putLong(n).putLong(intervalMs);
    buf.putInt(dataOffset).putInt(columns.length).putShort((short) sym.length).put(sym);
    buf.position(dataOffset);
    buf.asLongBuffer().put(times);
    for (int c = 0; c < columns.length; c++) {
      buf.position(dataOffset + 8 * n * (1 + c));
      buf.asDoubleBuffer().put(columns[c]);
    }
    buf.position(0);
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: its owner-only permissions would end up on the catalog file.
    String unique = Long.toHexString(ThreadLocalRandom.current().nextLong());
    Path tmp = dir.resolve("." + target.getFileName() + "." + unique + ".tmp");
    boolean moved = false;
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  static Header readHeader(FileChannel ch, Path path, int magic) throws IOException {
    if (ch.size() < FIXED_HEADER) {
      throw corrupt(path, "too short for a header");
    }
    ByteBuffer fixed = readFully(ch, path, 0, FIXED_HEADER);
    if (fixed.getInt() != magic) {
      throw corrupt(path, "not a catalog file of this kind (bad magic)");
    }
    int version = fixed.getInt();
    if (version != VERSION) {
      throw corrupt(path, "unsupported format version " + version);
    }
    long count = fixed.getLong();
    long interval = fixed.getLong();
    int dataOffset = fixed.getInt();
    int columns = fixed.getInt();
    int symLength = fixed.getShort();
    if (count < 0 || columns < 0 || symLength < 0 || dataOffset < FIXED_HEADER + symLength) {
      throw corrupt(path, "inconsistent header");
    }
    ByteBuffer sym = readFully(ch, path, FIXED_HEADER, symLength);
    String symbol = new String(sym.array(), 0, symLength, StandardCharsets.UTF_8);
    Header h = new Header(count, interval, dataOffset, columns, symbol);
    if (ch.size() != h.fileSize()) {
      throw corrupt(path, "size " + ch.size() + " does not match header (" + h.fileSize() + ")");
    }
    return h;
  }

  /** Maps the whole file read-only, little-endian (the header must have been checked). */
  static ByteBuffer map(FileChannel ch) throws IOException {
    return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
  }

  static long[] readTimes(ByteBuffer file, Path path, Header h) throws IOException {
    int n = (int) h.count();
    long[] times = new long[n];
    file.slice(h.dataOffset(), 8 * n).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(times);
    for (int i = 1; i < n; i++) {
      if (times[i] <= times[i - 1]) {
        throw corrupt(path, "times not increasing at row " + i);
      }
    }
    return times;
  }

  /** Rows {@code [from, to)} of double column {@code c}. */
  static double[] readColumn(ByteBuffer file, Header h, int c, int from, int to) {
    double[] out = new double[to - from];
    int position = (int) (h.columnOffset(c) + 8L * from);
    file.slice(position, 8 * out.length).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }

  private static ByteBuffer readFully(FileChannel ch, Path path, long position, int length)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    long pos = position;
    while (buf.hasRemaining()) {
      int read = ch.read(buf, pos);
      if (read < 0) {
        throw corrupt(path, "truncated");
      }
      pos += read;
    }
    return buf.flip();
  }

  static IOException corrupt(Path path, String reason) {
    return new IOException(path + ": corrupt catalog file: " + reason);
  }

  /** The regular files in {@code dir} ending with {@code extension}, sorted; none if no dir. */
  static List<Path> files(Path dir, String extension) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + extension)) {
      for (Path p : stream) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }
}
