package org.parley.cli.attribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.parley.attribution.AttributionException;
import org.parley.attribution.KnowledgeBase;

/** Where the compact knowledge base lives: {@code $PARLEY_DATA} or {@code ~/.parley}, file {@value #FILE}. */
final class KbFiles {
  static final String FILE = "attack-kb.json.gz";

  private KbFiles() {}

  static Path dataDir(Optional<Path> explicit) {
    if (explicit.isPresent()) {
      return explicit.get();
    }
    String env = System.getenv("PARLEY_DATA");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".parley");
  }

  /** {@code --kb FILE} (ATT&CK bundle or compact file) or the imported knowledge base in the data dir. */
  static KnowledgeBase load(Optional<Path> kb, Optional<Path> data) throws AttributionException {
    if (kb.isPresent() && !Files.isRegularFile(kb.get())) {
      throw new AttributionException("--kb " + kb.get() + ": no such file (give an ATT&CK bundle, .json or .json.gz,"
          + " or the attack-kb.json.gz that `parley kb import` writes)");
    }
    Path file = kb.orElse(dataDir(data).resolve(FILE));
    if (!Files.isRegularFile(file)) {
      throw new AttributionException("no knowledge base at " + file
          + ": run `parley kb import enterprise-attack.json[.gz]` first, or pass --kb FILE");
    }
    return KnowledgeBase.load(file);
  }
}
