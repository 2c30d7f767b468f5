package org.parley.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EstimativeTest {
  @ParameterizedTest
  @CsvSource({"0.0,ALMOST_NO_CHANCE", "0.049,ALMOST_NO_CHANCE", "0.05,VERY_UNLIKELY", "0.2,UNLIKELY",
      "0.5,ROUGHLY_EVEN", "0.55,LIKELY", "0.79,LIKELY", "0.8,VERY_LIKELY", "0.95,ALMOST_CERTAIN", "1.0,ALMOST_CERTAIN",
      // banded as printed (to a tenth of a percent): "20.0%" is never "very unlikely (5–20%)"
      "0.19996,UNLIKELY", "0.04996,VERY_UNLIKELY", "0.1994,VERY_UNLIKELY"})
  void of_probability_fallsInTheIcd203Band(double p, Estimative expected) {
    assertThat(Estimative.of(p)).isEqualTo(expected);
  }

  @Test
  void phrase_likely_readsAsIcd203PrintsIt() {
    assertThat(Estimative.of(0.6).phrase(Lang.EN)).isEqualTo("likely (55–80%)");
    assertThat(Estimative.of(0.01).phrase(Lang.EN)).isEqualTo("almost no chance (1–5%)");
    assertThat(Estimative.of(0.99).phrase(Lang.ZH_HANS)).isEqualTo("几乎确定 (95–99%)");
    assertThat(Estimative.of(0.99).phrase(Lang.ZH_HANT)).isEqualTo("幾乎確定 (95–99%)");
  }

  @Test
  void of_probabilityOutsideUnitInterval_throws() {
    assertThatThrownBy(() -> Estimative.of(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Estimative.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_bcp47Tags_giveTheReportLanguages() {
    assertThat(Lang.parse("zh-Hans")).isEqualTo(Lang.ZH_HANS);
    assertThat(Lang.parse("zh_TW")).isEqualTo(Lang.ZH_HANT);
    assertThat(Lang.parse("EN")).isEqualTo(Lang.EN);
    assertThat(Lang.parse("zh-Hant-TW")).isEqualTo(Lang.ZH_HANT);
    assertThat(Lang.parse("zh-Hans-CN")).isEqualTo(Lang.ZH_HANS);
    assertThat(Lang.parse("zh-HK")).isEqualTo(Lang.ZH_HANT);
    assertThat(Lang.parse("en-AU")).isEqualTo(Lang.EN);
    assertThatThrownBy(() -> Lang.parse("fr")).isInstanceOf(IllegalArgumentException.class);
  }
}
