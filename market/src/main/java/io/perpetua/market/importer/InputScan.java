package io.perpetua.market.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the CSV inputs of an import. Stateless. */
final class InputScan {
  private InputScan() {}

  /**
   * {@code path} itself when it is a file; otherwise every regular file below it (recursively)
   * named {@code *.csv} or {@code *.csv.gz}, sorted by path.
   */
  static List<Path> csvFiles(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file or directory");
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(path)) {
      walk.filter(Files::isRegularFile).filter(InputScan::isCsv).forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  static boolean isCsv(Path p) {
    String name = p.getFileName().toString();
    return !name.startsWith(".") && (name.endsWith(".csv") || name.endsWith(".csv.gz"));
  }

  static long size(List<Path> files) throws IOException {
    long total = 0;
    for (Path p : files) {
      total += Files.size(p);
    }
    return total;
  }
}
