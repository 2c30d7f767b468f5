package org.parley.node.federation;

import io.javalin.config.JavalinConfig;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.node.log.TransparencyLog;
import org.parley.node.store.AppendHook;
import org.parley.node.store.Database;
import org.parley.tlog.VerifierKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of federation: this node witnesses its peers' logs, collects its peers' cosignatures on its own
 * log, and pulls, verifies and stores what its peers share with it. See {@code docs/design/federation.md}.
 *
 * <p>Wiring (in one place, next to the node's log): {@link #open} with the node's database URL and log, then
 * {@link #register} on the node's HTTP configuration, then {@link #start} for the background rounds, or
 * {@link #syncOnce} to run one round by hand (tests, {@code parley peer sync}).
 */
public final class Federation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Federation.class);
  private final FederationConfig config;
  private final FederationStore store;
  private final Alerts alerts;
  private final WitnessService witness;
  private final CosignatureCollector collector;
  private final PeerPuller puller;
  private final FederationApi api;
  private final Clock clock;
  private final java.util.Map<String, String> failing = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicBoolean waitingForSelf =
      new java.util.concurrent.atomic.AtomicBoolean();
  /** Peers that broke a limit (an answer over its cap, an exchange past its deadline) wait before the next pull. */
  private final Backoff paused = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
  private ScheduledExecutorService thread;

  private Federation(FederationConfig config, FederationStore store, Alerts alerts,
      WitnessService witness, CosignatureCollector collector, PeerPuller puller, FederationApi api, Clock clock) {
    this.config = config;
    this.store = store;
    this.alerts = alerts;
    this.witness = witness;
    this.collector = collector;
    this.puller = puller;
    this.api = api;
    this.clock = clock;
  }

  /**
   * Opens federation on the node's database. Pulled objects go through the same store code path as every other
   * write, with the log's hook (so they enter this node's log in the same transaction) followed by the pull
   * hook (provenance and cursor, in that transaction too).
   *
   * @param jdbcUrl the node's database
   * @param db the node's open database (shared: its pool and SQLite writer lock); not closed by {@link #close}
   * @param log the node's transparency log (its key signs checkpoints; peers' witness cosignatures go into it)
   * @param random generates this node's witness key on first start
   */
  public static Federation open(String jdbcUrl, Database db, FederationConfig config, TransparencyLog log,
      Clock clock, SecureRandom random) throws FederationException {
    FederationStore store = FederationStore.open(jdbcUrl);
    try {
      PullHook pullHook = new PullHook();
      AppendHook logHook = log.appendHook();
      AppendHook both = logHook.then(pullHook); // a deletion applied from a peer is logged too
      if (config.self().isPresent()) {
        store.settingOrInit(SELF, config.self().get());
      }
      var objects = db.objects(both);
      Alerts alerts = new Alerts(store, clock);
      WitnessService witness = new WitnessService(store.witnessKey(witnessKeyName(log.origin()), random), store,
          alerts, clock);
      Clients clients = new Clients(config.timeout());
      CosignatureCollector collector = new CosignatureCollector(log, store, clients);
      PeerPuller puller = new PeerPuller(store, alerts, clients, objects,
          new Mirrors(store, db.directory()), pullHook, store.policy(config.policy()), witness.verifierKey(),
          config.pageSize(), config.maxObjectBytes());
      FederationApi api = new FederationApi(witness, store, alerts, log, db.directory(), objects);
      return new Federation(config, store, alerts, witness, collector, puller, api, clock);
    } catch (RuntimeException e) {
      store.close();
      throw new FederationException("cannot open federation: " + e.getMessage(), e);
    } catch (FederationException e) {
      store.close();
      throw e;
    }
  }

  static final String SELF = "self_party";
  static final String SELF_UNSET = "this node's own party name is not set, so nothing is pulled from peers yet:"
      + " run 'parley peer self NAME --data DIR' (NAME: the party this node acts as toward its peers)";

  /**
   * The party this node acts as toward its peers ({@code parley peer self}; read from the database each time, so a
   * running node follows it): the member of the collections that receive peers' objects and the one that reads
   * the federation alerts, in the API and in the console alike. Empty until it is set.
   */
  public Optional<String> self() throws FederationException {
    return store.setting(SELF);
  }
  private static final long COLLECT_EVERY_MILLIS = 50;

  /** The name of a node's witness key: its log's origin followed by {@code /witness}. */
  static String witnessKeyName(String logOrigin) {
    return logOrigin + "/witness";
  }

  /** Adds the federation's HTTP resources to the node's server configuration. */
  public void register(JavalinConfig c) {
    api.register(c);
  }

  /** This node's witness key (type 0x04), to give to peers with its log key. */
  public VerifierKey witnessKey() {
    return witness.verifierKey();
  }

  /** Adds or replaces a peer: it will be pulled from and asked to witness this node's log. */
  public void addPeer(Peer peer) throws FederationException {
    Instant now = clock.instant();
    store.addPeer(peer, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
  }

  public List<Peer> peers() throws FederationException {
    return store.peers();
  }

  /**
   * Compares peer {@code name}'s latest checkpoint with what every witness of the group cosigned of its log, now (the
   * puller does so by itself while a peer's checkpoint stays refused); returns how many split views were raised.
   */
  int compareWithWitnesses(String name) throws FederationException {
    List<Peer> all = store.peers();
    Peer p = all.stream().filter(q -> q.name().equals(name)).findFirst()
        .orElseThrow(() -> new FederationException("no peer named " + name));
    return puller.splitViews().compare(p, all);
  }

  /**
   * Forgets, inside the caller's transaction, what the federation remembers of this node's own log — its cosigned
   * checkpoints (served to pullers) and how far each witness cosigned it — for a log started again under a new origin
   * ({@code org.parley.node.log.LogRestart}): served after the restart, the old log's notes would name the old origin.
   * Nothing to do when the federation never ran in this database.
   */
  public static void forgetOwnLog(java.sql.Connection tx) throws java.sql.SQLException {
    for (String table : List.of("fed_cosigned", "fed_witness_progress")) {
      if (FederationStore.exists(tx, table)) {
        try (java.sql.Statement s = tx.createStatement()) {
          s.executeUpdate("DELETE FROM " + table);
        }
      }
    }
  }

  public List<Alert> alerts() throws FederationException {
    return alerts.list();
  }

  /** Where a stored object version came from, if it was pulled from a peer. */
  public Optional<Provenance> provenance(String localCollection, String objectId, String version)
      throws FederationException {
    return store.provenance(localCollection, objectId, version);
  }

  /** The local collection that receives a peer collection's objects, once created. */
  public Optional<String> mirror(String peer, String remoteCollection, boolean restricted)
      throws FederationException {
    return store.mirror(peer, remoteCollection, restricted);
  }

  /** What one round did. */
  public record Round(int cosignatures, int objectsStored, int peersFailed) {}

  /**
   * One round: asks the peers to cosign this node's latest checkpoint, then pulls from every peer. A peer that
   * fails is logged and skipped; the others proceed. Until this node's own party is set, nothing is pulled and
   * every peer counts as failed.
   */
  public Round syncOnce() throws FederationException {
    int cosigs = collector.round();
    int[] pulled = pullAll();
    return new Round(cosigs, pulled[0], pulled[1]);
  }

  private int[] pullAll() throws FederationException {
    int stored = 0;
    int failed = 0;
    List<Peer> peers = store.peers();
    if (!peers.isEmpty() && store.setting(SELF).isEmpty()) {
      // Mirrors are made for the own party: without it, wait rather than make them for a name nobody holds.
      if (!waitingForSelf.getAndSet(true)) {
        LOG.warn("event=pulls_waiting cause={}", SELF_UNSET);
      }
      return new int[] {0, peers.size()};
    }
    if (waitingForSelf.getAndSet(false)) {
      LOG.info("event=pulls_resumed");
    }
    for (Peer p : peers) {
      if (!paused.due(p.name())) {
        failed++;
        continue; // it broke a limit recently: others are pulled without waiting on it again
      }
      try {
        int n = puller.pull(p);
        stored += n;
        if (n > 0) { // progress an operator can follow: what arrived from whom (a round with nothing is silent)
          LOG.info("event=pulled peer={} objects={}", p.name(), n);
        }
        boolean wasPaused = paused.succeeded(p.name());
        if (failing.remove(p.name()) != null || wasPaused) {
          LOG.info("event=pull_recovered peer={}", p.name());
        }
      } catch (FederationException | RuntimeException e) { // one peer's failure never stops the others' pulls
        failed++;
        String cause = e instanceof FederationException ? e.getMessage() : e.toString();
        if (PeerClient.brokeLimit(e)) {
          Duration pause = paused.failed(p.name(), true);
          LOG.warn("event=pull_failed peer={} paused_ms={} cause={}", p.name(), pause.toMillis(), cause);
          failing.put(p.name(), cause);
        } else if (!cause.equals(failing.put(p.name(), cause))) {
          // Once per peer and cause: an unreachable peer polled every 100 ms must not flood the log.
          LOG.warn("event=pull_failed peer={} cause={}", p.name(), cause);
        }
      }
    }
    return new int[] {stored, failed};
  }

  /**
   * Runs in the background until {@link #close}: cosignature collection every 50 ms (it only works when the log
   * has signed a new checkpoint), and pulls every {@link FederationConfig#interval()}. Two threads, so that a
   * slow peer never delays the witnessing of this node's own log.
   */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "parley-federation");
      t.setDaemon(true);
      return t;
    });
    // Each round survives its own failures, errors included: a periodic task that throws once is never run again.
    Schedules.everyPeriod(thread, "cosigning_round", Duration.ofMillis(COLLECT_EVERY_MILLIS), collector::round);
    Schedules.everyPeriod(thread, "pull_round", config.interval(), this::pullAll);
  }

  /** A connection to the node's database, for tools that inspect federation state. */
  Connection connection() throws java.sql.SQLException {
    return store.connection();
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.shutdown();
      try {
        thread.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
    collector.close();
    store.close();
  }
}
