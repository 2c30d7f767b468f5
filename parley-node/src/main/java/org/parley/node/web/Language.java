package org.parley.node.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The console's languages, by BCP 47 tag (RFC 5646): English, Simplified and Traditional Chinese. */
enum Language {
  EN("en", "English"),
  ZH_HANS("zh-Hans", "简体中文"),
  ZH_HANT("zh-Hant", "繁體中文");

  private final String tag;
  private final String nativeName;

  Language(String tag, String nativeName) {
    this.tag = tag;
    this.nativeName = nativeName;
  }

  /** The BCP 47 tag, used in {@code <html lang>}, the cookie and the switcher's links. */
  String tag() {
    return tag;
  }

  /** The language's name in itself, as a switcher shows it. */
  String nativeName() {
    return nativeName;
  }

  /** The language with exactly this tag (case-insensitive), as the cookie and the switcher spell it. */
  static Optional<Language> ofTag(String tag) {
    for (Language l : values()) {
      if (l.tag.equalsIgnoreCase(tag)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * The preferred supported language of an {@code Accept-Language} header (RFC 9110 §12.5.4), highest q first;
   * English when none is supported or the header is malformed. Chinese maps by script, else by region:
   * Hant, TW, HK and MO are Traditional; Hans, CN, SG, MY and a bare {@code zh} are Simplified.
   */
  static Language fromAcceptLanguage(Optional<String> header) {
    if (header.isEmpty() || header.get().length() > 512) {
      return EN;
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(header.get()); // sorted by descending weight, q=0 dropped
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // The JDK's parser throws AIOOBE on some malformed ranges ("zz-9,--,-99", found by fuzzing).
      return EN;
    }
    for (Locale.LanguageRange r : ranges) {
      Optional<Language> l = ofRange(r.getRange());
      if (l.isPresent()) {
        return l.get();
      }
    }
    return EN;
  }

  private static Optional<Language> ofRange(String range) {
    String[] parts = range.toLowerCase(Locale.ROOT).split("-");
    if (parts[0].equals("en")) {
      return Optional.of(EN);
    }
    if (!parts[0].equals("zh")) {
      return Optional.empty();
    }
    for (int i = 1; i < parts.length; i++) {
      switch (parts[i]) {
        case "hant", "tw", "hk", "mo" -> {
          return Optional.of(ZH_HANT);
        }
        case "hans", "cn", "sg", "my" -> {
          return Optional.of(ZH_HANS);
        }
        default -> { }
      }
    }
    return Optional.of(ZH_HANS);
  }
}
