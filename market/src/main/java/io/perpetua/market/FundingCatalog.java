package io.perpetua.market;

import io.perpetua.core.InstrumentId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
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
 * A directory of columnar funding files, {@code <root>/funding/<venue>/<VENUESYMBOL>.funding}, one
 * per venue and perpetual (layout in {@link ColumnFile}: a time column and a rate column).
 *
 * <p>Thread-safety as for {@link BarCatalog}: concurrent reads, atomic file replacement, writes
 * serialised per catalog instance.
 */
public final class FundingCatalog {
  static final int MAGIC = 0x444e4650; // "PFND" little-endian
  private static final String EXTENSION = ".funding";

  private final Path root;
  private final Object writeLock = new Object();

  /** A catalog rooted at {@code root} (the same root as a {@link BarCatalog} may be used). */
  public FundingCatalog(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The catalog root. */
  public Path root() {
    return root;
  }

  /** The file that holds {@code instrument} on {@code venue} (it may not exist). */
  public Path path(String venue, InstrumentId instrument) {
    return root.resolve("funding")
        .resolve(FundingSeries.requireVenue(venue))
        .resolve(instrument.venueSymbol() + EXTENSION);
  }

  /** Replaces what is stored for the series' venue and instrument. */
  public void write(FundingSeries series) throws IOException {
    synchronized (writeLock) {
      ColumnFile.write(
          path(series.venue(), series.instrument()),
          MAGIC,
          0,
          series.instrument().apiSymbol(),
          series.times,
          new double[][] {series.rates});
    }
  }

  /** Merges {@code series} into what is stored (new rates win at equal times); the result. */
  public FundingSeries merge(FundingSeries series) throws IOException {
    synchronized (writeLock) {
      FundingSeries merged =
          read(series.venue(), series.instrument()).map(s -> s.merge(series)).orElse(series);
      write(merged);
      return merged;
    }
  }

  /** All settlements of {@code instrument} on {@code venue}, or empty when none are stored. */
  public Optional<FundingSeries> read(String venue, InstrumentId instrument) throws IOException {
    return read(venue, instrument, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** The stored settlements in {@code [fromMs, toMs)}, or empty when nothing is stored. */
  public Optional<FundingSeries> read(String venue, InstrumentId instrument, long fromMs, long toMs)
      throws IOException {
    Path path = path(venue, instrument);
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ColumnFile.Header h = ColumnFile.readHeader(ch, path, MAGIC);
      if (h.columns() != 1 || !h.symbol().equals(instrument.apiSymbol())) {
        throw ColumnFile.corrupt(path, "holds " + h.symbol() + ", not " + instrument);
      }
      ByteBuffer file = ColumnFile.map(ch);
      long[] all = ColumnFile.readTimes(file, path, h);
      int from = BarSeries.lowerBound(all, 0, all.length, fromMs);
      int to = Math.max(from, BarSeries.lowerBound(all, 0, all.length, toMs));
      long[] times = from == 0 && to == all.length ? all : Arrays.copyOfRange(all, from, to);
      double[] rates = ColumnFile.readColumn(file, h, 0, from, to);
      for (int i = 0; i < rates.length; i++) {
        String violation = FundingSeries.violation(rates[i]);
        if (violation != null) {
          throw ColumnFile.corrupt(path, "row " + (from + i) + ": " + violation);
        }
      }
      return Optional.of(new FundingSeries(venue, instrument, times, rates));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The venues with at least one stored series, sorted. */
  public List<String> venues() throws IOException {
    List<String> out = new ArrayList<>();
    Path dir = root.resolve("funding");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) {
        String name = p.getFileName().toString();
        if (FundingSeries.isVenue(name)
            && Files.isDirectory(p)
            && !ColumnFile.files(p, EXTENSION).isEmpty()) {
          out.add(name);
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The instruments stored for {@code venue}, sorted by API symbol. */
  public List<InstrumentId> instruments(String venue) throws IOException {
    List<InstrumentId> out = new ArrayList<>();
    Path dir = root.resolve("funding").resolve(FundingSeries.requireVenue(venue));
    for (Path file : ColumnFile.files(dir, EXTENSION)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        out.add(InstrumentId.parse(ColumnFile.readHeader(ch, file, MAGIC).symbol()));
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** One entry per stored series, ordered by venue then API symbol. */
  public List<FundingCatalogEntry> list() throws IOException {
    List<FundingCatalogEntry> out = new ArrayList<>();
    for (String venue : venues()) {
      for (InstrumentId id : instruments(venue)) {
        Path file = path(venue, id);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          ColumnFile.Header h = ColumnFile.readHeader(ch, file, MAGIC);
          long[] t = ColumnFile.readTimes(ColumnFile.map(ch), file, h);
          int n = t.length;
          out.add(new FundingCatalogEntry(venue, id, n, n == 0 ? 0 : t[0], n == 0 ? 0 : t[n - 1]));
        }
      }
    }
    return out;
  }
}
