package io.perpetua.app.download;

import io.perpetua.core.InstrumentId;
import io.perpetua.venue.binance.BinanceMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Downloaded open-interest history of one symbol and period: {@code
 * catalog/open-interest/<SYMBOL>_<period>.csv}, one {@code time_ms,open_interest,value} line per
 * row, oldest first, appended page by page (a line is written whole or, after a crash, the torn
 * last line is ignored and overwritten by the resumed download). Not thread-safe.
 */
public final class OpenInterestFile {
  static final String HEADER = "time_ms,open_interest,open_interest_value";

  private final Path file;

  /** The file of {@code instrument} at {@code period} under {@code catalogRoot}. */
  public OpenInterestFile(Path catalogRoot, InstrumentId instrument, String period) {
    this.file =
        catalogRoot
            .resolve("open-interest")
            .resolve(instrument.venueSymbol() + "_" + period + ".csv");
  }

  /** The path. */
  public Path path() {
    return file;
  }

  /** The time of the last complete row, or {@code Long.MIN_VALUE} when there is none. */
  public long lastTimeMs() throws IOException {
    if (!Files.exists(file)) {
      return Long.MIN_VALUE;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i > 0; i--) {
      String[] f = lines.get(i).split(",");
      if (f.length == 3) {
        try {
          return Long.parseLong(f[0]);
        } catch (NumberFormatException e) {
          // a torn line: look at the one before
        }
      }
    }
    return Long.MIN_VALUE;
  }

  /** Cuts a last line without its newline (a write the process did not finish). */
  private void dropTornLine() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length) {
      try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(end);
      }
    }
  }

  /** Appends {@code rows} (after the last stored row). */
  public void append(List<BinanceMessages.OpenInterest> rows) throws IOException {
    Files.createDirectories(file.getParent());
    dropTornLine();
    StringBuilder out = new StringBuilder();
    if (!Files.exists(file) || Files.size(file) == 0) {
      out.append(HEADER).append('\n');
    }
    for (BinanceMessages.OpenInterest r : rows) {
      out.append(r.timeMs())
          .append(',')
          .append(r.openInterest().toPlainString())
          .append(',')
          .append(r.value().toPlainString())
          .append('\n');
    }
    Files.writeString(
        file,
        out,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.SYNC);
  }
}
