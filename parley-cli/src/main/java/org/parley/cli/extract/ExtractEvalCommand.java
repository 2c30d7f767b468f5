package org.parley.cli.extract;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.extract.AttackKnowledge;
import org.parley.extract.CorpusEvaluation;
import org.parley.extract.ExtractException;
import org.parley.extract.Extractor;
import org.parley.extract.TechniqueEvaluation;
import org.parley.extract.TechniqueModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley extract-eval [DIR] [--kb FILE] [--holdout]}: precision/recall on a corpus and on held-out groups. */
@Command(name = "extract-eval", mixinStandardHelpOptions = true,
    description = "Measure extraction: precision/recall of indicators and techniques on a corpus of reports with "
        + "NAME.expected.json golden files, and (--holdout) report-level technique F1 on ATT&CK groups held out "
        + "of training.")
public final class ExtractEvalCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "corpus directory")
  Path dir;

  @Mixin
  KnowledgeOption kb;

  @Option(names = "--holdout", description = "also run the group hold-out evaluation (needs --kb)")
  boolean holdout;

  @Option(names = "--folds", defaultValue = "5", description = "group folds for --holdout (default ${DEFAULT-VALUE})")
  int folds;

  @Option(names = "--validation-folds", defaultValue = "2",
      description = "folds used to choose the threshold; the rest are reported (default ${DEFAULT-VALUE})")
  int validationFolds;

  @Option(names = "--seed", defaultValue = "42", description = "seed of the group shuffle (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--min-indicator-precision", defaultValue = "0",
      description = "exit 2 if corpus indicator precision is below this")
  double minPrecision;

  @Option(names = "--verbose", description = "list every missed and spurious item")
  boolean verbose;

  @Override
  public Integer call() {
    PrintWriter out = Console.out();
    PrintWriter err = Console.err();
    try {
      Optional<AttackKnowledge> k = kb.knowledge();
      int status = 0;
      if (dir != null) {
        TechniqueModel model = k.isPresent() ? TechniqueModel.train(k.get()) : TechniqueModel.builtIn();
        CorpusEvaluation.Result r = CorpusEvaluation.run(dir, Extractor.create(model));
        out.printf(Locale.ROOT, "corpus %s (%d reports, technique model: %s)%n", dir, r.files().size(),
            k.isPresent() ? "ATT&CK-trained" : "built-in lexicon");
        for (CorpusEvaluation.FileResult f : r.files()) {
          out.printf(Locale.ROOT, "  %-40s indicators %s | techniques %s | victims %s | software %s%n", f.name(),
              f.indicators(), f.techniques(), f.victims(), f.software());
        }
        out.println("indicators: " + r.indicators());
        out.println("techniques: " + r.techniques());
        out.println("victims:    " + r.victims());
        out.println("software:   " + r.software() + (k.isPresent() ? "" : " (needs --kb: the built-in lexicon knows no software)"));
        if (verbose) {
          r.indicators().missed().forEach(x -> out.println("  missed indicator   " + x));
          r.indicators().spurious().forEach(x -> out.println("  spurious indicator " + x));
          r.techniques().missed().forEach(x -> out.println("  missed technique   " + x));
          r.techniques().spurious().forEach(x -> out.println("  spurious technique " + x));
          r.victims().missed().forEach(x -> out.println("  missed victim      " + x));
          r.victims().spurious().forEach(x -> out.println("  spurious victim    " + x));
          r.software().missed().forEach(x -> out.println("  missed software    " + x));
          r.software().spurious().forEach(x -> out.println("  spurious software  " + x));
        }
        if (r.indicators().precision() < minPrecision) {
          err.printf(Locale.ROOT, "indicator precision %.3f is below %.3f%n", r.indicators().precision(), minPrecision);
          status = 2;
        }
      }
      if (holdout) {
        if (k.isEmpty()) {
          err.println("parley extract-eval: --holdout needs an ATT&CK bundle (--kb FILE or $PARLEY_ATTACK_BUNDLE)");
          return 1;
        }
        TechniqueEvaluation.Result r = TechniqueEvaluation.holdoutByGroup(k.get(), folds, validationFolds, seed);
        out.printf(Locale.ROOT, "hold-out by group: %d folds, threshold %.2f chosen on %d validation folds%n",
            r.folds(), r.threshold(), r.validationFolds());
        out.println("  validation:               " + r.validation());
        out.println("  test (held-out groups):   " + r.test());
        out.println("  baseline ids+names, test: " + r.baselineTest());
        if (verbose) {
          r.testByThreshold().forEach((t, s) -> out.printf(Locale.ROOT, "  test @%.2f %s%n", t, s));
        }
      }
      if (dir == null && !holdout) {
        err.println("parley extract-eval: give a corpus DIR and/or --holdout");
        return 1;
      }
      return status;
    } catch (ExtractException e) {
      err.println("parley extract-eval: " + e.getMessage());
      return 1;
    }
  }
}
