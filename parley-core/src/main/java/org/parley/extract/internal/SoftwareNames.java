package org.parley.extract.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.extract.AttackKnowledge;
import org.parley.extract.SoftwareMatch;
import org.parley.extract.Span;

/**
 * The ATT&CK malware and tools a report names, by name or alias, on whole words, outside negated clauses ("did not
 * use Mimikatz"). Names that are also plain words are guarded: ATT&CK's names of fewer than four characters ("at",
 * "Net", "Tor") and those that are places, people or words a report uses for other things ("Cuba", "James", "Page",
 * "Ping", "Expand") are not matched; those that are English words but, capitalised in a threat report, the tool
 * ("Empire", "Carbon", "Flame", "Responder", "Sliver") match only as ATT&CK writes them; a single lower-case word
 * matches only from six letters ("certutil", not "route"). Anything else ("Mimikatz", "PlugX", "njRAT", "Cobalt
 * Strike") matches in any case — reports write "mimikatz", and Chinese ones "使用mimikatz". Short Windows utilities
 * are found by how they are run ({@link #COMMANDS}: "net group /domain", "reg add", "cmd /c").
 */
public final class SoftwareNames {
  /** Never matched as a single word: places, given names and words a report uses for other things. */
  private static final java.util.Set<String> NEVER = java.util.Set.of("cuba", "milan", "james", "kevin", "denis",
      "elise", "ramsay", "page", "ping", "expand", "spark", "epic", "chaos", "trinity", "pandora", "anchor", "cannon",
      "kaba", "mori", "wiper", "explosive", "soldier", "ruler", "rover", "donut", "shark", "meteor", "crimson");
  /** Matched only capitalised, as ATT&CK writes them: English words that, so written in a report, are the tool. */
  private static final java.util.Set<String> EXACT_ONLY = java.util.Set.of("aurora", "avenger", "carbon", "empire",
      "ferocious", "flame", "machete", "mosquito", "octopus", "pony", "proton", "reaver", "scorpion", "seasalt",
      "lucifer", "matryoshka", "nebulae", "mythic", "crutch", "sliver", "gazer", "emissary", "lurid", "peppy", "bazar",
      "responder", "forfiles", "umbreon");

  /**
   * Windows utilities whose ATT&CK names are too short or too plain to match alone ("Net", "Reg", "cmd"), known by
   * how reports write them run: "net group /domain", "reg add …", "cmd /c …", "netsh advfirewall …", "route print".
   * Not "at": "at 10:30" is prose far more often than the scheduler ("at.exe" is matched by name). ATT&CK name → the
   * command's pattern.
   */
  private static final Map<String, java.util.regex.Pattern> COMMANDS = Map.of(
      "Net", command("net1?", "user|users|group|localgroup|view|use|share|start|stop|session|accounts|time|config"),
      "Reg", command("reg", "add|query|delete|save|export|import|load|copy"),
      "cmd", command("cmd", "/[ckq]"),
      "netsh", command("netsh", "advfirewall|firewall|interface|wlan|portproxy|winhttp|trace"),
      "route", command("route", "print|add|delete"));

  private static java.util.regex.Pattern command(String program, String next) {
    return java.util.regex.Pattern.compile("(?<![\\w.-])(" + program + ")(?:\\.exe)?[ \\t]+(?:" + next + ")(?![\\w])",
        java.util.regex.Pattern.CASE_INSENSITIVE);
  }

  private final Map<java.util.regex.Pattern, AttackKnowledge.Software> commands = new java.util.HashMap<>();
  private final TermMatcher<AttackKnowledge.Software> anyCase = new TermMatcher<>();
  private final Map<String, AttackKnowledge.Software> exact = new java.util.HashMap<>();
  private final TermMatcher<String> exactTerms = new TermMatcher<>();

  public SoftwareNames(List<AttackKnowledge.Software> software) {
    for (AttackKnowledge.Software s : software) {
      if (COMMANDS.containsKey(s.name())) {
        commands.put(COMMANDS.get(s.name()), s);
      }
      List<String> names = new ArrayList<>(s.aliases());
      names.add(0, s.name());
      for (String n : names) {
        String name = n.strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.length() < 4 || NEVER.contains(lower)) {
          continue;
        }
        if (EXACT_ONLY.contains(lower)) {
          exact.putIfAbsent(name, s);
          exactTerms.add(name, name);
        } else if (!name.chars().allMatch(Character::isLetter) || !name.equals(lower) || name.length() >= 6) {
          anyCase.add(name, s);
        }
      }
    }
  }

  /**
   * The software {@code text} names, in order of first mention, each with up to {@code maxSpans} spans; {@code masked}
   * is the text with its negated clause parts blanked ({@link Negation#mask}, same offsets).
   */
  public List<SoftwareMatch> find(String text, String masked, int maxSpans) {
    Map<String, List<Span>> spans = new LinkedHashMap<>();
    Map<String, AttackKnowledge.Software> found = new LinkedHashMap<>();
    for (TermMatcher.Hit<AttackKnowledge.Software> h : anyCase.find(masked, 0, masked.length())) {
      note(text, h.start(), h.end(), h.value(), found, spans, maxSpans);
    }
    for (TermMatcher.Hit<String> h : exactTerms.find(masked, 0, masked.length())) {
      if (masked.substring(h.start(), h.end()).equals(h.value())) { // as ATT&CK writes it, capitalised
        note(text, h.start(), h.end(), exact.get(h.value()), found, spans, maxSpans);
      }
    }
    commands.forEach((pattern, s) -> { // bounded: each pattern is anchored on a short literal program name
      java.util.regex.Matcher m = pattern.matcher(masked);
      while (m.find()) {
        note(text, m.start(1), m.end(1), s, found, spans, maxSpans);
      }
    });
    List<SoftwareMatch> out = new ArrayList<>();
    found.forEach((id, s) -> {
      List<Span> at = new ArrayList<>(spans.get(id));
      at.sort(java.util.Comparator.comparingInt(Span::start));
      out.add(new SoftwareMatch(s.externalId(), s.name(), s.type(), at));
    });
    out.sort(java.util.Comparator.comparingInt(m -> m.spans().get(0).start()));
    return out;
  }

  private static void note(String text, int start, int end, AttackKnowledge.Software s,
      Map<String, AttackKnowledge.Software> found, Map<String, List<Span>> spans, int maxSpans) {
    found.putIfAbsent(s.externalId(), s);
    List<Span> list = spans.computeIfAbsent(s.externalId(), k -> new ArrayList<>());
    if (list.size() < maxSpans) {
      list.add(Span.of(text, start, end));
    }
  }
}
