package org.parley.node.federation;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.parley.tlog.VerifierKey;

/**
 * A party whose node this node pulls from and witnesses.
 *
 * @param name the peer's party name (its objects are stored here with this party as submitter)
 * @param url the peer node's base URL, e.g. {@code https://cert.example:8443}
 * @param token the API token the peer issued to this node; never shown by {@link #toString()}
 * @param logKey the peer log's verifier key (type 0x01): its checkpoints must carry this signature
 * @param witnessKey the peer's witness key (type 0x04), when it cosigns checkpoints for the group
 */
public record Peer(String name, URI url, String token, VerifierKey logKey, Optional<VerifierKey> witnessKey) {
  /** A party name, as {@code parley party add} accepts it. */
  static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

  public Peer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(logKey, "logKey");
    Objects.requireNonNull(witnessKey, "witnessKey");
    if (!name.matches(NAME)) {
      throw new IllegalArgumentException("peer name: expected [A-Za-z0-9][A-Za-z0-9._-]{0,63}, got a name of "
          + name.length() + " characters");
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("peer url: expected http or https, got " + url.getScheme());
    }
    if (logKey.type() != VerifierKey.TYPE_ED25519) {
      throw new IllegalArgumentException("logKey: expected a type 0x01 note verifier key");
    }
    if (witnessKey.isPresent() && witnessKey.get().type() != VerifierKey.TYPE_COSIGNATURE_V1) {
      throw new IllegalArgumentException("witnessKey: expected a type 0x04 cosignature verifier key");
    }
  }

  /** The base URL without a trailing slash. */
  String base() {
    String s = url.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return "Peer[" + name + ", " + url + ", token=***, " + logKey.name() + "]";
  }
}
