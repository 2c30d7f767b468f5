package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Prints what the victimology miner reads in each intrusion set's description (for review). */
public final class VictimologyDump {
  public static void main(String[] args) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(args[0])))) {
      JsonNode b = BundleReader.MAPPER.readTree(in);
      for (JsonNode o : b.path("objects")) {
        String t = o.path("type").asText();
        if ((t.equals("intrusion-set") || t.equals("campaign")) && !o.path("revoked").asBoolean()) {
          System.out.println(o.path("name").asText() + "\t" + Victimology.get().targetsIn(o.path("description").asText()));
        }
      }
    }
  }
}
