package org.parley.cli;

import java.nio.file.Files;
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
  @Mixin StoreOptions store;

  @Option(names = "--port", defaultValue = "8443", description = "TCP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "interface (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--tls-keystore", paramLabel = "FILE.p12",
      description = "PKCS#12 key store with the server certificate; its password is read from the"
          + " PARLEY_TLS_PASSWORD environment variable or --tls-password-file")
  Path keyStore;

  @Option(names = "--tls-password-file", paramLabel = "FILE")
  Path passwordFile;

  @Option(names = "--allow-plain-http",
      description = "serve plain HTTP on a non-loopback interface (behind a TLS-terminating proxy only)")
  boolean allowPlainHttp;

  @Option(names = "--public-url", paramLabel = "URL", description = "base URL clients use, for discovery")
  String publicUrl;

  @Option(names = "--max-content-length", defaultValue = "67108864", paramLabel = "BYTES")
  long maxContentLength;

  @Option(names = "--log-origin", paramLabel = "ORIGIN",
      description = "C2SP origin of a new transparency log, e.g. cert.example/parley (fixed once created;"
          + " default: a generated parley.invalid/<hex>)")
  String logOrigin;

  @Option(names = "--metrics-token-file", paramLabel = "FILE",
      description = "bearer token (≥ 16 characters) that lets a Prometheus server elsewhere read /metrics; also"
          + " PARLEY_METRICS_TOKEN. Without one, /metrics answers this machine only")
  Path metricsTokenFile;

  @Override
  public Integer call() throws Exception {
    Optional<NodeConfig.Tls> tls = Optional.empty();
    if (keyStore != null) {
      String password = passwordFile != null ? Files.readString(passwordFile).strip()
          : Optional.ofNullable(System.getenv("PARLEY_TLS_PASSWORD")).orElse("");
      tls = Optional.of(new NodeConfig.Tls(keyStore, password));
    }
    Node node;
    try {
      node = Node.start(new NodeConfig(store.dataDir(), store.databaseUrl(), host, port, tls, allowPlainHttp,
          new TaxiiConfig("Parley node", maxContentLength, 1000, Duration.ofHours(24),
              Optional.ofNullable(publicUrl)),
          Duration.ofSeconds(30), Clock.systemUTC(), UUID::randomUUID, Optional.ofNullable(logOrigin),
          metricsTokenFile != null ? Optional.of(Files.readString(metricsTokenFile).strip())
              : Optional.ofNullable(System.getenv("PARLEY_METRICS_TOKEN")).filter(t -> !t.isBlank())));
    } catch (IllegalArgumentException | org.parley.node.store.StoreException e) {
      System.err.println("parley: " + e.getMessage());
      return 1;
    }
    System.out.println("parley: serving " + node.discoveryUrl() + " (Ctrl-C stops, finishing writes in flight)");
    awaitShutdown(node);
    return 0;
  }

  /** Blocks until SIGINT/SIGTERM, then closes the node gracefully. */
  static void awaitShutdown(Node node) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "parley-shutdown"));
    stopped.await();
  }
}
