package io.perpetua.analytics.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a matrix of returns from a comma-separated file: one line per period, one column per trial
 * (strategy configuration), simple returns as fractions. The first line is a header (the trials'
 * names) when any of its fields is not a number. Blank lines and lines starting with {@code #} are
 * ignored; fields may be quoted as in {@link ReturnsCsv}. Every line must have the same number of
 * columns, and every value must be a plain decimal number; anything else is a {@link
 * ReturnsCsvException} naming file:line. Stateless.
 */
public final class ReturnsMatrixCsv {
  /**
   * A matrix read from a file.
   *
   * @param header the trials' names, or null when the file has no header
   * @param rows the values, {@code [period][trial]}, in file order
   */
  public record Matrix(List<String> header, double[][] rows) {}

  private ReturnsMatrixCsv() {}

  /**
   * Reads {@code file}.
   *
   * @throws ReturnsCsvException when the content is not a rectangular matrix of numbers
   * @throws IOException when the file cannot be read
   */
  public static Matrix read(Path file) throws IOException, ReturnsCsvException {
    List<double[]> rows = new ArrayList<>();
    List<String> header = null;
    int columns = -1;
    int lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
        lineNo++;
        String line = lineNo == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = ReturnsCsv.split(trimmed);
        if (columns < 0) {
          columns = fields.length;
          if (!allNumbers(fields)) {
            header = List.of(fields);
            continue;
          }
        }
        rows.add(row(file, lineNo, fields, columns, header));
      }
    }
    if (rows.isEmpty()) {
      throw new ReturnsCsvException(file, 0, "no returns in the file");
    }
    return new Matrix(header, rows.toArray(double[][]::new));
  }

  private static boolean allNumbers(String[] fields) {
    for (String f : fields) {
      if (!ReturnsCsv.NUMBER.matcher(f).matches()) {
        return false;
      }
    }
    return true;
  }

  private static double[] row(
      Path file, int lineNo, String[] fields, int columns, List<String> header)
      throws ReturnsCsvException {
    if (fields.length != columns) {
      throw new ReturnsCsvException(
          file, lineNo, fields.length + " columns, expected " + columns + " as on the first line");
    }
    double[] row = new double[columns];
    for (int k = 0; k < columns; k++) {
      String v = fields[k];
      String name = header == null ? "column " + (k + 1) : "column '" + header.get(k) + "'";
      if (!ReturnsCsv.NUMBER.matcher(v).matches()) {
        throw new ReturnsCsvException(
            file,
            lineNo,
            (v.isEmpty() ? "empty value" : "not a number: '" + v + "'") + " in " + name);
      }
      row[k] = Double.parseDouble(v);
      if (!Double.isFinite(row[k])) {
        throw new ReturnsCsvException(
            file, lineNo, "value out of range in " + name + ": '" + v + "'");
      }
    }
    return row;
  }
}
