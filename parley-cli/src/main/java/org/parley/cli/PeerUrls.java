package org.parley.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.parley.node.NodeConfig;
import org.parley.tlog.ProofException;
import org.parley.tlog.VerifierKey;

/**
 * The peer URL {@code parley peer add} accepts, and what the peer answers there. The node calls a peer at
 * {@code <base>/federation/v1/…} and {@code <base>/parley/…}, so the base must be exactly scheme, host and port:
 * with a path, every call 404s, which the puller reads as "nothing cosigned yet" forever.
 */
final class PeerUrls {
  /** The peer's resource that needs no token and names its keys (FederationApi). */
  static final String KEYS = "/federation/v1/keys";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private PeerUrls() {}

  /**
   * The base URL {@code text} names, as {@code scheme://host[:port]}.
   *
   * @throws IllegalArgumentException saying what base URL is expected, when it is not one; or when it is plain
   *     http to a host other than loopback (the rule {@code parley serve} applies to itself), since the peer's
   *     token and the TLP:RED objects it shares would then cross the network in cleartext
   */
  static URI base(String text) {
    URI u;
    try {
      u = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(expected(text, "it does not parse: " + e.getReason()));
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(expected(text, "it needs https:// (or http:// to loopback)"));
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException(expected(text, "it names no host"));
    }
    if (u.getRawUserInfo() != null) {
      throw new IllegalArgumentException(expected(text, "it holds a user name; the peer's credential goes in"
          + " --token"));
    }
    String bare = scheme + "://" + u.getRawAuthority();
    if (u.getRawQuery() != null || u.getRawFragment() != null
        || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))) {
      throw new IllegalArgumentException(expected(text, "the node's base URL has no path, query or fragment"
          + " (Parley serves /federation/v1/ and /parley/ under it): give " + bare));
    }
    if (scheme.equals("http") && !NodeConfig.isLoopback(u.getHost())) {
      throw new IllegalArgumentException("refusing plain http to " + u.getHost() + ": the token the peer issued"
          + " and the objects it shares (TLP:RED included) would cross the network in cleartext; use https://"
          + u.getRawAuthority() + " (plain http is for loopback only, as with 'parley serve')");
    }
    return URI.create(bare);
  }

  private static String expected(String text, String why) {
    return "peer URL \"" + text + "\": expected the peer node's base URL, e.g. https://cert-b.example:8443; " + why;
  }

  /** What the peer answered at {@link #KEYS}: all is well, a warning (it may not be up yet), or an error. */
  record Probe(Optional<String> warning, Optional<String> error) {
    static Probe ok() {
      return new Probe(Optional.empty(), Optional.empty());
    }

    static Probe warning(String text) {
      return new Probe(Optional.of(text), Optional.empty());
    }

    static Probe error(String text) {
      return new Probe(Optional.empty(), Optional.of(text));
    }
  }

  /**
   * Asks the peer at {@code base} for its keys, as its node serves them without a token, and compares them with
   * the ones given. Unreachable is a warning (peers are often added before they are up); a 404 (not a Parley
   * node's base URL) or other keys than the ones given are errors.
   */
  static Probe probe(URI base, VerifierKey logKey, Optional<VerifierKey> witnessKey) {
    URI keys = URI.create(base + KEYS);
    Answer r;
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<byte[]> raw = http.send(HttpRequest.newBuilder(keys).timeout(TIMEOUT)
          .header("Accept", "application/json").GET().build(), new org.parley.node.BoundedBody(64 * 1024));
      r = new Answer(raw.statusCode(), new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      if (Failures.isUntrustedCertificate(e)) {
        return Probe.warning("could not check " + keys + " (" + Failures.describe(e) + "); the node pulling from"
            + " this peer needs that trust too: start 'parley serve' with the same PARLEY_JAVA_OPTS");
      }
      return Probe.warning("could not reach " + keys + " (" + Failures.describe(e) + "); the node will keep trying:"
          + " once the peer is up, check that this URL answers");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Probe.warning("interrupted while asking " + keys);
    }
    if (r.statusCode() == 404) {
      return Probe.error(keys + " answered 404: no Parley node serves its federation resources under " + base
          + "; give the base URL its node listens on (the one 'parley serve' prints, without /taxii2/)");
    }
    if (r.statusCode() != 200) {
      return Probe.warning(keys + " answered " + r.statusCode() + " (a Parley node answers 200 there, without"
          + " a token); the node will meet the same answer when it pulls");
    }
    return compare(keys, r.body(), logKey, witnessKey);
  }

  private static Probe compare(URI keys, String body, VerifierKey logKey, Optional<VerifierKey> witnessKey) {
    String servedLog;
    String servedWitness;
    try {
      JsonNode o = JSON.readTree(body);
      servedLog = VerifierKey.parse(o.path("log").asText()).encode();
      servedWitness = VerifierKey.parse(o.path("witness").asText()).encode();
    } catch (IOException | ProofException e) {
      return Probe.error(keys + " answered, but not with a Parley node's keys ({\"log\": …, \"witness\": …}):"
          + " is this the peer's node?");
    }
    if (!servedLog.equals(logKey.encode())) {
      return Probe.error("the node at " + keys + " has log key " + servedLog + ", not the --vkey given ("
          + logKey.encode() + "): check the URL and the keys the peer sent ('parley peer keys' on its node)");
    }
    if (witnessKey.isPresent() && !servedWitness.equals(witnessKey.get().encode())) {
      return Probe.error("the node at " + keys + " has witness key " + servedWitness + ", not the --vkey given ("
          + witnessKey.get().encode() + "): check the keys the peer sent ('parley peer keys' on its node)");
    }
    return Probe.ok();
  }

  /** What the peer answered, read under a cap. */
  private record Answer(int statusCode, String body) {}
}
