package org.parley.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * What extraction needs from a MITRE ATT&CK STIX bundle (any release; unknown object types are skipped):
 * techniques with names and descriptions, the other ATT&CK ids, and the procedure examples on {@code uses}
 * relationships that the technique classifier learns from. Read with Jackson's streaming parser one object at a
 * time, so the bundle is never held as a whole tree. Deprecated and revoked objects are left out.
 *
 * <p>ATT&CK content is © The MITRE Corporation, reproduced under its terms of use (see LICENSE-ATTACK.txt).
 */
public final class AttackKnowledge {
  /** One technique or sub-technique. */
  public record Technique(String externalId, String stixId, String name, String description) {}

  /** An ATT&CK malware or tool: its id, STIX type, name and aliases. */
  public record Software(String externalId, String stixId, String type, String name, List<String> aliases) {
    public Software {
      aliases = List.copyOf(aliases);
    }
  }

  /** One procedure example: a {@code uses} relationship from a group, software or campaign to a technique. */
  public record Procedure(String sourceStixId, String sourceType, String techniqueId, String text) {}

  private final Map<String, Technique> techniquesById = new HashMap<>();
  private final Map<String, Technique> techniquesByStixId = new HashMap<>();
  private final Map<String, String> otherIds = new HashMap<>(); // external id -> stix type
  private final List<Software> software = new ArrayList<>();
  private final Map<String, String> names = new HashMap<>(); // stix id -> name
  private final Map<String, String> descriptions = new HashMap<>(); // group/campaign stix id -> description
  private final List<Procedure> procedures = new ArrayList<>();
  private final Map<String, Set<String>> related = new HashMap<>(); // group/campaign stix id -> related stix ids

  private AttackKnowledge() {}

  /** Reads a bundle file, gzip-compressed or not. */
  public static AttackKnowledge load(Path bundle) throws ExtractException {
    try (InputStream in = Files.newInputStream(bundle)) {
      return load(in);
    } catch (IOException e) {
      throw new ExtractException("cannot read ATT&CK bundle " + bundle + ": " + e.getMessage(), e);
    }
  }

  /** Reads a bundle stream, gzip-compressed or not. */
  public static AttackKnowledge load(InputStream raw) throws ExtractException {
    AttackKnowledge kb = new AttackKnowledge();
    List<JsonNode> relationships = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try {
      InputStream in = new BufferedInputStream(raw);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        in = new GZIPInputStream(in, 65536);
      }
      JsonParser p = new JsonFactory(mapper).createParser(in);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new ExtractException("ATT&CK bundle must be a JSON object (STIX 2.1 §8), got " + p.currentToken());
      }
      boolean sawObjects = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (!field.equals("objects")) {
          p.skipChildren();
          continue;
        }
        sawObjects = true;
        if (p.currentToken() != JsonToken.START_ARRAY) {
          throw new ExtractException("bundle 'objects' must be an array, got " + p.currentToken());
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          JsonNode o = mapper.readTree(p);
          if (o.path("revoked").asBoolean(false) || o.path("x_mitre_deprecated").asBoolean(false)) {
            continue;
          }
          if ("relationship".equals(o.path("type").asText())) {
            relationships.add(o);
          } else {
            kb.addObject(o);
          }
        }
      }
      if (!sawObjects) {
        throw new ExtractException("ATT&CK bundle has no 'objects' array");
      }
    } catch (IOException e) {
      throw new ExtractException("malformed ATT&CK bundle: " + e.getMessage(), e);
    }
    for (JsonNode r : relationships) {
      kb.addRelationship(r);
    }
    if (kb.techniquesById.isEmpty()) {
      throw new ExtractException("ATT&CK bundle has no attack-pattern with a mitre-attack external id");
    }
    return kb;
  }

  private void addObject(JsonNode o) {
    String type = o.path("type").asText();
    String stixId = o.path("id").asText();
    String name = o.path("name").asText("");
    Optional<String> ext = mitreId(o);
    names.put(stixId, name);
    if (type.equals("intrusion-set") || type.equals("campaign")) {
      descriptions.put(stixId, o.path("description").asText(""));
    }
    if (ext.isEmpty()) {
      return;
    }
    if (type.equals("attack-pattern")) {
      Technique t = new Technique(ext.get(), stixId, name, o.path("description").asText(""));
      techniquesById.put(t.externalId(), t);
      techniquesByStixId.put(stixId, t);
    } else if (type.equals("malware") || type.equals("tool")) {
      List<String> aliases = new ArrayList<>();
      o.path("x_mitre_aliases").forEach(a -> aliases.add(a.asText()));
      software.add(new Software(ext.get(), stixId, type, name, aliases));
      otherIds.put(ext.get(), type);
    } else {
      otherIds.put(ext.get(), type);
    }
  }

  private static Optional<String> mitreId(JsonNode o) {
    for (JsonNode ref : o.path("external_references")) {
      if ("mitre-attack".equals(ref.path("source_name").asText()) && ref.hasNonNull("external_id")) {
        return Optional.of(ref.get("external_id").asText());
      }
    }
    return Optional.empty();
  }

  private void addRelationship(JsonNode r) {
    String source = r.path("source_ref").asText();
    String target = r.path("target_ref").asText();
    String kind = r.path("relationship_type").asText();
    if (kind.equals("uses") && techniquesByStixId.containsKey(target) && names.containsKey(source)) {
      String text = r.path("description").asText("");
      if (!text.isBlank()) {
        procedures.add(new Procedure(source, source.substring(0, source.indexOf("--")),
            techniquesByStixId.get(target).externalId(), text));
      }
    } else if ((kind.equals("uses") || kind.equals("attributed-to")) && names.containsKey(source)
        && names.containsKey(target)) {
      // group uses software, campaign attributed-to group: both directions matter for hold-out
      related.computeIfAbsent(source, k -> new HashSet<>()).add(target);
      related.computeIfAbsent(target, k -> new HashSet<>()).add(source);
    }
  }

  /** The technique with ATT&CK id {@code externalId} ({@code T1566.001}). */
  /** ATT&CK's malware and tools (not revoked or deprecated). */
  public List<Software> software() {
    return List.copyOf(software);
  }

  public Optional<Technique> technique(String externalId) {
    return Optional.ofNullable(techniquesById.get(externalId));
  }

  /** Every technique and sub-technique. */
  public Collection<Technique> techniques() {
    return techniquesById.values();
  }

  /** True if {@code externalId} names any ATT&CK object of this bundle (technique, tactic, group, ...). */
  public boolean knows(String externalId) {
    return techniquesById.containsKey(externalId) || otherIds.containsKey(externalId);
  }

  /** The procedure examples, citation markers still in place. */
  public List<Procedure> procedures() {
    return List.copyOf(procedures);
  }

  /** Name of the object with STIX id {@code stixId}. */
  public Optional<String> nameOf(String stixId) {
    return Optional.ofNullable(names.get(stixId));
  }

  /** Description of a group or campaign (prose about the actor, mostly not about techniques). */
  public Optional<String> descriptionOf(String stixId) {
    return Optional.ofNullable(descriptions.get(stixId)).filter(d -> !d.isBlank());
  }

  /** Objects linked to {@code stixId} by uses/attributed-to between groups, software and campaigns. */
  public Set<String> relatedTo(String stixId) {
    return related.getOrDefault(stixId, Set.of());
  }
}
