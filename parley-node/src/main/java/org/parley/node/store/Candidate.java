package org.parley.node.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.marking.Tlp;
import org.parley.stix.StixObject;

/**
 * One element of a submitted envelope, in envelope order: either a validated object with its TLP level, or a
 * rejection with its reason (the element never reaches the database) and the version it stated, if any.
 */
public record Candidate(Optional<String> id, Optional<StixObject> object, Optional<Tlp> level,
    Optional<String> rejection, Optional<String> rejectedVersion) {
  public Candidate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(rejectedVersion, "rejectedVersion");
    if (object.isPresent() == rejection.isPresent()) {
      throw new IllegalArgumentException("exactly one of object and rejection");
    }
  }

  /**
   * A validated object at the TLP level its markings give ({@link #levelOf}): every path into the store — a TAXII
   * post, a verified pull from a peer — reads the level the same way.
   */
  public static Candidate accepted(StixObject object) {
    return accepted(object, levelOf(object));
  }

  /** A validated object at a level its caller stated (tests that need a level the markings do not give). */
  public static Candidate accepted(StixObject object, Optional<Tlp> level) {
    return new Candidate(Optional.of(object.id()), Optional.of(object), level, Optional.empty(), Optional.empty());
  }

  /**
   * The strictest TLP level of the object's {@code object_marking_refs} and {@code granular_markings} (STIX 2.1
   * §7.2.3: a granular marking marks part of the object, and the object is only as shareable as its most
   * restricted part); the published definition of a TLP level itself is CLEAR: every reader of a marked object
   * needs it. A puller that read the object-level markings only stored an object whose description was TLP:RED as
   * CLEAR, readable by every party of its mirror.
   */
  public static Optional<Tlp> levelOf(StixObject o) {
    if (o.type().equals("marking-definition") && Tlp.fromMarkingRef(o.id()).isPresent() && o.objectMarkingRefs()
        .isEmpty()) {
      return Optional.of(Tlp.CLEAR);
    }
    List<String> refs = new ArrayList<>(o.objectMarkingRefs());
    String text = o.json().utf8();
    if (text.contains("granular_markings")) {
      try {
        for (JsonNode m : JSON.readTree(text).path("granular_markings")) {
          if (m.path("marking_ref").isTextual()) {
            refs.add(m.path("marking_ref").asText());
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("a validated object is JSON", e);
      }
    }
    return Tlp.strictestOf(refs);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public static Candidate rejected(Optional<String> id, String reason) {
    return rejected(id, Optional.empty(), reason);
  }

  /** A refused element and the version ({@code modified}, else {@code created}) it stated, for the status. */
  public static Candidate rejected(Optional<String> id, Optional<String> version, String reason) {
    return new Candidate(id, Optional.empty(), Optional.empty(), Optional.of(reason), version);
  }
}
