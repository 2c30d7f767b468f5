package org.parley.node.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.parley.node.store.Directory;
import org.parley.node.store.StoreException;

/**
 * API tokens: 256 random bits, shown once to the operator and stored only as their SHA-256. A fast hash is
 * enough here because the token is uniformly random (no dictionary to attack), unlike a password.
 */
public final class Tokens {
  static final String PREFIX = "plt_";

  private Tokens() {}

  /** Issues a new token for an existing party and returns it; only its hash is stored. */
  public static String issue(Directory directory, String party, SecureRandom random) throws StoreException {
    return issue(directory, party, random, java.util.Optional.empty());
  }

  /** As {@link #issue(Directory, String, SecureRandom)}, for a token that ends at {@code expires} (empty: never). */
  public static String issue(Directory directory, String party, SecureRandom random,
      java.util.Optional<java.time.Instant> expires) throws StoreException {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    directory.addTokenHash(party, hash(token), expires);
    return token;
  }

  /** The at-rest form of a token. */
  public static String hash(String token) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
