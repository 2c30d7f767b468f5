package org.parley.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.parley.extract.internal.KnnClassifier;
import org.parley.extract.internal.Procedures;
import org.parley.extract.internal.TermMatcher;

/**
 * What recognises techniques in prose: the built-in EN/ZH term lexicon, and — when trained from an ATT&CK
 * knowledge base — the technique names and a k-NN sentence classifier learnt from the procedure examples and
 * technique descriptions. Immutable once built; safe to share between threads.
 */
public final class TechniqueModel {
  /** Default decision threshold on classifier scores, chosen on held-out groups (see docs/design/extract.md). */
  public static final double DEFAULT_THRESHOLD = 0.20;
  static final int K = 12;

  record Term(String techniqueId, String name, TechniqueMatch.Method method) {}

  private final TermMatcher<Term> terms;
  private final Optional<KnnClassifier> classifier;
  private final Optional<AttackKnowledge> kb;
  private final Map<String, String> lexiconNames;
  private final double threshold;

  private TechniqueModel(TermMatcher<Term> terms, Optional<KnnClassifier> classifier, Optional<AttackKnowledge> kb,
      Map<String, String> lexiconNames, double threshold) {
    this.terms = terms;
    this.classifier = classifier;
    this.kb = kb;
    this.lexiconNames = lexiconNames;
    this.threshold = threshold;
  }

  /** The lexicon alone: explicit ids and built-in terms, no knowledge base. */
  public static TechniqueModel builtIn() {
    TermMatcher<Term> m = new TermMatcher<>();
    Map<String, String> names = new HashMap<>();
    addLexicon(m, names, Optional.empty());
    return new TechniqueModel(m, Optional.empty(), Optional.empty(), names, DEFAULT_THRESHOLD);
  }

  /** Learns from every procedure example and technique description of {@code kb}. */
  public static TechniqueModel train(AttackKnowledge kb) {
    return train(kb, p -> true, DEFAULT_THRESHOLD);
  }

  /** Learns from the procedure examples {@code include} accepts (hold-out evaluation leaves groups out). */
  static TechniqueModel train(AttackKnowledge kb, Predicate<AttackKnowledge.Procedure> include, double threshold) {
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (AttackKnowledge.Procedure p : kb.procedures()) {
      if (include.test(p)) {
        String clean = Procedures.clean(p.text());
        if (clean.length() >= 10) {
          texts.add(clean);
          labels.add(p.techniqueId());
        }
      }
    }
    TermMatcher<Term> m = new TermMatcher<>();
    Map<String, String> names = new HashMap<>();
    for (AttackKnowledge.Technique t : kb.techniques()) {
      texts.add(t.name() + ". " + t.name() + ". " + Procedures.firstSentences(Procedures.clean(t.description()), 2));
      labels.add(t.externalId());
      if (t.name().length() >= 6 && !GENERIC_NAMES.contains(t.name().toLowerCase(Locale.ROOT))) {
        m.add(t.name(), new Term(t.externalId(), t.name(), TechniqueMatch.Method.NAME));
      }
    }
    addLexicon(m, names, Optional.of(kb));
    KnnClassifier c = KnnClassifier.train(texts, labels, K);
    return new TechniqueModel(m, Optional.of(c), Optional.of(kb), names, threshold);
  }

  /** A copy deciding with another classifier threshold. */
  public TechniqueModel withThreshold(double t) {
    if (!(t >= 0 && t <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1], got " + t);
    }
    return new TechniqueModel(terms, classifier, kb, lexiconNames, t);
  }

  /** Names too common in prose to count as a mention of the technique. */
  private static final Set<String> GENERIC_NAMES = Set.of("services", "scripting", "compromise", "exploitation",
      "execution", "encrypted channel", "data staged", "web service", "protocol tunneling", "software",
      "sharepoint", "runtime data manipulation", "hardware additions", "replication through removable media",
      "email accounts", "cloud accounts", "domain accounts", "local accounts", "default accounts", "domains",
      "server", "tool", "malware", "botnet", "web services", "threat intel vendors", "vulnerabilities",
      "digital certificates", "code repositories", "social media", "search engines", "dns", "python",
      "javascript", "visual basic", "powershell", "applescript", "unix shell", "network devices", "emond", "cron",
      "at", "launchd", "systemd", "screensaver", "rootkit", "bootkit", "proxy", "spearphishing via service",
      "email addresses", "employee names", "ip addresses", "network topology", "vpn", "credentials",
      "determine physical locations", "business relationships", "identify roles", "dll", "odbcconf", "msiexec",
      "mshta", "regsvr32", "rundll32", "installutil", "mavinject", "verclsid", "control panel", "compiled html file");

  private static void addLexicon(TermMatcher<Term> m, Map<String, String> names, Optional<AttackKnowledge> kb) {
    try (InputStream in = TechniqueModel.class.getResourceAsStream("/org/parley/extract/technique_lexicon.tsv")) {
      if (in == null) {
        throw new IllegalStateException("missing resource technique_lexicon.tsv");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (kb.isPresent() && kb.get().technique(f[1]).isEmpty()) {
          continue; // the lexicon names a technique this ATT&CK release does not have
        }
        String name = kb.flatMap(k -> k.technique(f[1])).map(AttackKnowledge.Technique::name).orElse(f[2]);
        names.putIfAbsent(f[1], name);
        m.add(f[0], new Term(f[1], name, TechniqueMatch.Method.LEXICON));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TermMatcher<Term> terms() {
    return terms;
  }

  Optional<KnnClassifier> classifier() {
    return classifier;
  }

  Optional<AttackKnowledge> knowledge() {
    return kb;
  }

  double threshold() {
    return threshold;
  }

  /** Name of technique {@code id}, from the knowledge base or else the lexicon. */
  String nameOf(String id) {
    return kb.flatMap(k -> k.technique(id)).map(AttackKnowledge.Technique::name)
        .orElse(lexiconNames.getOrDefault(id, id));
  }
}
