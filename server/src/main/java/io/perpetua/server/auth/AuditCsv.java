package io.perpetua.server.auth;

import java.util.List;

/**
 * Audit entries as CSV (RFC 4180: every field quoted, quotes doubled). A field starting with {@code
 * = + - @} gets a leading apostrophe so a spreadsheet never runs it as a formula. Stateless.
 */
final class AuditCsv {
  static final String HEADER =
      "seq,at,actor,action,entity,entity_id,before,after,reason,request_id,prev_hash,hash";

  private AuditCsv() {}

  static String of(List<AuditRoutes.EntryView> entries) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    for (AuditRoutes.EntryView e : entries) {
      String[] fields = {
        Long.toString(e.seq()), e.at().toString(), e.actor(), e.action(), e.entity(), e.entityId(),
        e.before(), e.after(), e.reason(), e.requestId(), e.prevHash(), e.hash()
      };
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(quote(fields[i]));
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  static String quote(String value) {
    if (value == null) {
      return "";
    }
    String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return '"' + v.replace("\"", "\"\"") + '"';
  }
}
