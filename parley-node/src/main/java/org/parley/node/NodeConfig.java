package org.parley.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.parley.node.taxii.TaxiiConfig;

/**
 * Everything a node needs to start, wired by hand in {@link Node}.
 *
 * @param dataDir where the SQLite database lives when {@code databaseUrl} is empty
 * @param databaseUrl a {@code jdbc:postgresql://…} (or {@code jdbc:sqlite:…}) URL; empty for SQLite in dataDir
 * @param host the interface to listen on
 * @param port the TCP port; 0 picks a free one (tests, benchmarks)
 * @param tls the certificate to serve HTTPS with; empty serves plain HTTP, allowed only on loopback or when
 *     {@code allowPlainHttp} says so (TAXII 2.1 §1.6.1 requires TLS)
 * @param shutdownGrace how long shutdown waits for writes in flight to commit
 * @param logOrigin the C2SP origin the log is created with; empty: the log keeps the origin it has, and a new log
 *     gets a generated {@code parley.invalid/<hex>} (or adopts the one another process of the party stored first)
 */
public record NodeConfig(Path dataDir, Optional<String> databaseUrl, String host, int port, Optional<Tls> tls,
    boolean allowPlainHttp, TaxiiConfig taxii, Duration shutdownGrace, Clock clock, Supplier<UUID> ids,
    Optional<String> logOrigin, Optional<String> metricsToken) {
  /** Without a log origin (a new log gets a generated one, {@code parley.invalid/<hex>}) nor metrics token. */
  public NodeConfig(Path dataDir, Optional<String> databaseUrl, String host, int port, Optional<Tls> tls,
      boolean allowPlainHttp, TaxiiConfig taxii, Duration shutdownGrace, Clock clock, Supplier<UUID> ids) {
    this(dataDir, databaseUrl, host, port, tls, allowPlainHttp, taxii, shutdownGrace, clock, ids, Optional.empty(),
        Optional.empty());
  }

  /**
   * Whether {@code host} names this machine's loopback interface: the only place plain HTTP is allowed without
   * saying so (TAXII 2.1 §1.6.1 requires TLS), for a node's own interface and for the peers it calls alike. A name
   * that does not resolve is not loopback.
   */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public NodeConfig {
    Objects.requireNonNull(logOrigin, "logOrigin");
    Objects.requireNonNull(metricsToken, "metricsToken");
    metricsToken.ifPresent(t -> {
      if (t.strip().length() < 16) {
        throw new IllegalArgumentException("the metrics token must be at least 16 characters");
      }
    });
    // C2SP signed-note: the origin is also the key name, non-empty, with no Unicode space and no '+'.
    logOrigin.ifPresent(o -> {
      if (o.isEmpty() || o.length() > 256 || o.chars().anyMatch(ch -> Character.isWhitespace(ch)
          || Character.isSpaceChar(ch) || Character.isISOControl(ch) || ch == '+')) {
        throw new IllegalArgumentException("invalid log origin \"" + o + "\": a C2SP origin is a schema-less URL"
            + " such as cert.example/parley, without spaces or '+'");
      }
    });
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(taxii, "taxii");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * A PKCS#12 key store holding the server's certificate chain and private key.
   *
   * @param password never shown by {@link #toString()}
   */
  public record Tls(Path keyStore, String password) {
    public Tls {
      Objects.requireNonNull(keyStore, "keyStore");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Tls[keyStore=" + keyStore + ", password=***]";
    }
  }

  /** Loopback, plain HTTP, an ephemeral port, SQLite in {@code dataDir}: for tests and local use. */
  public static NodeConfig local(Path dataDir) {
    return new NodeConfig(dataDir, Optional.empty(), "127.0.0.1", 0, Optional.empty(), false,
        TaxiiConfig.defaults(), Duration.ofSeconds(30), Clock.systemUTC(), UUID::randomUUID);
  }

  public NodeConfig withPort(int p) {
    return new NodeConfig(dataDir, databaseUrl, host, p, tls, allowPlainHttp, taxii, shutdownGrace, clock, ids, logOrigin, metricsToken);
  }

  public NodeConfig withDatabase(Optional<String> url) {
    return new NodeConfig(dataDir, url, host, port, tls, allowPlainHttp, taxii, shutdownGrace, clock, ids, logOrigin, metricsToken);
  }

  public NodeConfig withHost(String h, boolean plainHttpAllowed) {
    return new NodeConfig(dataDir, databaseUrl, h, port, tls, plainHttpAllowed, taxii, shutdownGrace, clock, ids, logOrigin, metricsToken);
  }

  public NodeConfig withTls(Optional<Tls> t) {
    return new NodeConfig(dataDir, databaseUrl, host, port, t, allowPlainHttp, taxii, shutdownGrace, clock, ids, logOrigin, metricsToken);
  }

  public NodeConfig withTaxii(TaxiiConfig t) {
    return new NodeConfig(dataDir, databaseUrl, host, port, tls, allowPlainHttp, t, shutdownGrace, clock, ids, logOrigin, metricsToken);
  }

  public NodeConfig withClock(Clock c) {
    return new NodeConfig(dataDir, databaseUrl, host, port, tls, allowPlainHttp, taxii, shutdownGrace, c, ids, logOrigin, metricsToken);
  }

  /**
   * The C2SP origin of the node's log, used when the log is created; a start naming another origin than the log
   * has is refused (peers pin it). Empty keeps the log's origin.
   */
  public NodeConfig withLogOrigin(Optional<String> origin) {
    return new NodeConfig(dataDir, databaseUrl, host, port, tls, allowPlainHttp, taxii, shutdownGrace, clock, ids,
        origin, metricsToken);
  }

  /** The bearer token that lets a Prometheus server elsewhere read {@code /metrics} (else: loopback only). */
  public NodeConfig withMetricsToken(Optional<String> token) {
    return new NodeConfig(dataDir, databaseUrl, host, port, tls, allowPlainHttp, taxii, shutdownGrace, clock, ids,
        logOrigin, token.map(String::strip));
  }

  @Override
  public String toString() { // the metrics token is a secret (DESIGN.md 11)
    return "NodeConfig[dataDir=" + dataDir + ", host=" + host + ", port=" + port + ", tls=" + tls
        + ", allowPlainHttp=" + allowPlainHttp + ", logOrigin=" + logOrigin + ", metricsToken="
        + (metricsToken.isPresent() ? "***" : "none") + "]";
  }
}
