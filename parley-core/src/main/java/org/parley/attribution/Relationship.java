package org.parley.attribution;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kept STIX relationship: {@code uses} (group/campaign/software → technique/software/infrastructure),
 * {@code attributed-to}, {@code indicates}, {@code targets}, {@code consists-of}, {@code subtechnique-of}.
 */
public record Relationship(String type, String sourceId, String targetId, String description) {
  /** ATT&CK cites its sources inline: {@code (Citation: Source Name)}. */
  static final Pattern CITATION = Pattern.compile("\\(Citation: ([^)]+)\\)");

  public Relationship {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(description, "description");
  }

  /** The sources the description cites, in order of first citation. */
  Set<String> citations() {
    return citationsIn(description);
  }

  static Set<String> citationsIn(String description) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = CITATION.matcher(description);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }
}
