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

  /** Up to this many distinct types are read one index range each (see {@link #select}); more walk the collection. */
  static final int TYPE_BRANCHES = 8;

  /**
   * The page of rows {@code q} asks for, in date_added order. How the database finds them depends on the filter:
   * named ids use the (collection_id, object_id, version_micros) index; one type walks the (collection_id, type,
   * date_added) index in order, so a rare type — or one the collection does not hold — costs its own rows, not the
   * collection's; two to {@link #TYPE_BRANCHES} types are one such ordered walk each, merged (UNION ALL of per-type
   * pages, each at most one page long, then ordered and cut: never a sort of all rows of a common type); anything else
   * walks the collection's (collection_id, date_added) key.
   */
  static QuerySql select(ObjectQuery q) {
    QuerySql s = new QuerySql();
    List<String> types = List.copyOf(new java.util.LinkedHashSet<>(q.types()));
    if (q.ids().isEmpty() && types.size() > 1 && types.size() <= TYPE_BRANCHES) {
      s.sql.append("SELECT * FROM (");
      for (int i = 0; i < types.size(); i++) {
        s.sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT * FROM (");
        s.page(q, "o.type = ?", List.of(types.get(i)), false);
        s.sql.append(") t").append(i);
      }
      s.sql.append(") u ORDER BY u.date_added LIMIT ?");
      s.params.add(q.limit() + 1);
      return s;
    }
    if (types.size() == 1) {
      // with ids named, an expression (|| '') keeps the planner on the ids' index; without, the type index is the one
      // to walk (unary + would do in SQLite, but PostgreSQL has no unary + on text)
      s.page(q, q.ids().isEmpty() ? "o.type = ?" : "(o.type || '') = ?", types, !q.ids().isEmpty());
    } else {
      // a walk of the collection's key that tests each row's type: the expression keeps the planner from reading
      // each type's rows and sorting them all (a common type's whole history per page)
      s.page(q, types.isEmpty() ? null : "(o.type || '') IN (" + "?,".repeat(types.size() - 1) + "?)", types,
          !q.ids().isEmpty());
    }
    return s;
  }

  /** One SELECT of the page, with {@code typeClause} (null: none) restricting the types. */
  private void page(ObjectQuery q, String typeClause, List<String> typeParams, boolean byIds) {
    sql.append("SELECT ").append(COLUMNS).append(" FROM objects o WHERE o.collection_id = ?");
    params.add(q.collectionId());
    visible("o", q.viewer());
    q.addedAfter().ifPresent(t -> and("o.date_added > ?", t));
    q.after().ifPresent(t -> and("o.date_added > ?", t));
    in("o.object_id", q.ids());
    if (typeClause != null) {
      sql.append(" AND ").append(typeClause);
      params.addAll(typeParams);
    }
    in("o.spec_version", q.specVersions());
    versions(q.versions(), q.viewer(), q.specVersions());
    // With ids named (object, versions, match[id]) the (collection_id, object_id, version_micros) index finds the
    // few rows; unary + keeps the planner from walking the whole collection in date_added order to avoid a sort.
    sql.append(byIds ? " ORDER BY +o.date_added LIMIT ?" : " ORDER BY o.date_added LIMIT ?");
    params.add(q.limit() + 1);
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
