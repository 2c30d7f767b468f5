package org.parley.stix;

import java.util.List;

/**
 * Entry point of the STIX 2.1 capability. SCAFFOLD: the signatures are the contract the node codes against;
 * the bodies are being written on the stix branch.
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
    throw new UnsupportedOperationException("stix branch");
  }

  /**
   * Parses a TAXII envelope ({@code {"objects":[...]}}) or a STIX bundle ({@code {"type":"bundle",...}}),
   * returning one result per element of {@code objects}, in order: either the parsed object or the
   * violations of that element (paths relative to the element, e.g. {@code $.created}). The container
   * itself being malformed (not JSON, not an object, no {@code objects} array) throws.
   */
  public static List<ParseResult> parseEnvelope(byte[] json) throws StixException {
    throw new UnsupportedOperationException("stix branch");
  }

  /** RFC 8785 (JCS) canonical form of a JSON text. */
  public static Bytes canonicalize(Bytes json) throws StixException {
    throw new UnsupportedOperationException("stix branch");
  }
}
