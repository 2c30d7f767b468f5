package org.parley.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.taxii.TaxiiConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run a node: TAXII 2.1 at /taxii2/, health at /health, Prometheus metrics at /metrics.")
final class ServeCommand implements Callable<Integer> {
  /** TaxiiConfig's lower bound on max_content_length. */
  static final long MIN_CONTENT_LENGTH = 1024;

  @Mixin StoreOptions store;

  @Option(names = "--port", defaultValue = "8443", description = "TCP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "interface (default: ${DEFAULT-VALUE}); any"
      + " other than loopback needs --tls-keystore, or --allow-plain-http behind a TLS-terminating proxy")
  String host;

  @Option(names = "--tls-keystore", paramLabel = "FILE.p12",
      description = "PKCS#12 key store with the server certificate; its password is read from the"
          + " PARLEY_TLS_PASSWORD environment variable or --tls-password-file")
  Path keyStore;

  @Option(names = "--tls-password-file", paramLabel = "FILE",
      description = "file holding the --tls-keystore password (instead of the PARLEY_TLS_PASSWORD environment variable)")
  Path passwordFile;

  @Option(names = "--allow-plain-http",
      description = "serve plain HTTP on a non-loopback interface (behind a TLS-terminating proxy only)")
  boolean allowPlainHttp;

  @Option(names = "--public-url", paramLabel = "URL", description = "base URL clients use, for discovery")
  String publicUrl;

  @Option(names = "--max-content-length", defaultValue = "67108864", paramLabel = "BYTES",
      description = "largest request body accepted (TAXII max_content_length), at least 1024 (default: ${DEFAULT-VALUE}"
          + " = 64 MiB); a larger POST is refused with 413")
  long maxContentLength;

  @Option(names = "--log-origin", paramLabel = "ORIGIN",
      description = "C2SP origin of a new transparency log, e.g. cert.example/parley (fixed once created;"
          + " default: a generated parley.invalid/<hex>)")
  String logOrigin;

  @Option(names = "--metrics-token-file", paramLabel = "FILE",
      description = "bearer token (≥ 16 characters) that lets a Prometheus server elsewhere read /metrics; also"
          + " PARLEY_METRICS_TOKEN. Without one, /metrics answers this machine only")
  Path metricsTokenFile;

  @Option(names = "--backup-dir", paramLabel = "DIR",
      description = "back the node up on a schedule into DIR/parley-<UTC time> (SQLite; audited like 'parley backup"
          + " create'), removing all but the newest --backup-keep; DIR outside the data directory, ideally another disk")
  Path backupDir;

  @Option(names = "--backup-every", paramLabel = "INTERVAL", defaultValue = "24h",
      description = "how often, e.g. 6h, 1d, 30m (at least 1m; default: ${DEFAULT-VALUE}); the first is due one"
          + " interval after the newest backup in DIR, at once when there is none")
  String backupEvery;

  @Option(names = "--backup-keep", paramLabel = "N", defaultValue = "7",
      description = "how many scheduled backups to keep (default: ${DEFAULT-VALUE})")
  int backupKeep;

  @Override
  public Integer call() throws Exception {
    Optional<java.time.Duration> every = Durations.parse(backupEvery)
        .filter(d -> d.compareTo(java.time.Duration.ofMinutes(1)) >= 0);
    String backupRefused = backupDir == null ? null
        : store.databaseUrl().isPresent()
            ? "--backup-dir backs up a SQLite data directory; a node on PostgreSQL is backed up with pg_dump"
        : backupKeep < 1 ? "--backup-keep must be at least 1, got " + backupKeep
        : every.isEmpty() ? "--backup-every " + backupEvery + ": expected an interval of at least 1m, such as 30m, 6h or 1d"
        : null;
    if (backupRefused != null) {
      System.err.println("parley: " + backupRefused);
      return 2;
    }
    if (maxContentLength < MIN_CONTENT_LENGTH) {
      System.err.println("parley: --max-content-length must be at least " + MIN_CONTENT_LENGTH + " bytes, got "
          + maxContentLength);
      return 2;
    }
    if (keyStore == null && !allowPlainHttp && !NodeConfig.isLoopback(host)) {
      System.err.println("parley: refusing plain HTTP on " + host + " (TAXII 2.1 requires TLS): give a certificate"
          + " with --tls-keystore FILE.p12, listen on loopback (--host 127.0.0.1), or, behind a TLS-terminating proxy"
          + " only, add --allow-plain-http");
      return 2;
    }
    Optional<NodeConfig.Tls> tls = Optional.empty();
    Optional<String> metricsToken;
    try {
      if (keyStore != null) {
        tls = Optional.of(TlsKeyStores.open(keyStore, passwordFile));
      }
      metricsToken = metricsTokenFile != null ? Optional.of(TlsKeyStores.readSecret(metricsTokenFile,
          "--metrics-token-file")) : Optional.ofNullable(System.getenv("PARLEY_METRICS_TOKEN")).filter(t -> !t.isBlank());
    } catch (java.io.IOException e) {
      System.err.println("parley: " + e.getMessage());
      return 1;
    }
    Node node;
    try {
      node = Node.start(new NodeConfig(store.dataDir(), store.databaseUrl(), host, port, tls, allowPlainHttp,
          new TaxiiConfig("Parley node", maxContentLength, 1000, Duration.ofHours(24),
              Optional.ofNullable(publicUrl)),
          Duration.ofSeconds(30), Clock.systemUTC(), UUID::randomUUID, Optional.ofNullable(logOrigin), metricsToken));
    } catch (IllegalArgumentException | org.parley.node.store.StoreException e) {
      System.err.println("parley: " + e.getMessage());
      return 1;
    }
    org.parley.node.backup.BackupSchedule backups = null;
    if (backupDir != null) {
      try {
        backups = org.parley.node.backup.BackupSchedule.start(store.dataDir(), backupDir, every.get(), backupKeep,
            Clock.systemUTC());
      } catch (org.parley.node.backup.BackupException e) {
        node.close();
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
    }
    System.out.println("parley: serving " + node.discoveryUrl() + " (Ctrl-C stops, finishing writes in flight)"
        + (backups == null ? "" : "; backing up into " + backupDir + " every " + backupEvery + ", keeping "
        + backupKeep));
    awaitShutdown(node, backups);
    return 0;
  }

  /** Blocks until SIGINT/SIGTERM, then closes the node gracefully. */
  static void awaitShutdown(Node node) throws InterruptedException {
    awaitShutdown(node, null);
  }

  /** As {@link #awaitShutdown(Node)}, first letting a scheduled backup in flight finish ({@code backups}: none). */
  static void awaitShutdown(Node node, AutoCloseable backups) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (backups != null) {
        try {
          backups.close();
        } catch (Exception e) {
          System.err.println("parley: stopping the backup schedule: " + e.getMessage());
        }
      }
      node.close();
      stopped.countDown();
    }, "parley-shutdown"));
    stopped.await();
  }
}
