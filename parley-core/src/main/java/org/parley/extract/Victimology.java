package org.parley.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Victimology: the countries, regions and sectors a text says an actor targeted, and the keys a victim identity or
 * location is matched by. Keys are {@code country:<ISO 3166-1 alpha-2, lower case>}, {@code region:<STIX 2.1
 * region-ov>} and {@code sector:<STIX 2.1 industry-sector-ov>} (open vocabularies, STIX 2.1 §10), so a group whose
 * ATT&CK description says "targeting government entities in South Korea" and an incident's {@code location} with
 * {@code country: "KR"} or {@code identity} with {@code sectors: ["government-national"]} meet on the same key.
 *
 * <p>Mining prose ({@link #targetsIn}) keeps a mention only in a sentence that speaks of targeting (targeted,
 * against, victims, compromised, 针对, 攻击, ...) and drops mentions that name the actor's own origin or sponsor: "a
 * Chinese threat group", "Pakistan-based", "attributed to Russia's GRU", "on behalf of the Iranian government",
 * "government-sponsored", "来自俄罗斯的黑客组织". Names ({@link #keysOfName}) are matched without those rules. The
 * gazetteer is {@code victimology.tsv} plus the JDK's CLDR country names in English and both Chinese scripts.
 */
public final class Victimology {
  private static final Pattern CITATION = Pattern.compile("\\(Citation:[^)]*\\)");
  private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？；])|(?<=[.!?;])\\s+(?=\\p{Lu}|\\[|\\p{IsHan})");
  private static final Pattern TARGET_CUE = Pattern.compile(
      "(?i)\\b(?:target\\w*|against|victim\\w*|compromis\\w*|attack\\w*|intrusions?|breach\\w*|focus\\w*|"
          + "espionage|spearphish\\w*|phishing|infiltrat\\w*|aimed at|affected|impacted|hit|operations? in|"
          + "activity in|campaigns? in|interest in|interested in|entities in|organi[sz]ations in|incidents?|"
          + "ransomware)\\b"
          + "|针对|針對|攻击|攻擊|目标|目標|受害|受影响|受影響|入侵|渗透|滲透|窃取|竊取|锁定|鎖定");
  /** What follows an origin or sponsor: "Chinese threat group", "Pakistan-based", "government-sponsored". */
  private static final Pattern ORIGIN_AFTER = Pattern.compile(
      "(?i)^(?:[\\s-]*(?:state|government|military)?[\\s-]*(?:sponsored|backed|linked|nexus|speaking|language|"
          + "based(?=[\\s-]+(?:threat|group|actor|hack|apt|cyber|espionage|adversar|operator|intrusion|and|who|that|which|"
          + "is|was|has|have|since)\\b|\\s*[,.;)]|\\s*$)|"
          + "affiliated|aligned|origin|threat|cyber|espionage|apt|groups?|actors?|hackers?|hacking|operators?|"
          + "intelligence|nation[\\s-]state|advanced persistent|evasion|unit\\b)"
          + "|(?:'s)?\\s+(?:general staff|main intelligence|ministry of state security|mss|ministry of intelligence|mois|"
          + "military intelligence|military unit|intelligence|islamic revolutionary|irgc|reconnaissance general|"
          + "federal security|foreign intelligence|svr|fsb|gru|people's liberation|pla\\b|state security|"
          + "security services?|special services)"
          + "|(?:\\s+government)?(?:\\s+publicly)?\\s+(?:indicted|attributed|assessed|reported|charged|sanctioned|named|"
          + "stated|said|accused|blamed)"
          + "|\\s*(?:gain|motivat\\w*|crime|fraud)\\b"
          + "|\\s*的?(?:黑客|駭客|apt|组织|組織|团伙|團夥|政府支持|国家支持|國家支持|背景|情报|情報|军方|軍方))");
  /** What precedes an origin or sponsor: "attributed to (the) …", "on behalf of …", "来自 …". */
  private static final Pattern ORIGIN_BEFORE = Pattern.compile(
      "(?i)(?:attributed to|linked to|tied to|ties to|connected to|connections to|associated with|affiliated with|"
          + "aligned with|on behalf of|sponsored by|backed by|(?:is|are|be|reportedly|likely|probably) (?:based|located|"
          + "headquartered) (?:in|out of)|operat\\w* (?:out of|from)|originat\\w* (?:in|from)|works? for|working for|"
          + "in support of|supports?|interests of|serves|serving|conducted by|carried out by|operated by|run by|"
          + "references to|use of|suspected to be|believed to be|assessed to be|nexus to|social|removable)"
          + "(?:\\s+the)?(?:\\s+[\\p{L}'-]+){0,2}\\s*$|(?:来自|來自|源自|隶属|隸屬|位于|位於|疑似)\\s*$");

  private static final Victimology INSTANCE = load(); // after the patterns: static fields initialise in order

  /** A phrase's key; {@code exact}: its words as written, when only that case matches (acronyms), else null. */
  private record Entry(String key, String exact) {}

  /** A phrase found in a text: its key and where it is. */
  private record Mention(String key, int start, int end) {}

  private final Map<String, List<Entry>> byWords = new HashMap<>(); // lower-cased words joined by ' ' → entries
  private final Map<String, String> byHan = new HashMap<>(); // a run of Chinese characters → key
  private int maxWords = 1;
  private int maxHan = 1;
  private final Map<String, List<String>> regionsOfCountry = new HashMap<>();
  private final Map<String, String> parentRegion = new HashMap<>();

  private Victimology(List<String[]> rows) {
    Map<String, String> regionOf = new HashMap<>();
    for (String[] r : rows) {
      switch (r[0]) {
        case "country" -> phrases(r[2], "country:" + r[1]);
        case "region" -> {
          String key = "region:" + r[1];
          if (!r[2].equals("-")) {
            parentRegion.put(r[1], r[2]);
          }
          if (!r[3].equals("-")) {
            for (String c : r[3].split(" ")) {
              regionOf.put(c.toLowerCase(Locale.ROOT), r[1]);
            }
          }
          phrases(r[4], key);
        }
        case "sector" -> phrases(r[2], "sector:" + r[1]);
        default -> throw new IllegalStateException("victimology.tsv: unknown row kind " + r[0]);
      }
    }
    for (String code : Locale.getISOCountries()) {
      Locale country = new Locale("", code);
      String key = "country:" + code.toLowerCase(Locale.ROOT);
      for (Locale lang : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE)) {
        String name = country.getDisplayCountry(lang);
        if (!name.isEmpty() && !name.equals(code)) {
          for (String variant : variants(name)) {
            phrase(variant, key, false);
          }
        }
      }
      List<String> regions = new ArrayList<>();
      for (String r = regionOf.get(code.toLowerCase(Locale.ROOT)); r != null; r = parentRegion.get(r)) {
        regions.add("region:" + r);
      }
      regionsOfCountry.put(key, List.copyOf(regions));
    }
  }

  /** The gazetteer-backed reader (loaded once, immutable, thread-safe). */
  public static Victimology get() {
    return INSTANCE;
  }

  private static Victimology load() {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = Victimology.class.getResourceAsStream("victimology.tsv")) {
      if (in == null) {
        throw new IllegalStateException("victimology.tsv is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Victimology(rows);
  }

  private void phrases(String list, String key) {
    for (String p : list.split("\\|")) {
      if (!p.isBlank()) {
        phrase(p.strip(), key, true);
      }
    }
  }

  /** Registers a phrase; the gazetteer's own phrases win over the JDK's names ({@code override}). */
  private void phrase(String p, String key, boolean override) {
    if (p.codePoints().anyMatch(Victimology::isHan)) {
      String han = p.replaceAll("\\s+", "");
      if (override || !byHan.containsKey(han)) {
        byHan.put(han, key);
        maxHan = Math.max(maxHan, han.length());
      }
      return;
    }
    List<String> words = words(p).stream().map(w -> p.substring(w[0], w[1])).toList();
    if (words.isEmpty()) {
      return;
    }
    String folded = fold(String.join(" ", words));
    List<Entry> entries = byWords.computeIfAbsent(folded, k -> new ArrayList<>());
    Entry e = new Entry(key, isAcronym(p) ? String.join(" ", words) : null);
    if (override) {
      entries.removeIf(x -> java.util.Objects.equals(x.exact(), e.exact()));
    }
    if (entries.stream().noneMatch(x -> java.util.Objects.equals(x.exact(), e.exact()))) {
      entries.add(e.exact() == null ? entries.size() : 0, e); // exact-case entries are tried first
    }
    maxWords = Math.max(maxWords, words.size());
  }

  /**
   * A CLDR name as ISO 3166 and most producers write it too: "St. Kitts & Nevis" is also "Saint Kitts and Nevis",
   * "São Tomé & Príncipe" also "Sao Tome and Principe" (OpenCTI's locations carry ISO names).
   */
  private static Set<String> variants(String name) {
    Set<String> out = new LinkedHashSet<>();
    out.add(name);
    out.add(name.replace(" & ", " and "));
    out.add(name.replace("St. ", "Saint ").replace(" & ", " and "));
    for (String v : List.copyOf(out)) {
      out.add(java.text.Normalizer.normalize(v, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", ""));
    }
    return out;
  }

  /** A phrase of at most three letters, all capitals (US, IT, NGO, KSA): matched exactly, never as a word. */
  private static boolean isAcronym(String p) {
    String letters = p.replace(".", "");
    return letters.length() <= 3 && letters.chars().allMatch(c -> c >= 'A' && c <= 'Z');
  }

  private static boolean isHan(int c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Spans of the words of a text: runs of letters and digits that are not Chinese characters. */
  private static List<int[]> words(String text) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      if (Character.isLetterOrDigit(c) && !isHan(c)) {
        int start = i;
        while (i < text.length() && Character.isLetterOrDigit(text.codePointAt(i)) && !isHan(text.codePointAt(i))) {
          i += Character.charCount(text.codePointAt(i));
        }
        out.add(new int[] {start, i});
      } else {
        i += Character.charCount(c);
      }
    }
    return out;
  }

  /**
   * Every gazetteer phrase in the text, longest first at each place, in order: words looked up a few at a time
   * (a phrase's words may be joined by at most three other characters: "point-of-sale", "U.S.", "Côte d'Ivoire"),
   * runs of Chinese characters by their longest known prefix. Linear in the text.
   */
  private List<Mention> mentions(String text) {
    List<Mention> out = new ArrayList<>();
    List<int[]> w = words(text);
    for (int i = 0; i < w.size(); i++) {
      StringBuilder folded = new StringBuilder();
      StringBuilder exact = new StringBuilder();
      Mention found = null;
      int used = 0;
      for (int k = 0; k < maxWords && i + k < w.size(); k++) {
        if (k > 0) {
          if (w.get(i + k)[0] - w.get(i + k - 1)[1] > 3) {
            break;
          }
          folded.append(' ');
          exact.append(' ');
        }
        String word = text.substring(w.get(i + k)[0], w.get(i + k)[1]);
        folded.append(fold(word));
        exact.append(word);
        for (Entry e : byWords.getOrDefault(folded.toString(), List.of())) {
          if (e.exact() == null || e.exact().contentEquals(exact)) {
            found = new Mention(e.key(), w.get(i)[0], w.get(i + k)[1]);
            used = k;
            break;
          }
        }
      }
      if (found != null) {
        out.add(found);
        i += used;
      }
    }
    for (int j = 0; j < text.length(); ) {
      if (!isHan(text.codePointAt(j))) {
        j += Character.charCount(text.codePointAt(j));
        continue;
      }
      Mention found = null;
      for (int len = Math.min(maxHan, text.length() - j); len >= 1 && found == null; len--) {
        String key = byHan.get(text.substring(j, j + len));
        if (key != null) {
          found = new Mention(key, j, j + len);
        }
      }
      if (found != null) {
        out.add(found);
        j = found.end();
      } else {
        j++;
      }
    }
    out.sort(Comparator.comparingInt(Mention::start));
    return out;
  }

  /** The victims a text says were targeted: country, region and sector keys, in order of first mention. */
  public Set<String> targetsIn(String text) {
    Set<String> out = new LinkedHashSet<>();
    String plain = MARKDOWN_LINK.matcher(CITATION.matcher(text).replaceAll(" ")).replaceAll("$1");
    victims(plain, (key, start, end) -> out.add(key));
    return out;
  }

  /**
   * The victims a document's text says were targeted, each with every place it is said (spans in {@code text}),
   * in order of first mention; at most {@code maxSpans} spans per victim.
   */
  public List<Victim> victimsIn(String text, int maxSpans) {
    Map<String, List<Span>> found = new java.util.LinkedHashMap<>();
    victims(text, (key, start, end) -> {
      List<Span> spans = found.computeIfAbsent(key, k -> new ArrayList<>());
      if (spans.size() < maxSpans) {
        spans.add(Span.of(text, start, end));
      }
    });
    List<Victim> out = new ArrayList<>();
    found.forEach((key, spans) -> out.add(new Victim(key, spans)));
    return out;
  }

  private interface Found {
    void at(String key, int start, int end);
  }

  private void victims(String text, Found sink) {
    Matcher end = SENTENCE_END.matcher(text);
    int from = 0;
    while (from < text.length()) {
      int to = end.find() ? end.start() : text.length();
      String sentence = text.substring(from, to);
      if (TARGET_CUE.matcher(sentence).find()) {
        int originEnd = 0; // "Iran's Ministry of Intelligence": the ministry is the sponsor's, not a victim
        for (Mention m : mentions(sentence)) {
          String after = sentence.substring(m.end(), Math.min(sentence.length(), m.end() + 60)).replace('’', '\'');
          String before = sentence.substring(Math.max(0, m.start() - 60), m.start()).replace('’', '\'');
          Matcher origin = ORIGIN_AFTER.matcher(after);
          if (origin.lookingAt()) {
            originEnd = m.end() + origin.end();
          } else if (m.start() >= originEnd && !ORIGIN_BEFORE.matcher(before).find()) {
            sink.at(m.key(), from + m.start(), from + m.end());
          }
        }
      }
      from = to == text.length() ? to : Math.max(to, end.end());
    }
  }

  /** Keys for a name (an identity's or a location's): every country, region and sector it names, unconditionally. */
  public Set<String> keysOfName(String name) {
    Set<String> out = new LinkedHashSet<>();
    mentions(name).forEach(m -> out.add(m.key()));
    return out;
  }

  /** The key with the wider keys it implies: a country's region and continent, a region's parents. */
  public List<String> widen(String key) {
    List<String> out = new ArrayList<>();
    out.add(key);
    if (key.startsWith("country:")) {
      out.addAll(regionsOfCountry.getOrDefault(key, List.of()));
    } else if (key.startsWith("region:")) {
      for (String r = parentRegion.get(key.substring(7)); r != null; r = parentRegion.get(r)) {
        out.add("region:" + r);
      }
    }
    return out;
  }

  /**
   * A STIX industry-sector-ov value's key and its family's: {@code government-national} is also
   * {@code government}; {@code dams}, {@code nuclear} and {@code water} are also {@code infrastructure}.
   */
  public List<String> sectorKeys(String sector) {
    String s = sector.strip().toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    List<String> out = new ArrayList<>();
    out.add("sector:" + s);
    if (s.startsWith("government-")) {
      out.add("sector:government");
    } else if (s.equals("dams") || s.equals("nuclear") || s.equals("water")) {
      out.add("sector:infrastructure");
    }
    return out;
  }
}
