package org.parley.node.federation;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.parley.node.auth.Authenticator;
import org.parley.node.auth.Tokens;
import org.parley.node.log.TransparencyLog;
import org.parley.node.store.Database;
import org.parley.node.store.Directory;
import org.parley.node.store.ObjectStore;
import org.parley.node.taxii.Drain;
import org.parley.node.taxii.TaxiiApi;
import org.parley.node.taxii.TaxiiConfig;

/**
 * One party's node for federation tests: its own SQLite data directory, its log, the TAXII API and the
 * federation resources on an ephemeral loopback port. Sequencing and federation rounds run only when the test
 * asks ({@link #round()}), unless {@link #startBackground()} is called.
 */
final class FedNode implements AutoCloseable {
  final String party;
  final String jdbcUrl;
  final Database db;
  final TransparencyLog log;
  final ObjectStore objects;
  final Federation federation;
  final Javalin app;

  private FedNode(String party, String jdbcUrl, Database db, TransparencyLog log, ObjectStore objects,
      Federation federation, Javalin app) {
    this.party = party;
    this.jdbcUrl = jdbcUrl;
    this.db = db;
    this.log = log;
    this.objects = objects;
    this.federation = federation;
    this.app = app;
  }

  static FedNode start(String party, Path dir, Duration interval) throws Exception {
    return start(party, dir, interval, interval);
  }

  /** Starts a node whose log sequences every {@code logInterval} and federates every {@code fedInterval}. */
  static FedNode start(String party, Path dir, Duration logInterval, Duration fedInterval) throws Exception {
    return start(party, dir, logInterval, FederationConfig.defaults(party).withInterval(fedInterval));
  }

  /** Starts a node whose log sequences every {@code logInterval} and federates as {@code config} says. */
  static FedNode start(String party, Path dir, Duration logInterval, FederationConfig config) throws Exception {
    return start(party, dir, logInterval, config,
        java.util.Optional.of(party.toLowerCase(java.util.Locale.ROOT) + ".example/parley"));
  }

  /** Starts a node again on its data directory, under whatever origin its log has now (e.g. after a restart). */
  static FedNode reopen(String party, Path dir, Duration interval) throws Exception {
    return start(party, dir, interval, FederationConfig.defaults(party).withInterval(interval),
        java.util.Optional.empty());
  }

  private static FedNode start(String party, Path dir, Duration logInterval, FederationConfig config,
      java.util.Optional<String> origin) throws Exception {
    return startOn(party, Database.sqliteUrl(dir), logInterval, config, origin);
  }

  /** Starts a node on the database at {@code jdbc} (e.g. a PostgreSQL database of its own). */
  static FedNode startOn(String party, String jdbc, Duration logInterval) throws Exception {
    return startOn(party, jdbc, logInterval, FederationConfig.defaults(party).withInterval(logInterval),
        java.util.Optional.of(party.toLowerCase(java.util.Locale.ROOT) + ".example/parley"));
  }

  private static FedNode startOn(String party, String jdbc, Duration logInterval, FederationConfig config,
      java.util.Optional<String> origin) throws Exception {
    Duration interval = logInterval;
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    Database db = Database.open(jdbc, clock, UUID::randomUUID);
    TransparencyLog log = TransparencyLog.open(jdbc, origin, clock, random,
        new TransparencyLog.Options(interval, interval.multipliedBy(10), 10_000), db.sqliteWriteLock());
    ObjectStore objects = db.objects(log.appendHook());
    Directory d = db.directory();
    if (!d.parties().contains(party)) {
      d.addParty(party);
    }
    byte[] cursorKey = new byte[32];
    random.nextBytes(cursorKey);
    TaxiiApi taxii = new TaxiiApi(d, objects, new Authenticator(d), cursorKey, clock, TaxiiConfig.defaults(),
        new Drain());
    Federation fed = Federation.open(jdbc, db, config, log, clock, random);
    Javalin app = Javalin.create(c -> {
      c.startup.showJavalinBanner = false;
      taxii.register(c);
      org.parley.node.log.LogRoutes.register(c.routes, log, new Authenticator(d)); // tiles, as a node serves them
      fed.register(c);
    });
    app.start("127.0.0.1", 0);
    return new FedNode(party, jdbc, db, log, objects, fed, app);
  }

  /** Nodes for {@code parties}, each in {@code dir/<party in lower case>}, each a peer of every other. */
  static List<FedNode> group(Path dir, String... parties) throws Exception {
    List<FedNode> nodes = new java.util.ArrayList<>();
    for (String p : parties) {
      nodes.add(start(p, dir.resolve(p.toLowerCase(java.util.Locale.ROOT)), Duration.ofMillis(100)));
    }
    for (FedNode n : nodes) {
      for (FedNode m : nodes) {
        if (n != m) {
          n.addPeer(m);
        }
      }
    }
    return nodes;
  }

  String url() {
    return "http://127.0.0.1:" + app.port();
  }

  Directory directory() {
    return db.directory();
  }

  /** A token this node issues to {@code other} (added as a party here if new). */
  String issueTokenFor(String other) throws Exception {
    if (!directory().parties().contains(other)) {
      directory().addParty(other);
    }
    return Tokens.issue(directory(), other, new SecureRandom());
  }

  /** Makes {@code other} a peer of this node, with the token {@code other} issued to this node. */
  void addPeer(FedNode other) throws Exception {
    federation.addPeer(new Peer(other.party, java.net.URI.create(other.url()), other.issueTokenFor(party),
        other.log.verifierKey(), java.util.Optional.of(other.federation.witnessKey())));
  }

  /** Sequences pending leaves, then one federation round (collect cosignatures, pull from peers). */
  Federation.Round round() throws Exception {
    log.sequence();
    return federation.syncOnce();
  }

  void startBackground() {
    log.start();
    federation.start();
  }

  /** A raw connection to this node's database, for tampering with it as an attacker with disk access would. */
  Connection raw() throws Exception {
    return DriverManager.getConnection(jdbcUrl);
  }

  @Override
  public void close() {
    app.stop();
    federation.close();
    log.close();
    db.close();
  }
}
