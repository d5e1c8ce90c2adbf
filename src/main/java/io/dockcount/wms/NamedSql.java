package io.dockcount.wms;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A SQL template with named parameters ({@code :sku}) turned into a JDBC statement with {@code
 * ?} placeholders. Text in single or double quotes and PostgreSQL casts ({@code ::text}) are
 * left alone. Values are always bound, never pasted into the SQL.
 *
 * @param sql the statement with {@code ?} placeholders
 * @param names the parameter of each placeholder, in order
 */
record NamedSql(String sql, List<String> names) {

  /**
   * Parses the template.
   *
   * @throws IllegalArgumentException naming a parameter that is not one of {@code known}
   */
  static NamedSql parse(String template, List<String> known) {
    StringBuilder out = new StringBuilder();
    List<String> names = new ArrayList<>();
    char quote = 0;
    for (int i = 0; i < template.length(); i++) {
      char ch = template.charAt(i);
      if (quote != 0) {
        quote = ch == quote ? 0 : quote;
        out.append(ch);
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        out.append(ch);
      } else if (ch == ':' && i + 1 < template.length() && template.charAt(i + 1) == ':') {
        out.append("::");
        i++;
      } else if (ch == ':' && i + 1 < template.length()
          && Character.isJavaIdentifierStart(template.charAt(i + 1))) {
        int end = i + 1;
        while (end < template.length() && Character.isJavaIdentifierPart(template.charAt(end))) {
          end++;
        }
        String name = template.substring(i + 1, end);
        if (!known.contains(name)) {
          throw new IllegalArgumentException("dockcount.wms.export: unknown parameter :" + name
              + " in the SQL template; use " + known);
        }
        names.add(name);
        out.append('?');
        i = end - 1;
      } else {
        out.append(ch);
      }
    }
    return new NamedSql(out.toString(), List.copyOf(names));
  }

  /** Binds {@code values} by name; a null value binds as SQL NULL. */
  void bind(PreparedStatement ps, Map<String, Object> values) throws SQLException {
    for (int i = 0; i < names.size(); i++) {
      Object v = values.get(names.get(i));
      if (v == null) {
        ps.setNull(i + 1, Types.NULL);
      } else {
        ps.setObject(i + 1, v);
      }
    }
  }
}
