package io.perpetua.analytics.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a periodic return series from a comma-separated file: one return per line (simple returns
 * as fractions, {@code 0.01} = +1 %), in a single column with or without a header, or in the column
 * named by a header. Blank lines and lines starting with {@code #} are ignored; fields may be
 * wrapped in double quotes (without embedded commas). Values must be plain decimal numbers
 * (optionally with an exponent); anything else, including empty cells, {@code NaN} and {@code
 * Infinity}, is an error naming the file and line. Stateless.
 */
public final class ReturnsCsv {
  static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * A series read from a file.
   *
   * @param column the header of the column read, or null when the file has no header
   * @param returns the values, in file order
   */
  public record Series(String column, double[] returns) {}

  private ReturnsCsv() {}

  /**
   * Reads the returns in {@code file}: from the column whose header is {@code column}
   * (case-insensitive), or, when {@code column} is null, from the file's only column (whose first
   * line is a header when it is not a number).
   *
   * @throws ReturnsCsvException when the content is not a return series (message names file:line)
   * @throws IOException when the file cannot be read
   */
  public static Series read(Path file, String column) throws IOException, ReturnsCsvException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file, in, column);
    }
  }

  private static Series parse(Path file, BufferedReader in, String column)
      throws IOException, ReturnsCsvException {
    double[] values = new double[1024];
    int count = 0;
    int index = -1;
    String header = null;
    int lineNo = 0;
    for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
      lineNo++;
      String line = lineNo == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = split(trimmed);
      if (index < 0) {
        index = columnIndex(file, lineNo, fields, column);
        if (column != null || !NUMBER.matcher(fields[0]).matches()) {
          header = fields[index];
          continue;
        }
      }
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      values[count++] = value(file, lineNo, fields, index, header);
    }
    if (count == 0) {
      throw new ReturnsCsvException(file, 0, "no returns in the file");
    }
    return new Series(header, Arrays.copyOf(values, count));
  }

  private static int columnIndex(Path file, int lineNo, String[] fields, String column)
      throws ReturnsCsvException {
    if (column == null) {
      if (fields.length != 1) {
        throw new ReturnsCsvException(
            file,
            lineNo,
            fields.length
                + " columns "
                + List.of(fields)
                + "; choose the returns column with --column NAME");
      }
      return 0;
    }
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].toLowerCase(Locale.ROOT).equals(column.strip().toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw new ReturnsCsvException(
        file, lineNo, "no column '" + column + "' in the header " + List.of(fields));
  }

  private static double value(Path file, int lineNo, String[] fields, int index, String header)
      throws ReturnsCsvException {
    String name = header == null ? "" : " in column '" + header + "'";
    if (index >= fields.length) {
      throw new ReturnsCsvException(
          file, lineNo, "expected at least " + (index + 1) + " columns, found " + fields.length);
    }
    String v = fields[index];
    if (v.isEmpty()) {
      throw new ReturnsCsvException(
          file, lineNo, "empty value" + name + " (remove the line or fill in the return)");
    }
    if (!NUMBER.matcher(v).matches()) {
      throw new ReturnsCsvException(file, lineNo, "not a number" + name + ": '" + v + "'");
    }
    double d = Double.parseDouble(v);
    if (!Double.isFinite(d)) {
      throw new ReturnsCsvException(file, lineNo, "value out of range" + name + ": '" + v + "'");
    }
    return d;
  }

  static String[] split(String line) {
    String[] fields = line.split(",", -1);
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i].strip();
      if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
        f = f.substring(1, f.length() - 1).strip();
      }
      fields[i] = f;
    }
    return fields;
  }
}
