package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;

/** The knowledge base of one development set: the kept ATT&CK objects, scrubbed of the held-out reports' citations. */
final class DevKb {
  private DevKb() {}

  /**
   * Writes the knowledge base of the kept objects; a kept relationship's description loses its citations of the
   * held-out reports ({@code heldOut}), so that no trace of a case's own report stays in its knowledge base.
   */
  static void write(List<JsonNode> objects, Path dir, Predicate<JsonNode> keep, Predicate<String> heldOut)
      throws IOException {
    Files.createDirectories(dir);
    KbBuilder b = new KbBuilder();
    objects.stream().filter(keep).map(o -> scrub(o, heldOut)).forEach(b::accept);
    try (OutputStream o = Files.newOutputStream(dir.resolve("kb.json.gz"))) {
      b.build().writeCompact(o);
    }
  }

  private static JsonNode scrub(JsonNode o, Predicate<String> heldOut) {
    String d = KbBuilder.text(o, "description");
    String type = KbBuilder.text(o, "type");
    if ((type.equals("intrusion-set") || type.equals("campaign")) && !d.isEmpty()) {
      return scrubActor(o, d, heldOut);
    }
    if (!"relationship".equals(type) || d.isEmpty()) {
      return o;
    }
    Matcher m = Relationship.CITATION.matcher(d);
    StringBuilder out = new StringBuilder();
    boolean changed = false;
    while (m.find()) {
      boolean drop = heldOut.test(m.group(1).trim());
      changed |= drop;
      m.appendReplacement(out, drop ? "" : Matcher.quoteReplacement(m.group()));
    }
    if (!changed) {
      return o;
    }
    m.appendTail(out);
    ObjectNode copy = o.deepCopy();
    copy.put("description", out.toString());
    return copy;
  }

  /**
   * An actor's description without what only held-out reports say: a stretch whose citations are all held out goes
   * (its victimology with it); a stretch also citing a kept report stays, citing only the kept ones.
   */
  private static JsonNode scrubActor(JsonNode o, String description, Predicate<String> heldOut) {
    StringBuilder out = new StringBuilder();
    boolean changed = false;
    for (DevSets.Segment seg : DevSets.segments(description)) {
      List<String> kept = seg.cites().stream().filter(c -> !heldOut.test(c)).toList();
      if (!seg.cites().isEmpty() && kept.isEmpty()) {
        changed = true;
        continue;
      }
      changed |= kept.size() != seg.cites().size();
      out.append(seg.text());
      kept.forEach(c -> out.append("(Citation: ").append(c).append(')'));
    }
    if (!changed) {
      return o;
    }
    ObjectNode copy = o.deepCopy();
    copy.put("description", out.toString());
    return copy;
  }
}
