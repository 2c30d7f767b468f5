package org.parley.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Optional;
import org.parley.node.NodeConfig;

/**
 * The key store {@code parley serve --tls-keystore} serves HTTPS with, opened before the node starts: a wrong or
 * missing password otherwise surfaced from deep in Jetty as "unexpected error: java.io.IOException: keystore password
 * was incorrect", saying nothing of how to give one.
 */
final class TlsKeyStores {
  static final String PASSWORD_ENV = "PARLEY_TLS_PASSWORD";

  private TlsKeyStores() {}

  /**
   * The TLS settings for {@code keyStore}, its password read from {@code passwordFile} if given, else from
   * {@value #PASSWORD_ENV} (else empty), once the key store has opened with it.
   *
   * @throws IOException saying which file could not be read or opened, and how to give the password
   */
  static NodeConfig.Tls open(Path keyStore, Path passwordFile) throws IOException {
    Optional<String> env = Optional.ofNullable(System.getenv(PASSWORD_ENV)).filter(p -> !p.isEmpty());
    String password = passwordFile != null ? readSecret(passwordFile, "--tls-password-file") : env.orElse("");
    String given = passwordFile != null ? "the password in --tls-password-file " + passwordFile
        : env.isPresent() ? "the password in " + PASSWORD_ENV
        : "no password (neither " + PASSWORD_ENV + " nor --tls-password-file is set)";
    KeyStore store;
    try (InputStream in = Files.newInputStream(keyStore)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
    } catch (NoSuchFileException e) {
      throw new IOException("--tls-keystore " + keyStore + ": no such file (a PKCS#12 key store, .p12)", e);
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new IOException("--tls-keystore " + keyStore + " does not open with " + given + ": give the key"
            + " store's password in the " + PASSWORD_ENV + " environment variable or in a file named by"
            + " --tls-password-file FILE", e);
      }
      throw new IOException("--tls-keystore " + keyStore + " is not a PKCS#12 key store this Java reads: "
          + Failures.describe(e), e);
    } catch (GeneralSecurityException e) {
      throw new IOException("--tls-keystore " + keyStore + " is not a PKCS#12 key store this Java reads: "
          + Failures.describe(e), e);
    }
    return new NodeConfig.Tls(keyStore, password);
  }

  /** The secret in {@code file}, without surrounding white space. */
  static String readSecret(Path file, String option) throws IOException {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IOException(option + " " + file + ": cannot read it (" + Failures.describe(e) + ")", e);
    }
  }
}
