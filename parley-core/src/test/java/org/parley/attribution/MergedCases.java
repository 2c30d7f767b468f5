package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bigger incidents from an eval directory, for checking the model where cases name many items (a real incident report
 * often documents more than one ATT&CK citation does): the cases of each known group are merged into one bundle (its
 * objects once each, by type and name or ATT&CK id), unknown-actor cases stay as they are.
 * {@code java -cp ... org.parley.attribution.MergedCases DIR OUT} (copies DIR's kb.json.gz when there is one).
 * Used in docs/design/attribution.md ("Bigger incidents"); never to fit or choose.
 */
public final class MergedCases {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MergedCases() {}

  public static void main(String[] args) throws Exception {
    Path in = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Files.createDirectories(out);
    if (Files.exists(in.resolve("kb.json.gz"))) {
      Files.copy(in.resolve("kb.json.gz"), out.resolve("kb.json.gz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Map<String, List<String>> byActor = new TreeMap<>();
    List<String> lines = Files.readAllLines(in.resolve("labels.csv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", 2);
      String key = f[1].equals(Hypothesis.UNKNOWN) ? "unknown:" + f[0] : f[1];
      byActor.computeIfAbsent(key, k -> new ArrayList<>()).add(f[0]);
    }
    StringBuilder labels = new StringBuilder("case,actor\n");
    int known = 0;
    for (Map.Entry<String, List<String>> e : byActor.entrySet()) {
      String name = "m-" + e.getValue().get(0);
      Files.writeString(out.resolve(name + ".json"), merged(in, e.getValue()).toPrettyString());
      boolean unknown = e.getKey().startsWith("unknown:");
      labels.append(name).append(',').append(unknown ? Hypothesis.UNKNOWN : e.getKey()).append('\n');
      known += unknown ? 0 : 1;
    }
    Files.writeString(out.resolve("labels.csv"), labels);
    System.out.printf("%s: %d cases (%d known actor)%n", out, byActor.size(), known);
  }

  private static ObjectNode merged(Path dir, List<String> cases) throws Exception {
    JsonNode incident = null;
    Map<String, JsonNode> objects = new LinkedHashMap<>();
    for (String c : cases) {
      for (JsonNode o : JSON.readTree(dir.resolve(c + ".json").toFile()).path("objects")) {
        if (o.path("type").asText().equals("incident")) {
          incident = incident == null ? o : incident;
          continue;
        }
        String attackId = o.path("external_references").path(0).path("external_id").asText("");
        objects.putIfAbsent(o.path("type").asText() + "|" + o.path("name").asText("") + "|"
            + o.path("country").asText("") + "|" + attackId, o);
      }
    }
    ObjectNode bundle = JSON.createObjectNode().put("type", "bundle")
        .put("id", "bundle--" + incident.path("id").asText().substring("incident--".length()));
    ArrayNode all = bundle.putArray("objects");
    all.add(incident);
    objects.values().forEach(all::add);
    return bundle;
  }
}
