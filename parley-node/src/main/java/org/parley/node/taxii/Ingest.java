package org.parley.node.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.marking.Tlp;
import org.parley.node.store.Candidate;
import org.parley.stix.ParseResult;
import org.parley.stix.Stix;
import org.parley.stix.StixException;
import org.parley.stix.StixObject;
import org.parley.stix.Violation;

/** Reads and validates a POSTed envelope into write-path candidates (TAXII 2.1 §5.4). */
final class Ingest {
  private Ingest() {}

  /** The request body, refusing (413) anything over {@code max} bytes, declared or actual. */
  static byte[] body(Context ctx, long max) throws TaxiiError {
    try {
      return org.parley.node.RequestBodies.read(ctx, max);
    } catch (org.parley.node.RequestBodies.TooLarge e) {
      throw TaxiiError.tooLarge(max);
    } catch (IOException e) {
      throw TaxiiError.badRequest("could not read the request body: " + e.getMessage());
    }
  }

  /** The longest list of reasons a status gives one refused object. */
  static final int MAX_REASONS = 1_000;

  /** One candidate per envelope element, in order; a malformed container is a 400 naming every violation. */
  static List<Candidate> candidates(byte[] body) throws TaxiiError {
    List<ParseResult> results;
    try {
      results = Stix.parseEnvelope(body);
    } catch (StixException e) {
      throw new TaxiiError(400, "Bad Request", Optional.of("the body is not a TAXII envelope or STIX bundle: "
          + e.getMessage()), Map.of("violations", violations(e.violations())));
    }
    if (results.isEmpty()) { // TAXII 2.1 §2: a list holds at least one element; "complete, 0 of 0" said nothing
      throw TaxiiError.badRequest("the envelope holds no objects: give at least one in \"objects\"");
    }
    List<Candidate> out = new ArrayList<>(results.size());
    for (ParseResult r : results) {
      if (r.accepted()) {
        StixObject o = r.object().get();
        Optional<String> forged = contradictedLevel(o);
        if (forged.isPresent()) {
          out.add(Candidate.rejected(Optional.of(o.id()), r.version(), forged.get()));
          continue;
        }
        out.add(Candidate.accepted(o));
      } else {
        String reasons = r.violations().stream().map(v -> v.path() + ": " + v.message() + " [" + v.rule() + "]")
            .collect(Collectors.joining("; "));
        // a status names each refused object with its reasons, bounded: never more than the envelope was
        out.add(Candidate.rejected(r.id(), r.version(), org.parley.stix.internal.Problems.bounded(reasons,
            MAX_REASONS)));
      }
    }
    return out;
  }

  /**
   * A marking definition under the id of a TLP level must define that level: one under TLP:RED's id that says
   * "TLP:CLEAR" (by name, {@code definition.tlp} or the TLP 2.0 extension's {@code tlp_2_0}) would mislead every
   * consumer that reads the definition rather than the id. The reason, or empty when it agrees or is no TLP id.
   */
  static Optional<String> contradictedLevel(StixObject o) {
    Optional<Tlp> level = o.type().equals("marking-definition") ? Tlp.fromMarkingRef(o.id()) : Optional.empty();
    if (level.isEmpty()) {
      return Optional.empty();
    }
    JsonNode d;
    try {
      d = Responses.JSON.readTree(o.json().utf8());
    } catch (IOException e) {
      throw new IllegalStateException("a validated object is JSON", e);
    }
    List<String> stated = new ArrayList<>();
    if (d.path("name").isTextual() && d.path("name").asText().regionMatches(true, 0, "TLP:", 0, 4)) {
      stated.add(d.path("name").asText());
    }
    if (d.path("definition").path("tlp").isTextual()) {
      stated.add(d.path("definition").path("tlp").asText());
    }
    d.path("extensions").forEach(x -> {
      if (x.path("tlp_2_0").isTextual()) {
        stated.add(x.path("tlp_2_0").asText());
      }
    });
    for (String s : stated) {
      Tlp said;
      try {
        said = Tlp.parse(s);
      } catch (IllegalArgumentException e) {
        said = null;
      }
      if (said != level.get()) {
        return Optional.of("a marking definition under the id of " + level.get().label() + " must define "
            + level.get().label() + ", not " + Filters.printable(s));
      }
    }
    return Optional.empty();
  }

  private static List<Map<String, String>> violations(List<Violation> vs) {
    return vs.stream().limit(100).map(v -> {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("path", v.path());
      m.put("rule", v.rule());
      m.put("message", v.message());
      return m;
    }).toList();
  }
}
