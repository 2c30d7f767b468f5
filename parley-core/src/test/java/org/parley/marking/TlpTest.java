package org.parley.marking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TlpTest {
  @ParameterizedTest
  @CsvSource({
      "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487, CLEAR",
      "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb, GREEN",
      "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421, AMBER",
      "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003, AMBER_STRICT",
      "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1, RED",
      "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9, CLEAR",
      "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da, GREEN",
      "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82, AMBER",
      "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed, RED",
      "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37, AMBER_STRICT"}) // OpenCTI's
  void fromMarkingRef_canonicalTlp1AndOpenCtiIds_nameTheirLevel(String ref, Tlp expected) {
    assertThat(Tlp.fromMarkingRef(ref)).contains(expected);
  }

  @Test
  void fromMarkingRef_otherMarking_isEmpty() {
    assertThat(Tlp.fromMarkingRef("marking-definition--a2e6a6a4-1b8f-4f6d-9d8e-000000000000")).isEmpty();
    assertThat(Tlp.fromMarkingRef("")).isEmpty();
  }

  @Test
  void strictestOf_severalMarkings_isTheMostRestrictive() {
    assertThat(Tlp.strictestOf(List.of(Tlp.GREEN.markingRef(), Tlp.RED.tlp1Ref().orElseThrow(),
        "marking-definition--11111111-1111-4111-8111-111111111111"))).contains(Tlp.RED);
    assertThat(Tlp.strictestOf(List.of())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"TLP:CLEAR, CLEAR", "white, CLEAR", "green, GREEN", "TLP:AMBER, AMBER", "amber+strict, AMBER_STRICT",
      "AMBER_STRICT, AMBER_STRICT", "red, RED"})
  void parse_labels_areCaseInsensitive(String label, Tlp expected) {
    assertThat(Tlp.parse(label)).isEqualTo(expected);
  }

  @Test
  void parse_unknownLabel_throws() {
    assertThatThrownBy(() -> Tlp.parse("TLP:PURPLE")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLP:PURPLE");
  }

  @ParameterizedTest
  @EnumSource(Tlp.class)
  void permitsDisclosureTo_followsTlp2Definitions(Tlp level) {
    // FIRST TLP 2.0: CLEAR→world, GREEN→community, AMBER→org+clients, AMBER+STRICT→org, RED→named only.
    Audience widest = Audience.values()[level.ordinal()];
    for (Audience a : Audience.values()) {
      assertThat(level.permitsDisclosureTo(a)).as(level + " to " + a).isEqualTo(a.ordinal() >= widest.ordinal());
    }
    assertThat(level.permitsDisclosureTo(Audience.NAMED_RECIPIENTS)).isTrue();
    assertThat(level.permitsDisclosureTo(Audience.PUBLIC)).isEqualTo(level == Tlp.CLEAR);
  }
}
