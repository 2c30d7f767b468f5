package org.parley.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Victimology is read from what a text says was targeted, never from where the actor comes from. */
class VictimologyTest {
  private final Victimology v = Victimology.get();

  @Test
  void targetsIn_readsCountriesRegionsAndSectorsOfATargetingSentence() {
    assertThat(v.targetsIn("[Sidewinder](https://attack.mitre.org/groups/G0121) has been observed targeting "
        + "government, military, and business entities throughout Asia, primarily focusing on Pakistan, China, "
        + "Nepal, and Afghanistan.(Citation: ATT Sidewinder January 2021)"))
        .containsExactly("sector:government", "sector:defense", "region:asia", "country:pk", "country:cn",
            "country:np", "country:af");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Sidewinder is a suspected Indian threat actor group that has targeted banks.|sector:financial-services",
      "Gorgon Group is Pakistan-based and has targeted government organizations in Spain.|sector:government country:es",
      "Sandworm Team has been attributed to Russia's GRU and attacked Ukrainian electrical companies.|country:ua",
      "OilRig works on behalf of the Iranian government and targeted Saudi energy firms.|country:sa sector:energy",
      "APT1 is a Chinese cyber espionage group that targeted English-speaking telecommunications companies.|sector:telecommunications",
      "It targets U.S.-based companies and is a Chinese state-sponsored group.|country:us",
      "MuddyWater is assessed to be an element within Iran's Ministry of Intelligence and targets Turkish telecoms.|country:tr sector:telecommunications",
      "In 2020 the US indicted six officers for attacks against the French presidential campaign.|country:fr",
      "The group uses defense evasion against financially motivated targets for financial gain.|''",
      "来自俄罗斯的黑客组织针对乌克兰政府发动攻击。|country:ua sector:government",
  })
  void targetsIn_dropsTheActorsOwnOriginAndSponsor(String sentence, String expected) {
    assertThat(v.targetsIn(sentence)).containsExactly(expected.isEmpty() ? new String[0] : expected.split(" "));
  }

  @Test
  void targetsIn_ignoresSentencesThatSpeakOfNoTargeting() {
    assertThat(v.targetsIn("The group's name comes from a Korean word. Its tools were written in Germany."))
        .isEmpty();
  }

  @Test
  void targetsIn_tellsNorthFromSouthKoreaAndMatchesAcronymsOnlyInCapitals() {
    assertThat(v.targetsIn("It targeted defectors from North Korea and us, then the US and IT firms in South Korea."))
        .containsExactly("country:kp", "country:us", "sector:technology", "country:kr");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
      "Korea, Democratic People's Republic of; country:kp", "Democratic People's Republic of Korea; country:kp",
      "Korea, Republic of; country:kr", "Taiwan, Province of China; country:tw",
      "Virgin Islands, British; country:vg", "Virgin Islands, U.S.; country:vi",
      "United States Minor Outlying Islands; country:um", "South Georgia and the South Sandwich Islands; country:gs",
      "Congo, The Democratic Republic of the; country:cd", "Congo; country:cg", "Saint Kitts and Nevis; country:kn",
      "Sao Tome and Principe; country:st", "Iran, Islamic Republic of; country:ir", "Bosnia and Herzegovina; country:ba",
      "Viet Nam; country:vn", "Cote d'Ivoire; country:ci"})
  void keysOfName_isoNamesAsOpenCtiWritesThem_nameOneCountry_theRightOne(String name, String key) {
    assertThat(v.keysOfName(name)).as(name).containsExactly(key); // North Korea was read as South Korea
  }

  @Test
  void keysOfName_readsCountriesAndSectorsInEnglishAndChinese() {
    assertThat(v.keysOfName("Ministry of Foreign Affairs of Ukraine")).containsExactly("sector:government", "country:ua");
    assertThat(v.keysOfName("韓國國防部")).containsExactly("country:kr", "sector:defense");
    assertThat(v.keysOfName("台湾电信")).containsExactly("country:tw", "sector:telecommunications");
  }

  @Test
  void widen_aCountryAlsoBelongsToItsRegionAndContinent() {
    assertThat(v.widen("country:kr")).containsExactly("country:kr", "region:eastern-asia", "region:asia");
    assertThat(v.widen("region:caribbean"))
        .containsExactly("region:caribbean", "region:latin-america-caribbean", "region:americas");
    assertThat(v.widen("sector:energy")).containsExactly("sector:energy");
  }

  @Test
  void sectorKeys_aGovernmentBranchIsGovernmentAndDamsAreInfrastructure() {
    assertThat(v.sectorKeys("government-national")).containsExactly("sector:government-national", "sector:government");
    assertThat(v.sectorKeys("Dams")).containsExactly("sector:dams", "sector:infrastructure");
    assertThat(v.sectorKeys("financial-services")).containsExactly("sector:financial-services");
  }
}
