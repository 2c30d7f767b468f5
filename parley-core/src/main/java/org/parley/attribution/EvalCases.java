package org.parley.attribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an evaluation directory for {@link Evaluation#load}: {@code labels.csv}, its labels resolved against the
 * knowledge base, and each case's bundle beside it.
 */
final class EvalCases {
  /** An ATT&CK group id as labels write it (G0016, g1015). */
  private static final Pattern GROUP_ID = Pattern.compile("(?i)G\\d{4}");

  private final Path dir;
  private final KnowledgeBase kb;
  private final List<Evaluation.Case> cases = new ArrayList<>();
  private final Map<String, Integer> caseLine = new HashMap<>();
  private AttributionException firstUnreadable;
  private int unreadable;

  private EvalCases(Path dir, KnowledgeBase kb) {
    this.dir = dir;
    this.kb = kb;
  }

  /** As {@link Evaluation#load}. */
  static List<Evaluation.Case> load(Path dir, KnowledgeBase kb) throws AttributionException {
    return new EvalCases(dir, kb).read();
  }

  private List<Evaluation.Case> read() throws AttributionException {
    List<String> lines = labelLines(dir.resolve("labels.csv"));
    int lineNo = 0;
    boolean seenRow = false;
    for (String line : lines) {
      lineNo++;
      String l = (lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      List<String> fields = csvFields(l);
      if (fields.size() < 2 || fields.get(0).isEmpty()) {
        throw new AttributionException("labels.csv line " + lineNo + ": expected \"case,actor\", got \"" + l + "\"");
      }
      String name = fields.get(0);
      boolean first = !seenRow;
      seenRow = true;
      if (first && isHeader(name, fields.get(1), dir, kb)) {
        continue; // a header is the first row only: a later case may be named "case"
      }
      addCase(lineNo, name, fields.get(1));
    }
    if (!cases.isEmpty() && unreadable == cases.size()) {
      throw firstUnreadable; // nothing to evaluate: the wrong directory, not one broken file
    }
    if (cases.isEmpty()) {
      throw new AttributionException(dir.resolve("labels.csv") + " lists no case (expected lines \"case,actor\","
          + " each naming a <case>.json beside it)");
    }
    return cases;
  }

  /** The case of one row of labels.csv: {@code name} and its actor field as written. */
  private void addCase(int lineNo, String name, String actors) throws AttributionException {
    List<String> written = Arrays.stream(actors.split("\\|")).map(String::strip)
        .filter(x -> !x.isEmpty()).toList();
    if (written.isEmpty()) {
      throw new AttributionException("labels.csv line " + lineNo + ": case " + name + " has no actor");
    }
    List<String> notes = new ArrayList<>();
    Set<String> labels = labels(written, notes);
    if (name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")
        || Path.of(name).isAbsolute()) {
      throw new AttributionException("labels.csv line " + lineNo + ": case " + name + " is not a file name in "
          + dir + " (a case is <case>.json beside labels.csv)");
    }
    Integer earlier = caseLine.putIfAbsent(name.replaceFirst("\\.json(\\.gz)?$", ""), lineNo);
    if (earlier != null) {
      throw new AttributionException("labels.csv line " + lineNo + ": case " + name + " is listed twice (first on"
          + " line " + earlier + "); list each case once, alternatives joined by |");
    }
    Incident incident = incident(lineNo, name, notes);
    cases.add(new Evaluation.Case(name, incident, labels, String.join("; ", notes)));
  }

  /** The labels as the knowledge base reads the actors {@code written}; how each was read goes to {@code notes}. */
  private Set<String> labels(List<String> written, List<String> notes) {
    Set<String> labels = new LinkedHashSet<>();
    for (String w : written) {
      String up = w.toUpperCase(Locale.ROOT);
      if (up.equals(Hypothesis.UNKNOWN) || kb.groupByExternalId(up).isPresent()) {
        labels.add(up);
        continue;
      }
      Optional<Group> replaced = kb.replacement(up).flatMap(kb::group);
      if (replaced.isPresent()) { // a group id ATT&CK revoked and merged into another
        labels.add(replaced.get().externalId().toUpperCase(Locale.ROOT));
        notes.add(w + " is revoked in ATT&CK, read as " + replaced.get().externalId());
        continue;
      }
      List<Group> named = kb.groups().stream().filter(g -> Names.key(g.name()).equals(Names.key(w))
          || g.aliases().stream().anyMatch(a -> Names.key(a).equals(Names.key(w)))).toList();
      if (named.size() == 1) {
        labels.add(named.get(0).externalId().toUpperCase(Locale.ROOT));
        notes.add(w + " read as " + named.get(0).externalId());
      } else {
        labels.add(Hypothesis.UNKNOWN);
        notes.add(w + " is not in the knowledge base: scored as UNKNOWN");
      }
    }
    return labels;
  }

  /** The incident of case {@code name}; if its bundle cannot be read, one of no evidence (said in {@code notes}). */
  private Incident incident(int lineNo, String name, List<String> notes) {
    Path file = bundleOf(dir, name);
    try {
      if (!Files.isRegularFile(file)) {
        throw new AttributionException("no bundle " + file + " (each case of labels.csv needs DIR/<case>.json or"
            + " <case>.json.gz)");
      }
      return Incidents.read(file, kb);
    } catch (AttributionException e) {
      // scored on no evidence, never dropped and never the end of the run: one broken file among hundreds must
      // neither stop the evaluation nor flatter it (a dropped case is a miss nobody sees)
      notes.add("labels.csv line " + lineNo + ": unreadable, scored on no evidence: " + e.getMessage()
          + " (fix the bundle, or take the case out of labels.csv)");
      if (firstUnreadable == null) {
        firstUnreadable = new AttributionException("labels.csv line " + lineNo + ": case " + name + ": "
            + e.getMessage() + " — and no case of " + dir + " could be read (is it the right directory?)", e);
      }
      unreadable++;
      return new Incident(name, name, List.of(), List.of(new UnresolvedEvidence(name, "bundle", name,
          e.getMessage())));
    }
  }

  /**
   * The lines of labels.csv: UTF-8 (a byte-order mark allowed), or UTF-16 with its byte-order mark as Windows tools
   * save it; anything else is refused naming the encoding problem ("Input length = 1" said nothing).
   */
  private static List<String> labelLines(Path file) throws AttributionException {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new AttributionException("cannot read " + file + ": " + AttributionException.reason(e)
          + " (expected a labels.csv with lines \"case,actor\" beside the case bundles)", e);
    }
    java.nio.charset.Charset cs = raw.length >= 2 && ((raw[0] == (byte) 0xFF && raw[1] == (byte) 0xFE)
        || (raw[0] == (byte) 0xFE && raw[1] == (byte) 0xFF)) ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8;
    try {
      String text = cs.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(raw))
          .toString();
      return List.of(text.split("\r?\n|\r", -1));
    } catch (java.nio.charset.CharacterCodingException e) {
      int line = 1;
      for (int i = 0; i < raw.length && raw[i] != 0; i++) { // the line of the first byte that is not UTF-8
        line += raw[i] == '\n' ? 1 : 0;
        if ((raw[i] & 0x80) != 0) {
          break;
        }
      }
      throw new AttributionException(file + " is not UTF-8 text (near line " + line + "): save it as UTF-8", e);
    }
  }

  /** A case's bundle: {@code <case>.json}, else {@code <case>.json.gz} when only that exists (the name may end in either). */
  private static Path bundleOf(Path dir, String name) {
    if (name.endsWith(".json") || name.endsWith(".json.gz")) {
      return dir.resolve(name);
    }
    Path plain = dir.resolve(name + ".json");
    Path gz = dir.resolve(name + ".json.gz");
    return !Files.isRegularFile(plain) && Files.isRegularFile(gz) ? gz : plain;
  }

  /**
   * Whether the first row is a header: "case,actor" as documented, or any row naming no bundle whose actor field
   * is no label ("id,group", "case_id,label"): not UNKNOWN, not a group id, not a name the knowledge base knows.
   */
  private static boolean isHeader(String name, String actor, Path dir, KnowledgeBase kb) {
    if (name.equalsIgnoreCase("case")) {
      return true;
    }
    if (Files.isRegularFile(bundleOf(dir, name))) {
      return false;
    }
    String a = actor.strip();
    return !a.isEmpty() && !a.equalsIgnoreCase(Hypothesis.UNKNOWN) && !a.contains("|") && !GROUP_ID.matcher(a).matches()
        && kb.groups().stream().noneMatch(g -> Names.key(g.name()).equals(Names.key(a))
            || g.aliases().stream().anyMatch(x -> Names.key(x).equals(Names.key(a))));
  }

  /** The fields of one CSV line (RFC 4180 quoting: "a, b","say ""x""" → [a, b], [say "x"]), each stripped. */
  static List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          f.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(f.toString().strip());
        f.setLength(0);
      } else {
        f.append(ch);
      }
    }
    out.add(f.toString().strip());
    return out;
  }
}
