package org.parley.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.parley.marking.Tlp;
import org.parley.stix.Bytes;

/**
 * Builds the one parameterised SELECT behind every read path. Filter values only ever travel as bind
 * parameters, never as SQL text.
 */
final class QuerySql {
  static final String COLUMNS = "o.collection_id, o.date_added, o.object_id, o.type, o.spec_version,"
      + " o.version_micros, o.version_text, o.tlp, o.submitter, o.json";

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  static QuerySql select(ObjectQuery q) {
    QuerySql s = new QuerySql();
    s.sql.append("SELECT ").append(COLUMNS).append(" FROM objects o WHERE o.collection_id = ?");
    s.params.add(q.collectionId());
    s.visible("o", q.viewer());
    q.addedAfter().ifPresent(t -> s.and("o.date_added > ?", t));
    q.after().ifPresent(t -> s.and("o.date_added > ?", t));
    s.in("o.object_id", q.ids());
    s.in("o.type", q.types());
    s.in("o.spec_version", q.specVersions());
    s.versions(q.versions(), q.viewer(), q.specVersions());
    // With ids named (object, versions, match[id]) the (collection_id, object_id, version_micros) index finds the
    // few rows; unary + keeps the planner from walking the whole collection in date_added order to avoid a sort.
    s.sql.append(q.ids().isEmpty() ? " ORDER BY o.date_added LIMIT ?" : " ORDER BY +o.date_added LIMIT ?");
    s.params.add(q.limit() + 1);
    return s;
  }

  private void and(String clause, Object... values) {
    sql.append(" AND ").append(clause);
    Collections.addAll(params, values);
  }

  private void in(String column, List<?> values) {
    if (values.isEmpty()) {
      return;
    }
    sql.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
    params.addAll(values);
  }

  // TLP per object: a party sees its own submissions, and others up to its ceiling (unmarked as the rules say).
  private void visible(String alias, Viewer v) {
    sql.append(" AND (").append(alias).append(".submitter = ? OR COALESCE(").append(alias).append(".tlp, ?) <= ?)");
    params.add(v.party());
    params.add(v.unmarkedAs().ordinal());
    params.add(v.ceiling().ordinal());
  }

  // TAXII 2.1 §3.4.2: first/last are judged among the versions this viewer may see, so a hidden newer version
  // neither leaks nor hides the older one the viewer is entitled to.
  private void versions(VersionFilter f, Viewer viewer, List<String> specVersions) {
    if (f.all()) {
      return;
    }
    sql.append(" AND (");
    String sep = "";
    if (f.first()) {
      sql.append(sep);
      extreme("<", viewer, specVersions);
      sep = " OR ";
    }
    if (f.last()) {
      sql.append(sep);
      extreme(">", viewer, specVersions);
      sep = " OR ";
    }
    if (!f.exact().isEmpty()) {
      sql.append(sep).append("o.version_micros IN (").append("?,".repeat(f.exact().size() - 1)).append("?)");
      params.addAll(f.exact());
    }
    sql.append(")");
  }

  private void extreme(String op, Viewer viewer, List<String> specVersions) {
    sql.append("NOT EXISTS (SELECT 1 FROM objects n WHERE n.collection_id = o.collection_id")
        .append(" AND n.object_id = o.object_id AND (n.version_micros ").append(op).append(" o.version_micros")
        // Unary + keeps the planners off the (collection_id, date_added) key here: a range scan on it per row
        // would make every page quadratic; the (collection_id, object_id, version_micros) index is the one to use.
        .append(" OR (n.version_micros = o.version_micros AND +n.date_added ").append(op).append(" o.date_added))");
    visible("n", viewer);
    in("n.spec_version", specVersions);
    sql.append(")");
  }

  PreparedStatement prepare(Connection c) throws SQLException {
    return prepare(c, "");
  }

  /** As {@link #prepare(Connection)} with {@code prefix} (e.g. {@code EXPLAIN QUERY PLAN }) before the SELECT. */
  PreparedStatement prepare(Connection c, String prefix) throws SQLException {
    PreparedStatement ps = c.prepareStatement(prefix + sql);
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p instanceof String s) {
        ps.setString(i + 1, s);
      } else if (p instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setLong(i + 1, (Long) p);
      }
    }
    return ps;
  }

  static StoredVersion row(ResultSet rs) throws SQLException {
    int tlp = rs.getInt(8);
    Optional<Tlp> level = rs.wasNull() ? Optional.empty() : Optional.of(Tlp.values()[tlp]);
    return new StoredVersion(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getLong(6), rs.getString(7), level, rs.getString(9), Bytes.copyOf(rs.getBytes(10)));
  }
}
