package io.perpetua.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds standard SQL {@code MERGE} statements that run unchanged on H2 and PostgreSQL 15+.
 *
 * <p>The source row is {@code SELECT CAST(? AS type) AS column, ...} so that both databases know
 * every parameter's type. Stateless.
 */
final class MergeSql {
  /** A column and the SQL type its parameter is cast to. */
  record Column(String name, String sqlType) {}

  private MergeSql() {}

  static Column column(String name, String sqlType) {
    return new Column(name, sqlType);
  }

  /** Inserts the row, or updates its non-key columns when a row with the same key exists. */
  static String upsert(String table, List<String> keys, List<Column> columns) {
    List<String> updates = new ArrayList<>();
    for (Column c : columns) {
      if (!keys.contains(c.name())) {
        updates.add(c.name() + " = s." + c.name());
      }
    }
    return merge(table, keys, columns)
        + " WHEN MATCHED THEN UPDATE SET "
        + String.join(", ", updates)
        + insert(columns);
  }

  /** Inserts the row unless a row with the same key exists (then nothing changes). */
  static String insertIfAbsent(String table, List<String> keys, List<Column> columns) {
    return merge(table, keys, columns) + insert(columns);
  }

  private static String merge(String table, List<String> keys, List<Column> columns) {
    String source =
        columns.stream()
            .map(c -> "CAST(? AS " + c.sqlType() + ") AS " + c.name())
            .collect(Collectors.joining(", "));
    String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    return "MERGE INTO " + table + " t USING (SELECT " + source + ") s ON " + on;
  }

  private static String insert(List<Column> columns) {
    String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
    String values = columns.stream().map(c -> "s." + c.name()).collect(Collectors.joining(", "));
    return " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES (" + values + ")";
  }
}
