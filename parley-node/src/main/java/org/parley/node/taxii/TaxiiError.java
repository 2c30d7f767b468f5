package org.parley.node.taxii;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one checked exception of the TAXII capability: a request the server refuses, with the HTTP status and
 * the fields of the TAXII 2.1 §3.6.1 error resource it is answered with.
 */
public final class TaxiiError extends Exception {
  private final int status;
  private final String title;
  private final Optional<String> description;
  private final Map<String, Object> details;

  public TaxiiError(int status, String title, Optional<String> description, Map<String, Object> details) {
    super(status + " " + title + description.map(d -> ": " + d).orElse(""));
    this.status = status;
    this.title = Objects.requireNonNull(title, "title");
    this.description = Objects.requireNonNull(description, "description");
    this.details = Map.copyOf(details);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public Optional<String> description() {
    return description;
  }

  public Map<String, Object> details() {
    return details;
  }

  static TaxiiError badRequest(String description) {
    return new TaxiiError(400, "Bad Request", Optional.of(description), Map.of());
  }

  static TaxiiError unauthorized() {
    return new TaxiiError(401, "Unauthorized",
        Optional.of("send HTTP Basic credentials (party name, API token) or a Bearer token"), Map.of());
  }

  static TaxiiError forbidden(String description) {
    return new TaxiiError(403, "Forbidden", Optional.of(description), Map.of());
  }

  /** The same answer whether the thing does not exist or the caller may not see it (no existence leak). */
  static TaxiiError notFound(String what) {
    return new TaxiiError(404, "Not Found", Optional.of("no such " + what), Map.of());
  }

  static TaxiiError notAcceptable() {
    return new TaxiiError(406, "Not Acceptable",
        Optional.of("this endpoint serves " + MediaTypes.TAXII), Map.of());
  }

  static TaxiiError tooLarge(long max) {
    return new TaxiiError(413, "Payload Too Large",
        Optional.of("request body exceeds max_content_length of " + max + " bytes"), Map.of());
  }

  static TaxiiError unsupportedMediaType() {
    return new TaxiiError(415, "Unsupported Media Type",
        Optional.of("send Content-Type: " + MediaTypes.TAXII), Map.of());
  }
}
