package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.extract.internal.NameBasedUuids;

class StixEvidenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2024-07-01T12:00:00Z");

  @Test
  void bundle_victimsTheTextSaysWereTargeted_becomeValidLocationsAndSectorIdentitiesWithTheirSpans() throws Exception {
    String text = "The actor targeted government ministries in South Korea. A Chinese threat group was blamed.";
    Extraction e = Extractor.builtIn().extract(Documents.ofText("r.txt", text));

    ObjectNode bundle = StixEvidence.bundle(e, NOW);

    assertThat(e.victims()).extracting(Victim::key).containsExactly("sector:government", "country:kr");
    JsonNode objects = bundle.get("objects");
    JsonNode report = objects.get(0);
    Set<String> refs = new HashSet<>();
    report.get("object_refs").forEach(r -> refs.add(r.asText()));
    int victims = 0;
    for (JsonNode o : objects) {
      if (o.path("x_parley_role").asText().equals("targeted")) {
        victims++;
        assertThat(refs).contains(o.get("id").asText());
        org.parley.stix.Stix.parseObject(JSON.writeValueAsBytes(o)); // throws on an invalid STIX object
        int start = o.get("x_parley_spans").get(0).get("start").asInt();
        int end = o.get("x_parley_spans").get(0).get("end").asInt();
        assertThat(o.get("type").asText().equals("location") ? o.get("country").asText() : o.get("sectors").get(0).asText())
            .isIn("KR", "government");
        assertThat(text.substring(start, end)).isIn("South Korea", "government");
      }
    }
    assertThat(victims).isEqualTo(2);
  }

  @Test
  void v5_matchesRfc4122KnownAnswer() {
    // the DNS namespace vector published with Python's uuid module: uuid5(NAMESPACE_DNS, "python.org")
    UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    assertThat(NameBasedUuids.v5(dns, "python.org")).hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  }

  /** Expected ids computed independently with Python's uuid.uuid5 over sorted, compact JSON. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "ipv4-addr|{\"value\":\"1.2.3.4\"}|ipv4-addr--0198f97b-e65d-5025-87e5-58bc39d4bdb4",
      "email-addr|{\"value\":\"bob@evil-update.com\"}|email-addr--4b0d863d-ec02-5e48-ac49-e8ca749403e1",
      "file|{\"hashes\":{\"SHA-256\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}}|file--22f8ff52-8f62-5f03-a53a-6f50f54fd74c",
      "autonomous-system|{\"number\":4134}|autonomous-system--1c6e4700-b216-53dd-b5b9-dcca9fcbeb15",
      "windows-registry-key|{\"key\":\"HKEY_CURRENT_USER\\\\Software\\\\Run\"}|windows-registry-key--04c4350f-901f-504c-8b19-513fd6cbbb1e",
      "file|{\"name\":\"工作安排.docx\"}|file--272dcff6-3a36-5fde-93fb-d1f00add28b6",
  })
  void scoId_matchesIndependentImplementation(String type, String props, String expected) throws Exception {
    assertThat(StixEvidence.scoId(type, JSON.readTree(props))).isEqualTo(expected);
  }

  @Test
  void scoId_ignoresPropertyOrder() throws Exception {
    JsonNode a = JSON.readTree("{\"name\":\"a.exe\",\"hashes\":{\"MD5\":\"x\",\"SHA-1\":\"y\"}}");
    JsonNode b = JSON.readTree("{\"hashes\":{\"SHA-1\":\"y\",\"MD5\":\"x\"},\"name\":\"a.exe\"}");
    assertThat(StixEvidence.scoId("file", a)).isEqualTo(StixEvidence.scoId("file", b));
  }

  @Test
  void bundle_reportReferencesEveryObjectAndIndicatorsHavePatterns() throws Exception {
    String text = "C2 hxxp://evil-update[.]com/a.php at 45.77.12[.]9; hash 44d88612fea8a8f36de82e1278abb02f; "
        + "key HKCU\\Software\\Run; T1059.001 and CVE-2021-44228.";
    Extraction e = Extractor.builtIn().extract(Documents.ofText("r.txt", text));
    ObjectNode bundle = StixEvidence.bundle(e, NOW);
    JsonNode objects = bundle.get("objects");
    JsonNode report = objects.get(0);
    assertThat(report.get("type").asText()).isEqualTo("report");
    Set<String> ids = new HashSet<>();
    objects.forEach(o -> ids.add(o.get("id").asText()));
    Set<String> refs = new HashSet<>();
    report.get("object_refs").forEach(r -> refs.add(r.asText()));
    ids.remove(report.get("id").asText());
    assertThat(refs).isEqualTo(ids);
    Set<String> patterns = new HashSet<>();
    objects.forEach(o -> {
      if (o.get("type").asText().equals("indicator")) {
        patterns.add(o.get("pattern").asText());
        assertThat(o.get("x_parley_spans")).isNotEmpty();
        assertThat(o.get("pattern_type").asText()).isEqualTo("stix");
      }
    });
    assertThat(patterns).contains("[url:value = 'http://evil-update.com/a.php']",
        "[ipv4-addr:value = '45.77.12.9']", "[file:hashes.MD5 = '44d88612fea8a8f36de82e1278abb02f']",
        "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Run']");
    assertThat(objects.findValuesAsText("type")).contains("vulnerability", "attack-pattern", "relationship",
        "ipv4-addr", "url", "file", "windows-registry-key");
  }

  @Test
  void bundle_ofEveryCorpusReport_isAcceptedWholeByTheNodesValidator_withAndWithoutAttack() throws Exception {
    String env = System.getenv("PARLEY_ATTACK_BUNDLE");
    java.nio.file.Path attack = env != null ? java.nio.file.Path.of(env) : CorpusEvaluationTest.corpus().getParent()
        .resolveSibling("shared").resolve("attack/enterprise-attack-12.1.json.gz");
    Extractor trained = Extractor.create(TechniqueModel.train(AttackKnowledge.load(attack)));
    try (var files = java.nio.file.Files.list(CorpusEvaluationTest.corpus())) {
      for (java.nio.file.Path f : files.filter(p -> !p.toString().endsWith(".json")).sorted().toList()) {
        for (Extractor x : java.util.List.of(Extractor.builtIn(), trained)) {
          ObjectNode bundle = StixEvidence.bundle(x.extract(Documents.read(f)), NOW);

          var results = org.parley.stix.Stix.parseEnvelope(JSON.writeValueAsBytes(bundle));

          // the report object an empty list made invalid was the one the console attributes
          assertThat(results).as(f.getFileName().toString()).allSatisfy(r -> assertThat(r.violations()).isEmpty());
        }
      }
    }
  }

  @Test
  void bundle_sameTextTwice_sameIds() throws Exception {
    Extraction e = Extractor.builtIn().extract(Documents.ofText("r.txt", "beacon to 45.77.12.9 via PowerShell"));
    assertThat(StixEvidence.bundle(e, NOW)).isEqualTo(StixEvidence.bundle(e, NOW));
    assertThat(StixEvidence.bundle(e, NOW).get("objects").get(0).get("created").asText())
        .isEqualTo("2024-07-01T12:00:00.000Z");
  }

  @Test
  void pattern_escapesQuotesAndBackslashes() {
    assertThat(Observables.literal("it's C:\\x")).isEqualTo("'it\\'s C:\\\\x'");
  }
}
