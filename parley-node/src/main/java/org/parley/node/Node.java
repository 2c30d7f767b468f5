package org.parley.node;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.parley.node.auth.Authenticator;
import org.parley.node.federation.Federation;
import org.parley.node.federation.FederationConfig;
import org.parley.node.federation.FederationException;
import org.parley.node.log.LogException;
import org.parley.node.log.LogRoutes;
import org.parley.node.log.TransparencyLog;
import org.parley.node.ops.Metrics;
import org.parley.node.ops.MetricsAccess;
import org.parley.node.store.AppendHook;
import org.parley.node.store.Database;
import org.parley.node.store.Directory;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.StoreException;
import org.parley.node.taxii.Drain;
import org.parley.node.taxii.TaxiiApi;
import org.parley.node.web.Console;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One party's running node, wired by hand: database, directory, object store, TAXII API, health and metrics.
 * {@link #start} returns once the server listens; {@link #close} refuses new writes, lets those in flight
 * commit, then stops the server and closes the database.
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  private final NodeConfig config;
  private final Database database;
  private final Javalin app;
  private final Drain drain;
  private final Metrics metrics;
  private final ObjectStore objects;
  private final TransparencyLog log;
  private final Federation federation;

  private Node(NodeConfig config, Database database, Javalin app, Drain drain, Metrics metrics,
      ObjectStore objects, TransparencyLog log, Federation federation) {
    this.objects = objects;
    this.log = log;
    this.federation = federation;
    this.config = config;
    this.database = database;
    this.app = app;
    this.drain = drain;
    this.metrics = metrics;
  }

  public static Node start(NodeConfig config) throws StoreException {
    return start(config, AppendHook.NONE);
  }

  /**
   * Starts a node whose write path also runs {@code hook} inside every append transaction.
   *
   * @throws IllegalArgumentException when plain HTTP is asked for on a non-loopback interface without
   *     {@code allowPlainHttp}
   */
  public static Node start(NodeConfig config, AppendHook hook) throws StoreException {
    if (config.tls().isEmpty() && !config.allowPlainHttp() && !NodeConfig.isLoopback(config.host())) {
      throw new IllegalArgumentException("refusing plain HTTP on " + config.host()
          + ": TAXII 2.1 requires TLS; configure a certificate, listen on loopback, or allow plain HTTP explicitly");
    }
    String databaseUrl = config.databaseUrl().orElse(Database.sqliteUrl(config.dataDir()));
    Database db = Database.open(databaseUrl, config.clock(), config.ids());
    TransparencyLog log;
    try {
      // No origin configured: adopt the one the database holds, or that the first of several processes starting
      // at once on a new database stored (each generating its own made all but one fail).
      log = TransparencyLog.open(databaseUrl, config.logOrigin(), config.clock(), new SecureRandom(),
          TransparencyLog.Options.defaults(), db.sqliteWriteLock());
    } catch (LogException e) {
      db.close();
      throw new StoreException("cannot open the log: " + e.getMessage(), e);
    }
    Federation federation; // peers, witnessing, verified pulls: docs/design/federation.md
    try {
      federation = Federation.open(databaseUrl, db,
          FederationConfig.defaults().withMaxObjectBytes(config.taxii().maxContentLength()), log, config.clock(),
          new SecureRandom());
    } catch (FederationException e) {
      log.close();
      db.close();
      throw new StoreException("cannot open federation: " + e.getMessage(), e);
    }
    try {
      Metrics metrics = new Metrics();
      Directory directory = db.directory();
      // The log's leaves commit with the objects; deletions are log entries too.
      AppendHook counted = log.appendHook().then(hook)
          .then((tx, collection, rows) -> metrics.objectsStored(rows.size()));
      ObjectStore store = db.objects(counted);
      byte[] cursorKey = HexFormat.of().parseHex(directory.settingOrInit("cursor_key", randomHex()));
      Drain drain = new Drain();
      TaxiiApi taxii = new TaxiiApi(directory, store, new Authenticator(directory), cursorKey, config.clock(),
          config.taxii(), drain);
      Authenticator logReaders = new Authenticator(directory);
      Console console = new Console(directory, store, db.sessions(), new Authenticator(directory), config.clock(),
          new SecureRandom())
          .withLog(log).withFederation(federation) // alerts for the stored own party, as in the federation API
          .withAttribution(config.dataDir())
          .behindHttps(config.taxii().publicUrl().filter(u -> u.regionMatches(true, 0, "https://", 0, 8)).isPresent());
      Javalin app = Javalin.create(c -> {
        configure(c, config, taxii, db, metrics);
        LogRoutes.register(c.routes, log, logReaders);
        federation.register(c);
        console.register(c);
      });
      app.start(config.host(), config.port());
      log.start();
      federation.start();
      Node node = new Node(config, db, app, drain, metrics, store, log, federation);
      LOG.info("event=node_started url={} database={}", node.url(), db.isPostgres() ? "postgresql" : "sqlite");
      if (config.databaseUrl().isEmpty()) {
        Database.looseFileWarning(Database.sqliteFile(config.dataDir()))
            .ifPresent(w -> LOG.warn("event=data_readable_by_others cause={}", w));
      }
      return node;
    } catch (RuntimeException e) {
      federation.close();
      log.close();
      db.close();
      throw e;
    }
  }

  private static void configure(JavalinConfig c, NodeConfig config, TaxiiApi taxii, Database db, Metrics metrics) {
    c.startup.showJavalinBanner = false;
    c.startup.showOldJavalinVersionWarning = false;
    c.http.maxRequestSize = config.taxii().maxContentLength() + 1;
    c.jetty.modifyServer(server -> server.setStopTimeout(config.shutdownGrace().toMillis()));
    config.tls().ifPresent(tls -> c.jetty.addConnector((server, http) -> {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(tls.keyStore().toAbsolutePath().toString());
      ssl.setKeyStorePassword(tls.password());
      ssl.setKeyStoreType("PKCS12");
      ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2"); // TAXII 2.1 §1.6.1: TLS 1.2 or later
      http.addCustomizer(new SecureRequestCustomizer());
      ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
          new HttpConnectionFactory(http));
      connector.setHost(config.host());
      connector.setPort(config.port());
      return connector;
    }));
    taxii.register(c);
    c.routes.get("/health", ctx -> {
      boolean ok = db.isHealthy();
      ctx.status(ok ? 200 : 503).contentType("application/json")
          .result(ok ? "{\"status\":\"ok\",\"database\":\"ok\"}" : "{\"status\":\"down\",\"database\":\"down\"}");
    });
    MetricsAccess metricsAccess = new MetricsAccess(config.metricsToken(), config.allowPlainHttp());
    c.routes.get("/metrics", ctx -> {
      if (!metricsAccess.allows(ctx.req().getRemoteAddr(), ctx.header("Authorization"))) {
        ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"parley-metrics\"").contentType("text/plain")
            .result("metrics are for this machine or the holder of the metrics token (--metrics-token-file)\n");
        return;
      }
      ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.exposition());
    });
    c.requestLogger.http((ctx, ms) -> {
      String route = route(ctx);
      metrics.request(ctx.method().name(), route, ctx.statusCode(), ms / 1000.0);
      if (!route.equals("/metrics") && !route.equals("/health")) {
        Object party = ctx.attribute("parley.party");
        // Peers poll the federation reads every 100 ms: 18,500 lines in half an hour drowned everything else. A
        // successful poll is DEBUG (the metrics count it); anything else, and every other request, is INFO.
        boolean poll = route.startsWith("/federation/v1/") && ctx.statusCode() < 400;
        if (poll ? LOG.isDebugEnabled() : LOG.isInfoEnabled()) {
          String line = "event=http_request method={} route={} status={} ms={} party={}";
          Object[] args = {ctx.method().name(), route, ctx.statusCode(), String.format("%.2f", ms),
              party == null ? "-" : party};
          if (poll) {
            LOG.debug(line, args);
          } else {
            LOG.info(line, args);
          }
        }
      }
    });
  }

  private static String route(Context ctx) {
    try {
      List<io.javalin.router.Endpoint> list = ctx.endpoints().list();
      return list.isEmpty() ? "unmatched" : list.get(list.size() - 1).path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  private static String randomHex() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  public int port() {
    return app.port();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return (config.tls().isPresent() ? "https" : "http") + "://" + host + ":" + port();
  }

  /** The TAXII discovery URL. */
  public String discoveryUrl() {
    return url() + "/taxii2/";
  }

  public Directory directory() {
    return database.directory();
  }

  /** The node's object store (its single write path included), for in-process tools and benchmarks. */
  public ObjectStore objects() {
    return objects;
  }

  /** The node's federation: peers, witnessing, pulls, alerts. */
  public Federation federation() {
    return federation;
  }

  /** The node's transparency log. */
  public TransparencyLog log() {
    return log;
  }

  public int writesInFlight() {
    return drain.inFlight();
  }

  @Override
  public void close() {
    try {
      if (!drain.close(config.shutdownGrace())) {
        LOG.warn("event=shutdown_timeout writes_in_flight={}", drain.inFlight());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    app.stop();
    federation.close();
    log.close();
    database.close();
    LOG.info("event=node_stopped");
  }

}
