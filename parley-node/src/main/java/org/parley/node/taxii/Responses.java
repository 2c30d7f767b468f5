package org.parley.node.taxii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.parley.node.store.Micros;
import org.parley.node.store.Outcome;
import org.parley.node.store.Status;
import org.parley.node.store.StoredVersion;

/** Renders TAXII 2.1 resources. Stored objects are copied out byte for byte, never re-serialised. */
final class Responses {
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String FIRST = "X-TAXII-Date-Added-First";
  static final String LAST = "X-TAXII-Date-Added-Last";

  private Responses() {}

  static void send(Context ctx, int status, ObjectNode body) {
    try {
      ctx.status(status).contentType(MediaTypes.TAXII).result(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  static ObjectNode error(TaxiiError e) {
    ObjectNode n = NODES.objectNode();
    n.put("title", e.title());
    e.description().ifPresent(d -> n.put("description", d));
    n.put("http_status", Integer.toString(e.status())); // TAXII 2.1 §3.6.1: a string
    if (!e.details().isEmpty()) {
      n.set("details", JSON.valueToTree(e.details()));
    }
    return n;
  }

  /** TAXII 2.1 §3.4.4: the date_added of the first and last rows of a page. */
  static void dateHeaders(Context ctx, List<StoredVersion> rows) {
    if (!rows.isEmpty()) {
      ctx.header(FIRST, Micros.format(rows.get(0).dateAdded()));
      ctx.header(LAST, Micros.format(rows.get(rows.size() - 1).dateAdded()));
    }
  }

  /** TAXII 2.1 §3.7 envelope with the objects' exact bytes. */
  static byte[] envelope(List<StoredVersion> rows, boolean more, Optional<String> next) {
    int size = 64 + rows.stream().mapToInt(r -> r.json().length() + 1).sum();
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    write(out, "{\"more\":" + more);
    next.ifPresent(n -> write(out, ",\"next\":\"" + n + "\""));
    if (!rows.isEmpty()) {
      write(out, ",\"objects\":[");
      for (int i = 0; i < rows.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.writeBytes(rows.get(i).json().toArray());
      }
      out.write(']');
    }
    out.write('}');
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  static ObjectNode manifest(List<StoredVersion> rows, boolean more, Optional<String> next) {
    ObjectNode n = paged(more, next);
    if (!rows.isEmpty()) {
      ArrayNode a = n.putArray("objects");
      for (StoredVersion r : rows) {
        a.addObject().put("id", r.objectId()).put("date_added", Micros.format(r.dateAdded()))
            .put("version", r.versionText()).put("media_type", MediaTypes.STIX);
      }
    }
    return n;
  }

  static ObjectNode versions(List<StoredVersion> rows, boolean more, Optional<String> next) {
    ObjectNode n = paged(more, next);
    if (!rows.isEmpty()) {
      ArrayNode a = n.putArray("versions");
      rows.forEach(r -> a.add(r.versionText()));
    }
    return n;
  }

  private static ObjectNode paged(boolean more, Optional<String> next) {
    ObjectNode n = NODES.objectNode();
    n.put("more", more);
    next.ifPresent(x -> n.put("next", x));
    return n;
  }

  /** TAXII 2.1 §4.3.1 status resource; this node completes every request before answering. */
  static ObjectNode status(Status s) {
    ObjectNode n = NODES.objectNode();
    n.put("id", s.id());
    n.put("status", "complete");
    n.put("request_timestamp", Micros.format(s.requestTimestamp()));
    n.put("total_count", s.outcomes().size());
    n.put("success_count", s.successCount());
    n.put("failure_count", s.failureCount());
    n.put("pending_count", 0);
    String requested = Micros.format(s.requestTimestamp());
    details(n, "successes", s.outcomes(), true, requested);
    details(n, "failures", s.outcomes(), false, requested);
    return n;
  }

  /**
   * TAXII 2.1 §4.3.1 status details: {@code version} is required — the object's {@code modified}, else its
   * {@code created}, else (an element that states neither, or is no object at all) "an identical value
   * consistently": the request's timestamp.
   */
  private static void details(ObjectNode n, String field, List<Outcome> outcomes, boolean success, String requested) {
    ArrayNode a = NODES.arrayNode();
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome o = outcomes.get(i);
      if (o.success() != success) {
        continue;
      }
      ObjectNode d = a.addObject();
      d.put("id", o.id().orElse("objects[" + i + "]"));
      d.put("version", o.version().orElse(requested));
      o.message().ifPresent(m -> d.put("message", m));
    }
    if (!a.isEmpty()) {
      n.set(field, a);
    }
  }
}
