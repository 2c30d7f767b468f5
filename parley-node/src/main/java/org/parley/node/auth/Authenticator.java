package org.parley.node.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.parley.node.store.Directory;
import org.parley.node.store.StoreException;

/**
 * Turns an {@code Authorization} header into a party. TAXII 2.1 §1.6.8 requires HTTP Basic: the party's name
 * is the user and an API token the password. {@code Bearer TOKEN} is accepted too.
 */
public final class Authenticator {
  /** The challenge sent with every 401 (RFC 9110 §11.6.1). */
  public static final String CHALLENGE = "Basic realm=\"parley\", charset=\"UTF-8\", Bearer realm=\"parley\"";
  private static final int MAX_HEADER = 1024;

  private final Directory directory;

  public Authenticator(Directory directory) {
    this.directory = directory;
  }

  /** The authenticated party, or empty when the header is missing, malformed or names no valid token. */
  public Optional<String> authenticate(Optional<String> authorization) throws StoreException {
    if (authorization.isEmpty() || authorization.get().length() > MAX_HEADER) {
      return Optional.empty();
    }
    String h = authorization.get().trim();
    int sp = h.indexOf(' ');
    if (sp < 0) {
      return Optional.empty();
    }
    String scheme = h.substring(0, sp).toLowerCase(Locale.ROOT);
    String value = h.substring(sp + 1).trim();
    if (scheme.equals("bearer")) {
      return value.isEmpty() ? Optional.empty() : directory.partyOfTokenHash(Tokens.hash(value));
    }
    if (!scheme.equals("basic")) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String user = decoded.substring(0, colon);
    String token = decoded.substring(colon + 1);
    return directory.partyOfTokenHash(Tokens.hash(token)).filter(user::equals);
  }
}
