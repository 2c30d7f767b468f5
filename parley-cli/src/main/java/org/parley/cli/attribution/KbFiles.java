package org.parley.cli.attribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.parley.attribution.AttributionException;
import org.parley.attribution.KnowledgeBase;
import org.parley.cli.DataDirs;

/**
 * Where the compact knowledge base lives: file {@value #FILE} in the data directory, which is a node's too
 * ({@link DataDirs}: {@code --data DIR}, else {@code $PARLEY_DATA}, else {@code ./parley-data}).
 */
public final class KbFiles {
  static final String FILE = KnowledgeBase.DATA_FILE;
  /** Where the repository layout keeps the ATT&CK release (DESIGN.md): {@code shared/attack/…} beside the project. */
  private static final String SHARED_BUNDLE = "shared/attack/enterprise-attack-12.1.json.gz";

  /** Where attribute and eval look for the ATT&CK release when nothing is imported (tests replace it). */
  static java.util.function.Supplier<Optional<Path>> attackBundle = KbFiles::findAttackBundle;

  private KbFiles() {}

  static Path dataDir(Optional<Path> explicit) {
    return DataDirs.resolve(explicit);
  }

  /**
   * Imports an ATT&CK bundle into {@code dir} as the compact knowledge base that {@code attribute}, {@code eval}
   * and a node's console read (written to a temporary file, then moved into place). Returns the knowledge base.
   */
  public static KnowledgeBase importInto(Path bundle, Path dir) throws AttributionException, java.io.IOException {
    KnowledgeBase kb = knowledge(bundle);
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "kb", ".tmp");
    try (java.io.OutputStream out = Files.newOutputStream(tmp)) {
      kb.writeCompact(out);
    }
    Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return kb;
  }

  /**
   * The ATT&CK bundle at {@code $PARLEY_ATTACK_BUNDLE}, else {@code shared/attack/…} in or above the working dir,
   * else in or above the directory parley.jar is in (so a checkout's bundle is found from any working dir).
   */
  public static Optional<Path> findAttackBundle() {
    String env = System.getenv("PARLEY_ATTACK_BUNDLE");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env)).filter(Files::isRegularFile);
    }
    Optional<Path> found = above(Path.of("").toAbsolutePath());
    if (found.isEmpty()) {
      try {
        found = above(Path.of(KbFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toAbsolutePath());
      } catch (java.net.URISyntaxException | RuntimeException e) {
        return Optional.empty(); // no code source to start from (an unusual class loader): the working dir only
      }
    }
    return found;
  }

  private static Optional<Path> above(Path start) {
    for (Path d = start; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve(SHARED_BUNDLE))) {
        return Optional.of(d.resolve(SHARED_BUNDLE));
      }
    }
    return Optional.empty();
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
          + ": run `parley kb import enterprise-attack.json[.gz]` on this data dir first (--data DIR, else $"
          + DataDirs.ENV + ", else ./" + DataDirs.DEFAULT + "), or pass --kb FILE");
    }
    return knowledge(file);
  }

  /**
   * The knowledge base in {@code file}, refused when it names no technique and no group: an incident or a collection
   * given as --kb by mistake was read as an empty knowledge base, and every assessment said "almost certainly an
   * unknown actor" with nothing to say it was not weighed against anything.
   */
  static KnowledgeBase knowledge(Path file) throws AttributionException {
    KnowledgeBase kb = KnowledgeBase.load(file);
    if (kb.techniques().isEmpty() && kb.groups().isEmpty()) {
      throw new AttributionException(file + " holds no ATT&CK technique and no intrusion set: it is not a knowledge"
          + " base (give an ATT&CK bundle such as enterprise-attack-12.1.json.gz, or the attack-kb.json.gz `parley kb"
          + " import` writes; an incident goes as the first argument of attribute, shared intel as --intel)");
    }
    return kb;
  }

  /**
   * As {@link #load(Optional, Optional)}, then extended with each shared-intel file (a STIX bundle or TAXII envelope,
   * e.g. what {@code parley pull} writes from a node's collection), saying on {@code err} what each one added.
   */
  static KnowledgeBase load(Optional<Path> kb, Optional<Path> data, java.util.List<Path> intel,
      java.io.PrintStream err) throws AttributionException {
    KnowledgeBase k;
    Optional<Path> bundle = kb.isPresent() || Files.isRegularFile(dataDir(data).resolve(FILE)) ? Optional.empty()
        : attackBundle.get();
    if (bundle.isPresent()) {
      // Nothing imported here, but the ATT&CK release is at hand: a first `parley eval DIR` on a checkout works.
      err.println("parley: no knowledge base imported in " + dataDir(data) + "; using the ATT&CK bundle "
          + bundle.get() + " (`parley kb import " + bundle.get() + "` once makes later runs load faster)");
      k = knowledge(bundle.get());
    } else {
      k = load(kb, data);
    }
    for (Path p : intel) {
      if (!Files.isRegularFile(p)) {
        throw new AttributionException("--intel " + p + ": no such file (give a STIX bundle, for instance the one "
            + "`parley pull --out FILE` writes from a node's collection)");
      }
      KnowledgeBase next;
      try {
        next = k.extendedWith(p);
      } catch (AttributionException e) {
        throw new AttributionException("--intel " + p + ": " + e.getMessage(), e);
      }
      err.printf(java.util.Locale.ROOT, "shared intel %s: %+d groups, %+d campaigns, %+d software, %+d relationships%n",
          p, next.groups().size() - k.groups().size(), next.campaigns().size() - k.campaigns().size(),
          next.software().size() - k.software().size(), next.relationships().size() - k.relationships().size());
      k = next;
    }
    return k;
  }
}
