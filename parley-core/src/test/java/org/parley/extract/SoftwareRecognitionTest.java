package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The ATT&CK malware and tools a report names become evidence; plain words, places and denials do not. */
class SoftwareRecognitionTest {
  private static final Extractor EXTRACTOR = extractor();

  private static String software(String type, String id, String name, String... aliases) {
    StringBuilder a = new StringBuilder();
    for (String x : aliases) {
      a.append(a.length() == 0 ? "" : ",").append('"').append(x).append('"');
    }
    return "{\"type\":\"" + type + "\",\"id\":\"" + type + "--00000000-0000-4000-8000-0000000000" + id.substring(3)
        + "\",\"name\":\"" + name + "\",\"x_mitre_aliases\":[" + a + "],\"external_references\":[{\"source_name\":"
        + "\"mitre-attack\",\"external_id\":\"" + id + "\"}]}";
  }

  private static Extractor extractor() {
    String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":["
        + "{\"type\":\"attack-pattern\",\"id\":\"attack-pattern--00000000-0000-4000-8000-000000000001\",\"name\":"
        + "\"Command and Scripting Interpreter\",\"external_references\":[{\"source_name\":\"mitre-attack\","
        + "\"external_id\":\"T1059\"}]},"
        + String.join(",", software("tool", "S0002", "Mimikatz"), software("tool", "S0363", "Empire"),
            software("malware", "S0625", "Cuba"), software("malware", "S0013", "PlugX", "PlugX", "Korplug", "Sogu"),
            software("tool", "S0103", "route"), software("malware", "S0154", "Cobalt Strike"),
            software("tool", "S0098", "certutil"), software("tool", "S0039", "Net", "Net", "net.exe"),
            software("tool", "S0075", "Reg", "Reg", "reg.exe"))
        + "]}";
    try {
      AttackKnowledge kb = AttackKnowledge.load(new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)));
      return Extractor.create(TechniqueModel.train(kb));
    } catch (ExtractException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> named(String text) throws ExtractException {
    return EXTRACTOR.extract(Documents.ofText("r.txt", text)).software().stream()
        .map(m -> m.externalId() + " " + m.name()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "The actor ran mimikatz, then Cobalt Strike beacons and a Korplug sample.|S0002 Mimikatz,S0154 Cobalt Strike,S0013 PlugX",
      "They deployed Empire and decoded files with certutil.|S0363 Empire,S0098 certutil",
      "攻击者使用mimikatz抓取密码。|S0002 Mimikatz",
      "They enumerated accounts with \"net group /domain\" and ran reg.exe add HKCU\\Run.|S0039 Net,S0075 Reg",
      "Persistence: REG ADD key, then NET1 USER admin.|S0075 Reg,S0039 Net",
  })
  void extract_softwareTheReportNames_byNameOrAliasInAnyCaseOrScript(String text, String expected) throws Exception {
    assertThat(named(text)).containsExactly(expected.split(","));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "the empire of a ransomware crew",
      "a diplomat visiting Cuba was phished",
      "the route to the C2 server changed",
      "The operators did not use Mimikatz.",
      "mimikatzes and PlugXtra are no names",
      "the net result was a registry of users; reg. add more",
      "our .net user base and dotnet group grew",
  })
  void extract_plainWordsPlacesDenialsAndPartsOfWords_nameNoSoftware(String text) throws Exception {
    assertThat(named(text)).isEmpty();
  }

  @Test
  void bundle_namedSoftware_isAValidToolOrMalwareWithItsAttackIdAndSpans() throws Exception {
    String text = "Lateral movement used Mimikatz; the implant was PlugX.";
    ObjectMapper json = new ObjectMapper();

    JsonNode bundle = StixEvidence.bundle(EXTRACTOR.extract(Documents.ofText("r.txt", text)), Instant.EPOCH);

    int found = 0;
    for (JsonNode o : bundle.get("objects")) {
      String type = o.get("type").asText();
      if (type.equals("tool") || type.equals("malware")) {
        found++;
        org.parley.stix.Stix.parseObject(json.writeValueAsBytes(o)); // throws on an invalid STIX object
        JsonNode span = o.get("x_parley_spans").get(0);
        assertThat(text.substring(span.get("start").asInt(), span.get("end").asInt())).isEqualTo(o.get("name").asText());
        assertThat(o.get("external_references").get(0).get("external_id").asText()).isIn("S0002", "S0013");
        assertThat(type.equals("malware") ? o.get("is_family").asBoolean() : true).isTrue();
      }
    }
    assertThat(found).isEqualTo(2);
  }
}
