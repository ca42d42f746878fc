package io.perpetua.market.importer;

import io.perpetua.market.csv.DataFormatException;
import io.perpetua.market.csv.DataIssue;
import io.perpetua.market.csv.ErrorPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
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

  /**
   * Groups files by the key parsed from their names, in {@code order}; a name that does not parse
   * is an issue ({@code expected} says what names look like), fatal under {@link ErrorPolicy#STOP}.
   */
  static <K> Map<K, List<Path>> group(
      List<Path> files,
      Function<String, Optional<K>> parse,
      Comparator<K> order,
      ErrorPolicy policy,
      String expected,
      List<DataIssue> issues)
      throws DataFormatException {
    Map<K, List<Path>> groups = new TreeMap<>(order);
    for (Path file : files) {
      Optional<K> key = parse.apply(file.getFileName().toString());
      if (key.isEmpty()) {
        DataIssue issue = new DataIssue(file.toString(), 0, "cannot infer " + expected);
        if (policy == ErrorPolicy.STOP) {
          throw new DataFormatException(issue);
        }
        issues.add(issue);
        continue;
      }
      groups.computeIfAbsent(key.get(), k -> new ArrayList<>()).add(file);
    }
    return groups;
  }
}
