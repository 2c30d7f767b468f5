package org.parley.attribution;

import java.util.Locale;

/** Languages Parley's reports speak: English, Simplified and Traditional Chinese (BCP 47 tags). */
public enum Lang {
  EN("en"), ZH_HANS("zh-Hans"), ZH_HANT("zh-Hant");

  private final String tag;

  Lang(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  /** Parses a BCP 47 tag ({@code en}, {@code zh-Hans}, {@code zh-Hant}; also {@code zh-CN}, {@code zh-TW}). */
  public static Lang parse(String tag) {
    String t = tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (t) {
      case "en", "en-us", "en-gb" -> EN;
      case "zh-hans", "zh-cn", "zh-sg", "zh" -> ZH_HANS;
      case "zh-hant", "zh-tw", "zh-hk", "zh-mo" -> ZH_HANT;
      default -> throw new IllegalArgumentException("unsupported language \"" + tag + "\": en, zh-Hans or zh-Hant");
    };
  }
}
