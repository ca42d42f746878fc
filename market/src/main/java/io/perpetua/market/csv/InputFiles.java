package io.perpetua.market.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens input files, decompressing gzip when the content starts with its magic bytes. */
public final class InputFiles {
  private static final int BUFFER = 1 << 16;

  private InputFiles() {}

  /** Opens {@code file}, gunzipping it if it is gzip (whatever its name). */
  public static InputStream open(Path file) throws IOException {
    return decompressIfGzip(Files.newInputStream(file));
  }

  /** {@code in}, or a gunzipping view of it when it starts with the gzip magic {@code 1f 8b}. */
  public static InputStream decompressIfGzip(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(buffered, BUFFER);
    }
    return buffered;
  }
}
