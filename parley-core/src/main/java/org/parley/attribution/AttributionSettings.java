package org.parley.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;

/**
 * How a data dir's owner wants incidents attributed, kept beside its knowledge base in {@value #FILE} (what
 * {@code parley kb settings} writes; the CLI's {@code attribute}/{@code eval} on that data dir and a node's console
 * read it): {@code unknownShare}, the share of the working group's incidents by actors absent from the knowledge
 * base (see {@link AttributionEngine#create(KnowledgeBase, double)}). Absent file: the model's own defaults.
 */
public record AttributionSettings(double unknownShare) {
  public static final String FILE = "attribution-settings.json";
  /** The model's own: the tune splits' share of unknown actors. */
  public static final AttributionSettings DEFAULT = new AttributionSettings(ActorWeights.UNKNOWN_BASE_RATE);
  private static final long MAX_BYTES = 64 * 1024;

  public AttributionSettings {
    if (!(unknownShare > 0 && unknownShare < 1)) {
      throw new IllegalArgumentException("unknown_share must be between 0 and 1 (exclusive), got " + unknownShare);
    }
  }

  /** The settings in {@code dataDir}, or {@link #DEFAULT} when it has none. */
  public static AttributionSettings read(Path dataDir) throws AttributionException {
    Path file = dataDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return DEFAULT;
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new AttributionException(file + " is larger than " + MAX_BYTES + " bytes: not a settings file");
      }
      JsonNode o = BundleReader.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (o == null || !o.isObject()) {
        throw new AttributionException(file + ": expected a JSON object such as {\"unknown_share\": 0.5}");
      }
      for (Iterator<String> keys = o.fieldNames(); keys.hasNext(); ) {
        String k = keys.next();
        if (!k.equals("unknown_share")) {
          throw new AttributionException(file + ": unknown setting \"" + k + "\" (known: unknown_share)");
        }
      }
      JsonNode share = o.get("unknown_share");
      if (share == null) {
        return DEFAULT;
      }
      if (!share.isNumber()) {
        throw new AttributionException(file + ": unknown_share must be a number between 0 and 1");
      }
      return new AttributionSettings(share.asDouble());
    } catch (IOException e) {
      throw new AttributionException("cannot read " + file + ": " + AttributionException.reason(e), e);
    } catch (IllegalArgumentException e) {
      throw new AttributionException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes these settings into {@code dataDir} (a temporary file moved into place). */
  public void write(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path tmp = Files.createTempFile(dataDir, "settings", ".tmp");
    Files.writeString(tmp, String.format(Locale.ROOT, "{\"unknown_share\": %s}%n", unknownShare),
        StandardCharsets.UTF_8);
    Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** An engine over {@code kb} with these settings. */
  public AttributionEngine engine(KnowledgeBase kb) {
    return equals(DEFAULT) ? AttributionEngine.create(kb) : AttributionEngine.create(kb, unknownShare);
  }
}
