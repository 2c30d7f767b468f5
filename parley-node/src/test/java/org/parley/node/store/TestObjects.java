package org.parley.node.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.marking.Tlp;
import org.parley.stix.Bytes;
import org.parley.stix.StixObject;
import org.parley.stix.Timestamp;

/** Test objects built directly as {@link StixObject}s, independent of the STIX parser. */
public final class TestObjects {
  private TestObjects() {}

  public static StixObject indicator(int n, String modified, Optional<Tlp> tlp) {
    String id = String.format("indicator--00000000-0000-4000-8000-%012d", n);
    String markings = tlp.map(t -> ",\"object_marking_refs\":[\"" + t.markingRef() + "\"]").orElse("");
    String json = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":"
        + "\"2020-01-01T00:00:00.000Z\",\"modified\":\"" + modified + "\",\"pattern\":\"[ipv4-addr:value = '10.0.0."
        + (n % 250) + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2020-01-01T00:00:00Z\"" + markings
        + ",\"x_custom\":  \"kept  as  is\"}";
    return new StixObject(id, "indicator", "2.1", Optional.of(ts("2020-01-01T00:00:00.000Z")),
        Optional.of(ts(modified)), tlp.map(t -> List.of(t.markingRef())).orElse(List.of()), Bytes.utf8(json));
  }

  public static StixObject indicator(int n) {
    return indicator(n, "2020-01-01T00:00:00.000Z", Optional.empty());
  }

  public static StixObject sco(String value) {
    String id = "ipv4-addr--" + java.util.UUID.nameUUIDFromBytes(value.getBytes());
    String json = "{\"type\":\"ipv4-addr\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"value\":\"" + value + "\"}";
    return new StixObject(id, "ipv4-addr", "2.1", Optional.empty(), Optional.empty(), List.of(), Bytes.utf8(json));
  }

  private static Timestamp ts(String text) {
    return new Timestamp(Instant.parse(text), text);
  }
}
