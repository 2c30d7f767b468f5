package org.parley.cli.extract;

import java.nio.file.Path;
import java.util.Optional;
import org.parley.extract.AttackKnowledge;
import org.parley.extract.ExtractException;
import org.parley.extract.TechniqueModel;
import picocli.CommandLine.Option;

/** {@code --kb FILE}: the ATT&CK bundle to learn technique recognition from (defaults to $PARLEY_ATTACK_BUNDLE). */
public final class KnowledgeOption {
  @Option(names = "--kb", paramLabel = "FILE",
      description = "MITRE ATT&CK STIX bundle (.json or .json.gz) to learn techniques from; "
          + "default: $PARLEY_ATTACK_BUNDLE if set, else the built-in lexicon only")
  Path kb;

  Optional<Path> path() {
    if (kb != null) {
      return Optional.of(kb);
    }
    String env = System.getenv("PARLEY_ATTACK_BUNDLE");
    return env == null || env.isBlank() ? Optional.empty() : Optional.of(Path.of(env));
  }

  Optional<AttackKnowledge> knowledge() throws ExtractException {
    Optional<Path> p = path();
    return p.isEmpty() ? Optional.empty() : Optional.of(AttackKnowledge.load(p.get()));
  }

  TechniqueModel model() throws ExtractException {
    Optional<AttackKnowledge> k = knowledge();
    return k.isPresent() ? TechniqueModel.train(k.get()) : TechniqueModel.builtIn();
  }
}
