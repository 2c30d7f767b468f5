package org.parley.cli;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;

/**
 * Why something failed, as one line a user can act on. The JDK's HTTP client throws a {@code ConnectException}
 * whose message is null when nothing listens, which reached users as "cannot reach …: null"; and a node whose
 * certificate this Java does not trust failed with "PKIX path building failed" and nothing about what to do.
 */
public final class Failures {
  /** What to do about a node certificate this Java does not trust (README: "HTTPS with your own certificate"). */
  static final String TRUST_HINT = "this Java does not trust the node's certificate (self-signed, or from a private"
      + " CA): trust it with PARLEY_JAVA_OPTS=\"-Djavax.net.ssl.trustStore=TRUST.p12"
      + " -Djavax.net.ssl.trustStorePassword=PASSWORD\" (README: 'HTTPS with your own certificate')";
  private static final int MAX_CAUSES = 16;

  private Failures() {}

  /**
   * The exception's class and the first message along its causes (never "null"), followed, when the failure is a
   * certificate this Java does not trust, by how to trust it.
   */
  public static String describe(Throwable e) {
    String message = null;
    int depth = 0;
    for (Throwable t = e; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
        break;
      }
    }
    if (message == null && e instanceof java.net.ConnectException) {
      message = "connection refused"; // the JDK's HTTP client says no more when nothing listens at the address
    }
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return isUntrustedCertificate(e) ? text + "; " + TRUST_HINT : text;
  }

  /** Whether {@code e} comes of a certificate path this Java cannot build to a root it trusts (PKIX). */
  public static boolean isUntrustedCertificate(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
          || (t.getMessage() != null && t.getMessage().contains("PKIX path"))) {
        return true;
      }
    }
    return false;
  }
}
