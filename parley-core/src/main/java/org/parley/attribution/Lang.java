package org.parley.attribution;

import java.util.List;
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
    // BCP 47 (RFC 5646 §2.1): language, then script and region subtags in any of their forms ("zh-Hant-TW")
    List<String> sub = List.of(tag.strip().toLowerCase(Locale.ROOT).replace('_', '-').split("-"));
    switch (sub.get(0)) {
      case "en":
        return EN;
      case "zh":
        if (sub.contains("hant")) {
          return ZH_HANT;
        }
        if (sub.contains("hans")) {
          return ZH_HANS;
        }
        return sub.contains("tw") || sub.contains("hk") || sub.contains("mo") ? ZH_HANT : ZH_HANS;
      default:
        throw new IllegalArgumentException("unsupported language \"" + tag + "\": en, zh-Hans or zh-Hant");
    }
  }
}
