package io.perpetua.market;

import io.perpetua.core.InstrumentId;
import io.perpetua.core.Timeframe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory of columnar bar files, {@code <root>/bars/<timeframe code>/<VENUESYMBOL>.bars}, one
 * per instrument and timeframe (layout in {@link ColumnFile}; the API symbol is kept in the header,
 * so the file name is only a locator).
 *
 * <p>Thread-safety: reads may run concurrently with each other and with writes (files are replaced
 * atomically, so a reader sees a whole old or a whole new file). Writes through one catalog
 * instance are serialised, so concurrent {@link #merge} calls do not lose bars; separate processes
 * writing the same files are not coordinated (the last writer wins, atomically).
 */
public final class BarCatalog {
  static final int MAGIC = 0x52414250; // "PBAR" little-endian
  private static final String EXTENSION = ".bars";

  private final Path root;
  private final Object writeLock = new Object();

  /** A catalog rooted at {@code root} (created on first write). */
  public BarCatalog(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The catalog root. */
  public Path root() {
    return root;
  }

  /** The file that holds {@code instrument} at {@code timeframe} (it may not exist). */
  public Path path(InstrumentId instrument, Timeframe timeframe) {
    return root.resolve("bars")
        .resolve(timeframe.code())
        .resolve(instrument.venueSymbol() + EXTENSION);
  }

  /** Replaces what is stored for the series' instrument and timeframe by {@code series}. */
  public void write(BarSeries series) throws IOException {
    synchronized (writeLock) {
      ColumnFile.write(
          path(series.instrument(), series.timeframe()),
          MAGIC,
          series.timeframe().millis(),
          series.instrument().apiSymbol(),
          series.times,
          series.columns());
    }
  }

  /**
   * Merges {@code series} into what is stored (union by open time; a new bar replaces a stored bar
   * at the same time) and returns the stored result.
   */
  public BarSeries merge(BarSeries series) throws IOException {
    synchronized (writeLock) {
      Optional<BarSeries> stored = read(series.instrument(), series.timeframe());
      BarSeries merged = stored.map(s -> s.merge(series)).orElse(series);
      write(merged);
      return merged;
    }
  }

  /** All bars of {@code instrument} at {@code timeframe}, or empty when none are stored. */
  public Optional<BarSeries> read(InstrumentId instrument, Timeframe timeframe) throws IOException {
    return read(instrument, timeframe, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * The stored bars opening in {@code [fromMs, toMs)}, or empty when nothing is stored for the
   * instrument (an empty series when something is stored but not in the range). Reads the time
   * column, then only the rows in range of the other columns.
   */
  public Optional<BarSeries> read(
      InstrumentId instrument, Timeframe timeframe, long fromMs, long toMs) throws IOException {
    Path path = path(instrument, timeframe);
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ColumnFile.Header h = ColumnFile.readHeader(ch, path, MAGIC);
      check(h, path, instrument, timeframe);
      ByteBuffer file = ColumnFile.map(ch);
      long[] all = ColumnFile.readTimes(file, path, h);
      int from = BarSeries.lowerBound(all, 0, all.length, fromMs);
      int to = Math.max(from, BarSeries.lowerBound(all, 0, all.length, toMs));
      long[] times = from == 0 && to == all.length ? all : Arrays.copyOfRange(all, from, to);
      double[][] columns = new double[6][];
      for (int c = 0; c < 6; c++) {
        columns[c] = ColumnFile.readColumn(file, h, c, from, to);
      }
      validate(path, times, columns);
      return Optional.of(new BarSeries(instrument, timeframe, times, columns));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The instruments stored at {@code timeframe}, sorted by API symbol. */
  public List<InstrumentId> instruments(Timeframe timeframe) throws IOException {
    List<InstrumentId> out = new ArrayList<>();
    for (Path file : ColumnFile.files(root.resolve("bars").resolve(timeframe.code()), EXTENSION)) {
      out.add(InstrumentId.parse(header(file).symbol()));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The timeframes that have at least one stored series. */
  public List<Timeframe> timeframes() throws IOException {
    List<Timeframe> out = new ArrayList<>();
    for (Timeframe tf : Timeframe.values()) {
      if (!ColumnFile.files(root.resolve("bars").resolve(tf.code()), EXTENSION).isEmpty()) {
        out.add(tf);
      }
    }
    return out;
  }

  /**
   * One entry per stored series, ordered by timeframe then API symbol. Reads headers and time
   * columns only.
   */
  public List<BarCatalogEntry> list() throws IOException {
    List<BarCatalogEntry> out = new ArrayList<>();
    for (Timeframe tf : Timeframe.values()) {
      List<BarCatalogEntry> entries = new ArrayList<>();
      for (Path file : ColumnFile.files(root.resolve("bars").resolve(tf.code()), EXTENSION)) {
        entries.add(entry(file, tf));
      }
      entries.sort(Comparator.comparing(BarCatalogEntry::instrument));
      out.addAll(entries);
    }
    return out;
  }

  /** Deletes the stored series; whether there was one. */
  public boolean delete(InstrumentId instrument, Timeframe timeframe) throws IOException {
    synchronized (writeLock) {
      return Files.deleteIfExists(path(instrument, timeframe));
    }
  }

  private BarCatalogEntry entry(Path file, Timeframe tf) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ColumnFile.Header h = ColumnFile.readHeader(ch, file, MAGIC);
      InstrumentId id = InstrumentId.parse(h.symbol());
      check(h, file, id, tf);
      long[] times = ColumnFile.readTimes(ColumnFile.map(ch), file, h);
      int n = times.length;
      return new BarCatalogEntry(
          id,
          tf,
          n,
          n == 0 ? 0 : times[0],
          n == 0 ? 0 : times[n - 1],
          Gaps.count(times, tf.millis()));
    }
  }

  private static ColumnFile.Header header(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return ColumnFile.readHeader(ch, file, MAGIC);
    }
  }

  private static void check(ColumnFile.Header h, Path path, InstrumentId id, Timeframe tf)
      throws IOException {
    if (h.columns() != 6 || h.intervalMs() != tf.millis() || !h.symbol().equals(id.apiSymbol())) {
      throw ColumnFile.corrupt(
          path, "holds " + h.symbol() + " every " + h.intervalMs() + " ms, not " + id + " " + tf);
    }
  }

  private static void validate(Path path, long[] times, double[][] c) throws IOException {
    for (int i = 0; i < times.length; i++) {
      String violation = BarChecks.violation(c[0][i], c[1][i], c[2][i], c[3][i], c[4][i], c[5][i]);
      if (violation != null) {
        throw ColumnFile.corrupt(path, "row " + i + ": " + violation);
      }
    }
  }
}
