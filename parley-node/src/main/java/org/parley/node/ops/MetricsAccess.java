package org.parley.node.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may read {@code /metrics}: request counts per route and stored-object totals tell an outsider when and how
 * much a group shares, so they are not public. A client on the node's own machine may read them, unless the node
 * runs behind a proxy on that machine (plain HTTP allowed: every request then arrives from loopback); anyone
 * presenting the metrics token ({@code Authorization: Bearer <token>}) may. No token configured: loopback only.
 */
public final class MetricsAccess {
  private final Optional<byte[]> token;
  private final boolean behindProxy;

  /**
   * @param token the metrics bearer token, if the operator set one
   * @param behindProxy true when requests may arrive through a local proxy (loopback is then not trusted)
   */
  public MetricsAccess(Optional<String> token, boolean behindProxy) {
    this.token = Objects.requireNonNull(token, "token").map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.behindProxy = behindProxy;
  }

  /** Whether a request from {@code remoteAddress} with this {@code Authorization} header (may be null) may read. */
  public boolean allows(String remoteAddress, String authorization) {
    if (token.isPresent() && authorization != null && authorization.startsWith("Bearer ")) {
      byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
      if (MessageDigest.isEqual(given, token.get())) { // constant time
        return true;
      }
    }
    return !behindProxy && isLoopback(remoteAddress);
  }

  private static boolean isLoopback(String address) {
    if (address == null || address.isEmpty()) {
      return false;
    }
    try {
      // a literal address from the connection, never a name: no DNS lookup happens here
      return (address.indexOf(':') >= 0 || Character.isDigit(address.charAt(0)))
          && InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
