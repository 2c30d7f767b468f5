package org.parley.attribution;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/** Renders an {@link Assessment}: text and HTML (en, zh-Hans, zh-Hant), JSON, STIX 2.1. */
public final class Reports {
  private Reports() {}

  /** Plain text; control characters in untrusted names are replaced. */
  public static String text(Assessment a, Lang lang) {
    return TextReport.render(Objects.requireNonNull(a), Objects.requireNonNull(lang));
  }

  /** A self-contained HTML page; all untrusted text is escaped. */
  public static String html(Assessment a, Lang lang) {
    return HtmlReport.render(Objects.requireNonNull(a), Objects.requireNonNull(lang));
  }

  /** JSON, schema {@code parley-attribution/1} (docs/design/attribution-report.schema.json). */
  public static String json(Assessment a) {
    return JsonReport.render(Objects.requireNonNull(a));
  }

  /** A STIX 2.1 bundle (note, opinion, grouping) referring to the incident; time and ids injected. */
  public static String stix(Assessment a, Instant now, Supplier<UUID> ids) {
    return StixReport.render(Objects.requireNonNull(a), Objects.requireNonNull(now), Objects.requireNonNull(ids));
  }
}
