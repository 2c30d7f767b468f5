package org.parley.node.federation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises alerts: stores each with its evidence (once per distinct misbehaviour) and logs it at ERROR.
 */
final class Alerts {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  private final FederationStore store;
  private final Clock clock;

  Alerts(FederationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Records an alert unless one with the same {@code dedupe} key exists; returns whether it is new.
   *
   * @param dedupe identifies the misbehaviour (e.g. peer, kind and size), so that retries do not flood
   */
  boolean raise(String peer, String kind, String dedupe, String summary, String evidence) {
    long now = clock.instant().getEpochSecond() * 1_000_000L + clock.instant().getNano() / 1000;
    String id = "alert--" + UUID.randomUUID();
    try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO fed_alert"
        + " (id, dedupe, created_micros, peer, kind, summary, evidence) VALUES (?,?,?,?,?,?,?)"
        + " ON CONFLICT (dedupe) DO NOTHING")) {
      FederationStore.bind(ps, id, kind + "|" + peer + "|" + dedupe, now, peer, kind, summary, evidence);
      boolean fresh = ps.executeUpdate() == 1;
      if (fresh) {
        LOG.error("event=federation_alert kind={} peer={} id={} summary={}", kind, peer, id,
            summary.replaceAll("\\p{Cntrl}", "?"));
      }
      return fresh;
    } catch (SQLException e) {
      LOG.error("event=federation_alert_unstored kind={} peer={} summary={} cause={}", kind, peer,
          summary.replaceAll("\\p{Cntrl}", "?"), e.getMessage());
      return false;
    }
  }

  List<Alert> list() throws FederationException {
    List<Alert> out = new ArrayList<>();
    try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement("SELECT id, created_micros,"
        + " peer, kind, summary, evidence FROM fed_alert ORDER BY created_micros, id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Alert(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6)));
      }
      return out;
    } catch (SQLException e) {
      throw new FederationException("cannot read alerts: " + e.getMessage(), e);
    }
  }
}
