package org.parley.stix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Finds MITRE ATT&CK Enterprise v12.1 (a STIX 2.1 bundle): env {@code PARLEY_ATTACK_BUNDLE}, else
 * {@code shared/attack/enterprise-attack-12.1.json.gz} in the working directory or one of its parents.
 * ATT&CK content © The MITRE Corporation, reproduced under its terms (shared/attack/LICENSE-ATTACK.txt).
 */
final class AttackBundle {
  private static final String RELATIVE = "shared/attack/enterprise-attack-12.1.json.gz";

  private AttackBundle() {}

  static Path path() {
    String env = System.getenv("PARLEY_ATTACK_BUNDLE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("ATT&CK bundle not found: set PARLEY_ATTACK_BUNDLE or place " + RELATIVE
        + " in a parent directory");
  }

  static byte[] bytes() throws IOException {
    Path p = path();
    try (InputStream in = Files.newInputStream(p)) {
      return p.toString().endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
    }
  }
}
