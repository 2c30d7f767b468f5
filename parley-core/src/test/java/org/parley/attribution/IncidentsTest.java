package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Reading an incident bundle as a whole ({@link Incidents#read}): what a bundle is and what is not, JSON errors, pages,
 * versions of one object, duplicates, confidence as credibility, attribution claims and unknown items.
 */
class IncidentsTest {
  private final KnowledgeBase kb = Fixtures.mini();

  @Test
  void read_intrusionSetNamedInTheBundle_isListedAsAClaimAndWeighsNothing() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"intrusion-set\",\"id\":\"" + Fixtures.id("intrusion-set")
        + "\",\"name\":\"Alpha Bear\"}", Fixtures.technique("T1566"));

    assertThat(i.evidence()).hasSize(1);
    assertThat(i.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.type()).isEqualTo("intrusion-set");
      assertThat(u.reason()).contains("attribution claim");
    });
  }

  @Test
  void read_campaignNamedInTheBundle_isListedAsAClaimToo() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"campaign\",\"id\":\"" + Fixtures.id("campaign")
        + "\",\"name\":\"Operation Alpha\"}", Fixtures.technique("T1566"));

    assertThat(i.evidence()).hasSize(1);
    assertThat(i.unresolved()).singleElement().satisfies(u -> {
      assertThat(u.type()).isEqualTo("campaign");
      assertThat(u.reason()).contains("attribution claim");
    });
  }

  @Test
  void read_unknownItems_areListedAsUnresolvedNeverFatal() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("T9999"), Fixtures.tool("NoSuchTool"),
        "{\"type\":\"attack-pattern\",\"id\":\"attack-pattern--eeeeeeee-0000-4000-8000-000000000001\",\"name\":\"own\"}",
        "{\"type\":\"indicator\",\"id\":\"indicator--eeeeeeee-0000-4000-8000-000000000002\","
            + "\"pattern\":\"[domain-name:value = 'nowhere.example']\"}");

    assertThat(i.evidence()).isEmpty();
    assertThat(i.unresolved()).extracting(UnresolvedEvidence::type)
        .containsExactly("attack-pattern", "tool", "attack-pattern", "indicator");
  }

  @Test
  void read_twoVersionsOfAnObject_countTheLatestOnce_andARevokedOneIsListedNotUsed() {
    String id = Fixtures.id("malware");
    String v1 = "{\"type\":\"malware\",\"id\":\"" + id + "\",\"name\":\"BlueShell\",\"is_family\":true,"
        + "\"modified\":\"2020-01-01T00:00:00.000Z\"}";
    String v2 = "{\"type\":\"malware\",\"id\":\"" + id + "\",\"name\":\"RedDoor\",\"is_family\":true,"
        + "\"modified\":\"2021-01-01T00:00:00.000Z\"}";
    String revoked = "{\"type\":\"malware\",\"id\":\"" + Fixtures.id("malware") + "\",\"name\":\"BlueShell\","
        + "\"is_family\":true,\"revoked\":true}";

    Incident i = Fixtures.incident(kb, v2, v1, revoked);

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.label()).contains("RedDoor"));
    assertThat(i.unresolved()).singleElement().satisfies(u -> assertThat(u.reason()).contains("revoked by its producer"));
  }

  @Test
  void read_confidenceOutsideZeroToHundred_isNoStatement_theDefaultCredibility_notZero() {
    String huge = Fixtures.technique("T1027").replaceFirst("}$", ",\"confidence\":9223372036854775808}");
    Incident i = Fixtures.incident(kb, huge, Fixtures.withConfidence(Fixtures.technique("T1105"), 101),
        Fixtures.withConfidence(Fixtures.technique("T1600"), -5));

    assertThat(i.evidence()).extracting(Evidence::credibility).containsOnly(Incidents.DEFAULT_CREDIBILITY);
  }

  @Test
  void read_confidence_becomesCredibility() {
    Incident i = Fixtures.incident(kb, Fixtures.withConfidence(Fixtures.technique("T1027"), 35),
        Fixtures.technique("T1105"));

    assertThat(i.evidence()).extracting(Evidence::credibility).containsExactly(0.35, Incidents.DEFAULT_CREDIBILITY);
  }

  @Test
  void read_severalJsonDocumentsInARow_readsEveryPage_andGarbageAfterABundleIsAnError() throws Exception {
    String page1 = "{\"more\":true,\"objects\":[" + Fixtures.malware("RedDoor") + "]}";
    String page2 = "{\"more\":false,\"objects\":[" + Fixtures.technique("T1600") + "]}";

    Incident both = Incidents.read(new java.io.ByteArrayInputStream((page1 + "\n" + page2 + "\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb);

    assertThat(both.evidence()).hasSize(2); // the second page was dropped without a word
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream((page1 + " trailing")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb)).isInstanceOf(AttributionException.class)
        .hasMessageContaining("not valid JSON at line 1").hasMessageNotContaining("JsonReadFeature");
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream("{\"objects\": [\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb)).isInstanceOf(AttributionException.class)
        .hasMessageContaining("expected close marker for Array (opened at line: 1, column: 13)")
        .hasMessageNotContaining("REDACTED").hasMessageNotContaining("StreamReadFeature");
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream(new byte[0]), kb))
        .isInstanceOf(AttributionException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream("{\"objects\": 3}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb)).isInstanceOf(AttributionException.class)
        .hasMessageContaining("\"objects\" must be an array");
  }

  @Test
  void read_anObjectNamingAPropertyTwice_isListedUnread_andTheRestIsEvidence() throws Exception {
    String twice = "{\"type\":\"bundle\",\"objects\":[" + Fixtures.malware("RedDoor")
        .replaceFirst("\\{", "{\"name\":\"PlugX\",") + "," + Fixtures.technique("T1600") + "]}";

    Incident i = Incidents.read(new java.io.ByteArrayInputStream(twice.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        kb);

    assertThat(i.evidence()).extracting(Evidence::kind).containsExactly(Evidence.Kind.TECHNIQUE);
    assertThat(i.unresolved()).singleElement().satisfies(u -> assertThat(u.reason())
        .isEqualTo("names its property \"name\" twice: which value counts is not agreed (RFC 8259 §4), so it is not read"));
  }

  @Test
  void read_bundleWithoutIncidentObject_isIdentifiedByTheBundle() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("T1027"));

    assertThat(i.id()).isEqualTo("bundle--11111111-1111-4111-8111-111111111111");
  }

  @Test
  void read_sameTechniqueTwice_isOneItem() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("T1027"), Fixtures.withConfidence(Fixtures.technique("T1027"), 95));

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.credibility()).isEqualTo(0.95));
  }

  private Incident readText(String json) throws AttributionException {
    return Incidents.read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), kb);
  }

  @Test
  void read_aBareArrayOfObjectsOrOneObjectAlone_isReadAsTheObjectsItHolds() throws Exception {
    String technique = Fixtures.technique("T1027");

    assertThat(readText("[" + technique + ", 7, " + Fixtures.technique("T1105") + "]").evidence()).hasSize(2);
    Incident alone = readText(technique);
    assertThat(alone.evidence()).singleElement().satisfies(e -> assertThat(e.label()).startsWith("T1027"));
  }

  @Test
  void read_anObjectThatIsNeitherABundleNorASTIXObject_orNotJsonObjects_throwsSayingWhatABundleIs() {
    assertThatThrownBy(() -> readText("{\"type\":\"bundle\",\"id\":\"bundle--1\"}"))
        .isInstanceOf(AttributionException.class).hasMessageContaining("\"objects\" array");
    assertThatThrownBy(() -> readText("{\"name\":\"x\"}")).isInstanceOf(AttributionException.class);
    assertThatThrownBy(() -> readText("\"bundle\"")).isInstanceOf(AttributionException.class)
        .hasMessageContaining("STIX 2.1 §8");
    assertThatThrownBy(() -> readText("[{\"type\":\"attack-pattern\"")).isInstanceOf(AttributionException.class);
  }

  @Test
  void read_truncatedJson_throws() {
    assertThatThrownBy(() -> Incidents.read(new java.io.ByteArrayInputStream("{\"objects\":[{\"type\":".getBytes(
        java.nio.charset.StandardCharsets.UTF_8)), kb)).isInstanceOf(AttributionException.class);
  }
}
