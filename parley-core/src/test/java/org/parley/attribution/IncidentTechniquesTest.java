package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading an incident's {@code attack-pattern} objects as ATT&CK techniques ({@link IncidentTechniques}): by ATT&CK
 * id, STIX id, name or kill chain phase, sub-techniques the knowledge base lacks, and ids ATT&CK revoked or deprecated.
 */
class IncidentTechniquesTest {
  private final KnowledgeBase kb = Fixtures.mini();

  @Test
  void read_techniqueWithProducerOwnId_resolvesByAttackExternalId() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("t1059.001"));

    assertThat(i.evidence()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(Evidence.Kind.TECHNIQUE);
      assertThat(e.matches()).containsExactly(kb.techniqueByExternalId("T1059.001").orElseThrow().id());
    });
  }

  @Test
  void read_techniqueWithoutExternalId_resolvesByStixId() {
    String id = kb.techniqueByExternalId("T1600").orElseThrow().id();

    Incident i = Fixtures.incident(kb, "{\"type\":\"attack-pattern\",\"id\":\"" + id + "\",\"name\":\"w\"}");

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.matches()).containsExactly(id));
  }

  @Test
  void read_subTechniqueNewerThanTheKnowledgeBase_countsAsItsParentAndSaysSo() {
    Incident i = Fixtures.incident(kb, Fixtures.technique("T1059.010"));

    assertThat(i.unresolved()).isEmpty();
    assertThat(i.evidence()).singleElement().satisfies(e -> {
      assertThat(e.matches()).containsExactly(kb.techniqueByExternalId("T1059").orElseThrow().id());
      assertThat(e.label()).contains("T1059.010 is not in the knowledge base");
    });
  }

  @Test
  void read_techniqueWithNeitherAttackIdNorKnownStixId_resolvesByItsUniqueName() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern")
        + "\",\"name\":\"weaken  ENCRYPTION\"}");

    assertThat(i.evidence()).singleElement().satisfies(e ->
        assertThat(e.matches()).containsExactly(kb.techniqueByExternalId("T1600").orElseThrow().id()));
  }

  @Test
  void read_techniqueNamedWithSeveralIds_orASlash_isTheSubTechnique() {
    String both = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":"
        + "\"Command and Scripting Interpreter (T1059) - PowerShell (T1059.001)\"}";
    String slash = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":"
        + "\"T1003/001 LSASS Memory\"}";
    KnowledgeBase real = Fixtures.real();

    assertThat(Fixtures.incident(real, both).evidence()).singleElement()
        .satisfies(e -> assertThat(e.label()).startsWith("T1059.001 "));
    assertThat(Fixtures.incident(real, slash).evidence()).singleElement()
        .satisfies(e -> assertThat(e.label()).startsWith("T1003.001 "));
  }

  @Test
  void read_techniqueNameAttackUsesTwice_isReadByItsKillChainPhaseOrElseAsTheCommonOneAndSaysSo() {
    KnowledgeBase real = Fixtures.real();
    String recon = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":"
        + "\"Spearphishing Attachment\",\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\","
        + "\"phase_name\":\"reconnaissance\"}]}";
    String bare = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":"
        + "\"spearphishing attachment\"}";

    Incident byPhase = Fixtures.incident(real, recon);
    Incident common = Fixtures.incident(real, bare);

    assertThat(byPhase.evidence()).singleElement().satisfies(e -> assertThat(e.label())
        .startsWith("T1598.002 ").contains("kill chain phase"));
    assertThat(common.evidence()).singleElement().satisfies(e -> assertThat(e.label())
        .startsWith("T1566.001 ").contains("T1566.001, T1598.002").contains("give the ATT&CK id"));
  }

  @Test
  void load_realBundle_keepsEachTechniquesTacticsThroughTheCompactFile() throws Exception {
    KnowledgeBase real = Fixtures.real();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    real.writeCompact(out);

    KnowledgeBase back = KnowledgeBase.read(new java.io.ByteArrayInputStream(out.toByteArray()));

    assertThat(back.techniqueByExternalId("T1566.001").orElseThrow().tactics()).containsExactly("initial-access");
    assertThat(back.techniqueByExternalId("T1078.004").orElseThrow().tactics())
        .contains("defense-evasion", "initial-access");
  }

  @Test
  void read_subTechniqueNamedOtherwiseThanInTheKnowledgeBase_countsAsItsParentAndSaysSo() {
    Incident i = Fixtures.incident(Fixtures.real(), "{\"type\":\"attack-pattern\",\"id\":\""
        + Fixtures.id("attack-pattern") + "\",\"name\":\"Process Injection: DLL Injection\"}");

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.label())
        .isEqualTo("T1055 Process Injection (as its parent: no sub-technique \"DLL Injection\" in the knowledge base)"));
  }

  @Test
  void read_idsAttackRevoked_resolveToTheirReplacementsAndSaySo_alsoThroughTheCompactFile() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Fixtures.real().writeCompact(out);
    KnowledgeBase compact = KnowledgeBase.read(new java.io.ByteArrayInputStream(out.toByteArray()));
    String oldTechnique = "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern") + "\",\"name\":\"x\","
        + "\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1073\"}]}";
    String oldSoftware = "{\"type\":\"malware\",\"id\":\"" + Fixtures.id("malware") + "\",\"name\":\"Darkmoon\","
        + "\"is_family\":true,\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"S0209\"}]}";

    for (KnowledgeBase kb : List.of(Fixtures.real(), compact)) {
      Incident i = Fixtures.incident(kb, oldTechnique, oldSoftware);

      assertThat(i.evidence()).extracting(Evidence::label).containsExactly(
          "T1574.002 DLL Side-Loading (T1073 is revoked in ATT&CK, replaced by T1574.002)",
          "S0012 PoisonIvy (S0209 is revoked in ATT&CK, replaced by S0012)");
    }
  }

  @Test
  void read_techniqueIdAttackDeprecated_isUnresolvedSayingSo_alsoThroughTheCompactFile() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Fixtures.real().writeCompact(out);
    KnowledgeBase compact = KnowledgeBase.read(new java.io.ByteArrayInputStream(out.toByteArray()));

    for (KnowledgeBase kb : List.of(Fixtures.real(), compact)) {
      Incident i = Fixtures.incident(kb, "{\"type\":\"attack-pattern\",\"id\":\""
          + Fixtures.id("attack-pattern") + "\",\"name\":\"Scripting\","
          + "\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"T1064\"}]}");

      assertThat(i.unresolved()).singleElement().satisfies(u -> assertThat(u.reason())
          .isEqualTo("deprecated in ATT&CK, without a replacement"));
    }
  }

  @Test
  void read_techniqueWithItsAttackIdInXMitreIdOrInItsName_resolves() {
    KnowledgeBase real = Fixtures.real();

    Incident i = Fixtures.incident(real,
        "{\"type\":\"attack-pattern\",\"id\":\"attack-pattern--ffffffff-0000-4000-8000-0000000000c1\","
            + "\"name\":\"Command shell\",\"x_mitre_id\":\"T1059.003\"}",
        "{\"type\":\"attack-pattern\",\"id\":\"attack-pattern--ffffffff-0000-4000-8000-0000000000c2\","
            + "\"name\":\"Scripts (T1059.001)\"}");

    assertThat(i.evidence()).extracting(e -> e.label().substring(0, 9)).containsExactly("T1059.003", "T1059.001");
  }

  @Test
  void read_techniqueNamedInAttacksParentColonSubForm_resolvesToThatSubTechnique() {
    Incident i = Fixtures.incident(Fixtures.real(), "{\"type\":\"attack-pattern\",\"id\":\""
        + Fixtures.id("attack-pattern") + "\",\"name\":\"Phishing: Spearphishing Attachment\"}");

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.label()).startsWith("T1566.001 "));
  }
}
