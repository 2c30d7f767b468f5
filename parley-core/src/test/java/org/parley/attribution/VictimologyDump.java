package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.parley.extract.Victimology;

/**
 * Prints what the victimology miner reads in each intrusion set's and campaign's description, for review, and how
 * many actors it gives a victim and how long the reading took: {@code java -cp ... VictimologyDump BUNDLE}.
 */
public final class VictimologyDump {
  public static void main(String[] args) throws Exception {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(args[0])))) {
      JsonNode b = BundleReader.MAPPER.readTree(in);
      Victimology.get().targetsIn("warm-up: loads the gazetteer");
      int actors = 0;
      int withVictims = 0;
      long nanos = 0;
      for (JsonNode o : b.path("objects")) {
        String t = o.path("type").asText();
        if ((t.equals("intrusion-set") || t.equals("campaign")) && !o.path("revoked").asBoolean()
            && !o.path("x_mitre_deprecated").asBoolean()) {
          long start = System.nanoTime();
          java.util.Set<String> v = Victimology.get().targetsIn(o.path("description").asText());
          nanos += System.nanoTime() - start;
          actors++;
          withVictims += v.isEmpty() ? 0 : 1;
          System.out.println(o.path("name").asText() + "\t" + v);
        }
      }
      System.out.printf("%d of %d actors have a victim; read in %.0f ms%n", withVictims, actors, nanos / 1e6);
    }
  }
}
