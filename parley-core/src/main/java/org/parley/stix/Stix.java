package org.parley.stix;

import java.util.List;
import java.util.Map;
import org.parley.stix.internal.Canonical;
import org.parley.stix.internal.ScoIds;
import org.parley.stix.internal.Parsing;

/**
 * Entry point of the STIX 2.1 capability: parsing with validation of the specification's MUST rules,
 * canonical JSON (RFC 8785) and deterministic identifiers.
 */
public final class Stix {
  private Stix() {}

  /**
   * Parses one STIX 2.1 object from its JSON bytes and validates every MUST rule of STIX 2.1 that can be
   * checked on the object alone. The returned object keeps {@code json} exactly as given.
   *
   * @throws StixException listing every violation (path, rule, message), or one violation for bytes that
   *     are not a JSON object
   */
  public static StixObject parseObject(byte[] json) throws StixException {
    return Parsing.parseObject(json, Compatibility.STRICT);
  }

  /**
   * Parses a TAXII envelope ({@code {"objects":[...]}}) or a STIX bundle ({@code {"type":"bundle",...}}),
   * returning one result per element of {@code objects}, in order: either the parsed object or the
   * violations of that element (paths relative to the element, e.g. {@code $.created}). The container
   * itself being malformed (not JSON, not an object, no {@code objects} array) throws.
   */
  public static List<ParseResult> parseEnvelope(byte[] json) throws StixException {
    return Parsing.parseEnvelope(json, Compatibility.STRICT);
  }

  /** As {@link #parseObject(byte[])}, reading pre-2.1 content as {@code compatibility} allows. */
  public static StixObject parseObject(byte[] json, Compatibility compatibility) throws StixException {
    return Parsing.parseObject(json, compatibility);
  }

  /** As {@link #parseEnvelope(byte[])}, reading pre-2.1 content as {@code compatibility} allows. */
  public static List<ParseResult> parseEnvelope(byte[] json, Compatibility compatibility) throws StixException {
    return Parsing.parseEnvelope(json, compatibility);
  }

  /**
   * RFC 8785 (JCS) canonical form of a JSON text.
   *
   * @throws StixException for input that is not I-JSON (RFC 7493): malformed, duplicate member names, lone
   *     surrogates, or numbers beyond the double range
   */
  public static Bytes canonicalize(Bytes json) throws StixException {
    return Bytes.copyOf(Canonical.canonicalize(json.toArray()));
  }

  /**
   * The deterministic identifier of an SCO (STIX 2.1 §2.9): {@code type--UUIDv5} over the canonical JSON of
   * the type's ID-contributing properties found in {@code properties} (JSON-like values: String, Number,
   * Boolean, List, Map). For example {@code scoId("domain-name", Map.of("value", "example.com"))} is
   * {@code domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7}.
   *
   * @throws StixException rule {@code no-deterministic-id} when the type has no ID-contributing properties
   *     (process, custom types) or none of them is present
   */
  public static String scoId(String type, Map<String, ?> properties) throws StixException {
    return ScoIds.fromProperties(type, properties);
  }

  /** As {@link #scoId(String, Map)}, for an SCO given as JSON (its {@code type} and properties). */
  public static String scoId(Bytes scoJson) throws StixException {
    return ScoIds.fromJson(scoJson.toArray());
  }
}
