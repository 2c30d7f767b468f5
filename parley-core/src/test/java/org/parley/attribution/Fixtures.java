package org.parley.attribution;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test data: the mini ATT&CK bundle, the real v12.1 bundle, incident bundles written inline. */
final class Fixtures {
  private Fixtures() {}

  static KnowledgeBase mini() {
    try (InputStream in = Fixtures.class.getResourceAsStream("mini-attack.json")) {
      return KnowledgeBase.read(in);
    } catch (IOException | AttributionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** DESIGN.md: $PARLEY_ATTACK_BUNDLE, else shared/attack/enterprise-attack-12.1.json.gz up from the working dir. */
  static Path attackBundle() {
    String env = System.getenv("PARLEY_ATTACK_BUNDLE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("shared/attack/enterprise-attack-12.1.json.gz");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("ATT&CK v12.1 bundle not found: set PARLEY_ATTACK_BUNDLE");
  }

  private static KnowledgeBase real;

  static synchronized KnowledgeBase real() {
    if (real == null) {
      try {
        real = KnowledgeBase.load(attackBundle());
      } catch (AttributionException e) {
        throw new IllegalStateException(e);
      }
    }
    return real;
  }

  static InputStream bundle(String... objects) {
    String json = "{\"type\":\"bundle\",\"id\":\"bundle--11111111-1111-4111-8111-111111111111\",\"objects\":["
        + String.join(",", objects) + "]}";
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  static Incident incident(KnowledgeBase kb, String... objects) {
    try {
      return Incidents.read(bundle(objects), kb);
    } catch (AttributionException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  private static int counter;

  static synchronized String id(String type) {
    return String.format("%s--aaaaaaaa-0000-4000-8000-%012d", type, ++counter);
  }

  static String technique(String attackId) {
    return "{\"type\":\"attack-pattern\",\"spec_version\":\"2.1\",\"id\":\"" + id("attack-pattern")
        + "\",\"name\":\"x\",\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\""
        + attackId + "\"}]}";
  }

  static String malware(String name) {
    return "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + id("malware") + "\",\"name\":" + quote(name)
        + ",\"is_family\":true}";
  }

  static String tool(String name) {
    return "{\"type\":\"tool\",\"spec_version\":\"2.1\",\"id\":\"" + id("tool") + "\",\"name\":" + quote(name) + "}";
  }

  /** A JSON string literal. */
  static String quote(String s) {
    try {
      return BundleReader.MAPPER.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String withConfidence(String object, int confidence) {
    return object.substring(0, object.length() - 1) + ",\"confidence\":" + confidence + "}";
  }
}
