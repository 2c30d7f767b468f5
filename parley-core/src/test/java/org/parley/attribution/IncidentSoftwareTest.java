package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading an incident's {@code malware} and {@code tool} objects as ATT&CK software ({@link IncidentSoftware}): by id,
 * alias, kind or version words, Malpedia, file and MISP galaxy names; novel families and generic names.
 */
class IncidentSoftwareTest {
  private final KnowledgeBase kb = Fixtures.mini();

  @Test
  void read_malwareWithAttackSoftwareIdButAnotherName_resolvesByTheId() {
    Incident i = Fixtures.incident(kb, "{\"type\":\"malware\",\"id\":\"" + Fixtures.id("malware")
        + "\",\"name\":\"Renamed Door\",\"is_family\":true,\"external_references\":[{\"source_name\":"
        + "\"mitre-attack\",\"external_id\":\"s0001\"}]}");

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly("S0001 RedDoor");
    assertThat(i.unresolved()).isEmpty();
  }

  @Test
  void read_malwareByAliasWithOtherCaseAndPunctuation_resolves() {
    Incident i = Fixtures.incident(kb, Fixtures.malware("RED DOOR x"), Fixtures.tool("mimi-katz"));

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly("S0001 RedDoor", "S0002 Mimikatz");
    assertThat(i.unresolved()).isEmpty();
  }

  @Test
  void read_novelMalware_isUnresolvedAndCountsAsNovelMalwareEvidence() {
    Incident i = Fixtures.incident(kb, Fixtures.malware("BrandNewRAT"));

    assertThat(i.unresolved()).extracting(UnresolvedEvidence::label).containsExactly("BrandNewRAT");
    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(Evidence.Kind.NOVEL_MALWARE));
  }

  @Test
  void read_malwareWithAGenericNameOrNone_isNoFamilyNobodyKnows() {
    for (String name : List.of("ransomware", "RAT", "Unknown", "webshell", "Trojan", "n/a", "custom backdoor")) {
      Incident i = Fixtures.incident(kb, Fixtures.malware(name));
      assertThat(i.evidence()).as(name).isEmpty(); // it raised an unknown actor on nothing
      assertThat(i.unresolved()).singleElement().satisfies(u -> assertThat(u.reason()).contains("generic name"));
    }
    Incident nameless = Fixtures.incident(kb, "{\"type\":\"malware\",\"id\":\"" + Fixtures.id("malware")
        + "\",\"name\":null,\"is_family\":false}");
    assertThat(nameless.evidence()).isEmpty();
    assertThat(nameless.unresolved()).extracting(UnresolvedEvidence::label).doesNotContain("null");
  }

  @Test
  void read_malwareNamedWithAKindOrVersion_resolvesToTheFamilyAndSaysHowItWasRead() {
    KnowledgeBase real = Fixtures.real();

    Incident i = Fixtures.incident(real, Fixtures.tool("Cobalt Strike Beacon"), Fixtures.malware("Remcos RAT"),
        Fixtures.malware("BlackEnergy 3"));

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly(
        "S0154 Cobalt Strike (\"Cobalt Strike Beacon\" read as \"Cobalt Strike\")",
        "S0332 Remcos (\"Remcos RAT\" read as \"Remcos\")",
        "S0089 BlackEnergy (\"BlackEnergy 3\" read as \"BlackEnergy\")");
    assertThat(i.unresolved()).isEmpty();
  }

  @Test
  void read_softwareNamedAsMalpediaOrAsAFile_resolvesAndSaysHowItWasRead() {
    Incident i = Fixtures.incident(Fixtures.real(), Fixtures.malware("win.cobalt_strike"),
        Fixtures.malware("elf.bpfdoor_v2"), Fixtures.tool("mimikatz.exe"), Fixtures.tool("PsExec64.exe"));

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly(
        "S0154 Cobalt Strike (\"win.cobalt_strike\" read as \"cobalt strike\")",
        "elf.bpfdoor_v2", // BPFDoor is newer than v12.1: a novel family
        "S0002 Mimikatz (\"mimikatz.exe\" read as \"mimikatz\")",
        "S0029 PsExec (\"PsExec64.exe\" read as \"PsExec\")");
    assertThat(i.unresolved()).extracting(UnresolvedEvidence::label).containsExactly("elf.bpfdoor_v2");
  }

  @Test
  void read_softwareNamedWithoutTheKindWordsOfItsAttackName_orAsAPartOrAVersionOfIt_resolves() {
    Incident i = Fixtures.incident(Fixtures.real(), Fixtures.malware("gh0st"),
        Fixtures.malware("a customized version of Poison Ivy RAT"), Fixtures.tool("Impacket's wmiexec"),
        Fixtures.malware("TrickBot module"));

    assertThat(i.evidence()).extracting(Evidence::label).containsExactly(
        "S0032 gh0st RAT (\"gh0st\" read as \"gh0st RAT\")",
        "S0012 PoisonIvy (\"a customized version of Poison Ivy RAT\" read as \"Poison Ivy\")",
        "S0357 Impacket (\"Impacket's wmiexec\" read as \"Impacket\")",
        "S0266 TrickBot (\"TrickBot module\" read as \"TrickBot\")");
    assertThat(i.unresolved()).isEmpty();
  }

  @Test
  void readings_ofASoftwareName_areItsMalpediaFileAndUnqualifiedForms() {
    assertThat(IncidentSoftware.readings("win.plugx")).containsExactly("plugx");
    assertThat(IncidentSoftware.readings("Remcos RAT.exe")).containsExactly("Remcos RAT", "Remcos");
    assertThat(IncidentSoftware.readings("Agent Tesla")).isEmpty();
  }

  @Test
  void read_oneNovelFamilyWrittenThreeWays_isOneItem() {
    Incident i = Fixtures.incident(Fixtures.real(), Fixtures.malware("TONESHELL"),
        Fixtures.malware("TONESHELL backdoor"), Fixtures.malware("win.toneshell"));

    assertThat(i.evidence()).singleElement().satisfies(e -> assertThat(e.kind())
        .isEqualTo(Evidence.Kind.NOVEL_MALWARE));
    assertThat(i.unresolved()).hasSize(3);
  }

  @Test
  void withoutQualifiers_keepsTheNameAndDropsKindAndVersionWordsAroundIt() {
    assertThat(Names.withoutQualifiers("the PlugX variant v2.1")).isEqualTo("PlugX");
    assertThat(Names.withoutQualifiers("Agent Tesla")).isEqualTo("Agent Tesla");
    assertThat(Names.withoutQualifiers("RAT 2")).isEmpty();
    assertThat(Names.withoutQualifiers("a customized version of Gh0st RAT")).isEqualTo("Gh0st");
    assertThat(Names.withoutQualifiers("Impacket\u2019s wmiexec module")).isEqualTo("Impacket");
  }

  @Test
  void read_malwareNamedInMispGalaxyForm_resolvesByTheSoftwareIdInItsName() {
    Incident i = Fixtures.incident(Fixtures.real(), Fixtures.malware("PlugX - S0013"),
        "{\"type\":\"attack-pattern\",\"id\":\"" + Fixtures.id("attack-pattern")
            + "\",\"name\":\"Spearphishing Attachment - T1566.001\"}");

    assertThat(i.evidence()).extracting(e -> e.label().substring(0, 5)).containsExactly("S0013", "T1566");
  }
}
