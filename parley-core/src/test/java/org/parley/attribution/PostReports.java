package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The post-v12.1 check set (docs/eval/post-v12.1/README.md): one incident per (group, report that ATT&CK v12.1
 * cites nowhere), made of the techniques and software a later ATT&CK's group page cites that report for, and — as
 * the development cases carry them ({@link DevCases}) — one victim and the vulnerabilities that the parts of the
 * page's description citing that report state.
 * {@code java -cp ... org.parley.attribution.PostReports docs/eval/post-v12.1/groups BUNDLE OUT} writes {@code OUT}
 * for {@code parley eval OUT --kb BUNDLE}. Deterministic.
 */
public final class PostReports {
  /** The first ATT&CK group id issued after v12.1 (whose newest group is G1011). */
  static final int FIRST_NEW_GROUP = 1012;
  static final int MIN_ITEMS = 3;
  /** A page's footnote marker, {@code [^5]}. */
  private static final java.util.regex.Pattern FOOTNOTE = java.util.regex.Pattern.compile("\\[\\^(\\d+)]");

  private PostReports() {}

  /** One case: its name, label, the group page it came from and the report it is made of. */
  record Case(String name, String label, String page, String report) {}

  public static void main(String[] args) throws Exception {
    List<Case> cases = write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    long unknown = cases.stream().filter(c -> c.label().equals(Hypothesis.UNKNOWN)).count();
    System.out.printf("%s: %d cases (%d known actor, %d UNKNOWN)%n", args[2], cases.size(), cases.size() - unknown,
        unknown);
  }

  /** The v12.1 objects this builder reads: names of every cited source, live groups, software and techniques. */
  private record Attack(Set<String> sources, Set<String> groups, Map<String, String[]> software,
      Map<String, String> techniques) {}

  private static Attack attack(Path bundle) throws AttributionException, IOException {
    Set<String> sources = new HashSet<>();
    Set<String> groups = new HashSet<>();
    Map<String, String[]> software = new HashMap<>();
    Map<String, String> techniques = new HashMap<>();
    try (InputStream in = Files.newInputStream(bundle)) {
      BundleReader.read(in, o -> {
        o.path("external_references").forEach(r -> {
          String s = KbBuilder.text(r, "source_name").trim();
          if (!s.isEmpty()) {
            sources.add(s);
          }
        });
        if (o.path("revoked").asBoolean(false) || o.path("x_mitre_deprecated").asBoolean(false)) {
          return;
        }
        String type = KbBuilder.text(o, "type");
        String ext = KbBuilder.externalId(o, KbBuilder.text(o, "id"));
        switch (type) {
          case "intrusion-set" -> groups.add(ext);
          case "malware", "tool" -> software.put(ext, new String[] {type, KbBuilder.text(o, "name")});
          case "attack-pattern" -> techniques.put(ext, KbBuilder.text(o, "name"));
          default -> { }
        }
      });
    }
    return new Attack(sources, groups, software, techniques);
  }

  /** Writes the cases and {@code labels.csv} into {@code out}; returns the cases in order. */
  static List<Case> write(Path pages, Path bundle, Path out) throws Exception {
    Attack v12 = attack(bundle);
    Files.createDirectories(out);
    List<Path> files;
    try (Stream<Path> s = Files.list(pages)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    List<Case> cases = new ArrayList<>();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      String gid = lines.get(0).split(" ")[1];
      String label;
      if (v12.groups().contains(gid)) {
        label = gid;
      } else if (Integer.parseInt(gid.substring(1)) >= FIRST_NEW_GROUP) {
        label = Hypothesis.UNKNOWN; // a group ATT&CK added after v12.1: an actor absent from that knowledge base
      } else {
        continue; // a page for an id v12.1 revoked or deprecated
      }
      Map<String, String> refs = new HashMap<>();
      List<String[]> rows = new ArrayList<>();
      String description = "";
      for (String l : lines.subList(1, lines.size())) {
        String[] p = l.split(" ");
        if (l.startsWith("D ")) {
          description = l.substring(2);
        } else if (l.startsWith("R ") && p.length > 2) {
          refs.put(p[1], l.substring(l.indexOf(' ', 2) + 1).trim());
        } else if (l.startsWith("T ") || l.startsWith("S ")) {
          rows.add(p);
        }
      }
      List<String> fresh = refs.entrySet().stream().filter(e -> !e.getValue().isEmpty()
          && !v12.sources().contains(e.getValue())).map(Map.Entry::getKey)
          .sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
      for (String ref : fresh) {
        List<String[]> items = new ArrayList<>();
        for (String[] row : rows) {
          if (List.of(row).subList(2, row.length).contains(ref)) {
            items.add(row);
          }
        }
        if (items.size() < MIN_ITEMS) {
          continue;
        }
        Case c = new Case(String.format("post-%04d", cases.size() + 1), label, f.getFileName().toString(),
            refs.get(ref));
        String cited = withCitations(description, refs);
        String seed = gid + " / " + refs.get(ref);
        Files.writeString(out.resolve(c.name() + ".json"), bundle(c, items, v12,
            DevCases.victimStated(cited, refs.get(ref), seed), DevCases.cvesStated(cited, refs.get(ref))));
        cases.add(c);
      }
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("labels.csv"), StandardCharsets.UTF_8)) {
      w.write("case,actor\n");
      for (Case c : cases) {
        w.write(c.name() + "," + c.label() + "\n");
      }
    }
    return cases;
  }

  /** A page's footnote markers ({@code [^5]}) written as ATT&CK writes citations: {@code (Citation: <source name>)}. */
  static String withCitations(String description, Map<String, String> refs) {
    java.util.regex.Matcher m = FOOTNOTE.matcher(description);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = refs.get(m.group(1));
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(name == null ? "" : "(Citation: " + name + ")"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String bundle(Case c, List<String[]> items, Attack v12, Set<String> victims,
      Set<String> vulnerabilities) throws IOException {
    ObjectNode b = BundleReader.MAPPER.createObjectNode();
    b.put("type", "bundle");
    b.put("id", "bundle--" + DevSets.uuid(c.name()));
    ArrayNode objs = b.putArray("objects");
    ObjectNode inc = objs.addObject();
    DevSets.common(inc, "incident", c.name() + "/incident", c.name());
    inc.put("description", "Check case built from the public report \"" + c.report() + "\"");
    for (String[] row : items) {
      String id = row[1];
      ObjectNode x = objs.addObject();
      if (row[0].equals("T")) {
        DevSets.common(x, "attack-pattern", c.name() + "/" + id, v12.techniques().getOrDefault(id, id));
        ObjectNode ref = x.putArray("external_references").addObject();
        ref.put("source_name", "mitre-attack");
        ref.put("external_id", id);
      } else { // software ATT&CK added later is named by its id, which v12.1 cannot resolve: a new malware family
        String[] known = v12.software().getOrDefault(id, new String[] {"malware", id});
        DevSets.common(x, known[0], c.name() + "/" + id, known[1]);
        if (known[0].equals("malware")) {
          x.put("is_family", true);
        }
      }
    }
    CaseBundle.addVictims(objs, c.name(), victims);
    CaseBundle.addVulnerabilities(objs, c.name(), vulnerabilities);
    return BundleReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(b);
  }
}
