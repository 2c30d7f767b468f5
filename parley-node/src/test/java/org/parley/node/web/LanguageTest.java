package org.parley.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "zh-TW|zh-Hant", "zh-HK|zh-Hant", "zh-MO|zh-Hant", "zh-Hant|zh-Hant", "zh-Hant-TW|zh-Hant",
      "zh|zh-Hans", "zh-CN|zh-Hans", "zh-SG|zh-Hans", "zh-Hans|zh-Hans", "zh-Hans-HK|zh-Hans",
      "en-US|en", "en|en", "fr-FR|en", "'fr, de;q=0.8'|en", "''|en", "'*'|en",
      "'en;q=0.5, zh-TW;q=0.9'|zh-Hant", "'fr, zh-CN;q=0.3, en;q=0.2'|zh-Hans", "'zh-TW;q=0, en'|en",
      "';;;garbage=='|en", "'zz-9,--,-99'|en"})
  void fromAcceptLanguage_mapsTagsAndWeights(String header, String expected) {
    assertThat(Language.fromAcceptLanguage(Optional.of(header)).tag()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"en,EN", "zh-hans,ZH_HANS", "ZH-HANT,ZH_HANT"})
  void ofTag_readsTheSwitcherTags(String tag, Language expected) {
    assertThat(Language.ofTag(tag)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"zh", "zh-TW", "de", "'<script>'"})
  void ofTag_otherValues_areEmpty(String tag) {
    assertThat(Language.ofTag(tag)).isEmpty();
  }
}
