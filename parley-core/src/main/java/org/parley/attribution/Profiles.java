package org.parley.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per intrusion set, what the knowledge base links to it: techniques, software, infrastructure and victims,
 * directly or through the campaigns attributed to it; and per software, its techniques. Built once per
 * knowledge base.
 */
final class Profiles {
  final List<Group> groups;
  final Map<String, Integer> groupIndex = new HashMap<>();
  final List<Set<String>> techniques = new ArrayList<>();
  final List<Set<String>> software = new ArrayList<>();
  final List<Set<String>> artifacts = new ArrayList<>();
  final List<Set<String>> victims = new ArrayList<>();
  final Map<String, Set<String>> softwareTechniques = new HashMap<>();
  /** Per report a group is known from (a source its links cite): the techniques and software it documents. */
  final List<Set<String>> reportItems = new ArrayList<>();
  /** The group of each report in {@link #reportItems}. */
  final List<Integer> reportGroup = new ArrayList<>();
  /** Groups using each software (how many actors a tool or malware family is known with). */
  final Map<String, Integer> softwareUsers = new HashMap<>();

  Profiles(KnowledgeBase kb) {
    groups = List.copyOf(kb.groups());
    for (int i = 0; i < groups.size(); i++) {
      groupIndex.put(groups.get(i).id(), i);
      techniques.add(new HashSet<>());
      software.add(new HashSet<>());
      artifacts.add(new HashSet<>());
      victims.add(new HashSet<>());
    }
    Map<String, List<Integer>> actorsOf = new HashMap<>();
    groupIndex.forEach((id, i) -> actorsOf.put(id, List.of(i)));
    for (Campaign c : kb.campaigns()) {
      actorsOf.put(c.id(), c.attributedTo().stream().map(groupIndex::get).filter(java.util.Objects::nonNull).toList());
    }
    Map<String, Set<String>> consistsOf = new HashMap<>();
    for (Relationship r : kb.relationships()) {
      if (r.type().equals("consists-of")) {
        consistsOf.computeIfAbsent(r.sourceId(), k -> new HashSet<>()).add(r.targetId());
      }
    }
    Map<String, Set<String>> reports = new java.util.LinkedHashMap<>();
    Map<String, Integer> reportOwner = new HashMap<>();
    for (Relationship r : kb.relationships()) {
      String src = r.sourceId();
      String tgt = r.targetId();
      switch (r.type()) {
        case "uses" -> {
          if (kb.softwareById(src).isPresent() && kb.technique(tgt).isPresent()) {
            softwareTechniques.computeIfAbsent(src, k -> new HashSet<>()).add(tgt);
          }
          for (int g : actorsOf.getOrDefault(src, List.of())) {
            boolean item = kb.technique(tgt).isPresent() || kb.softwareById(tgt).isPresent();
            if (item) {
              for (String cite : r.citations()) {
                String key = g + "\u0000" + cite;
                reports.computeIfAbsent(key, k -> new HashSet<>()).add(tgt);
                reportOwner.put(key, g);
              }
            }
            if (kb.technique(tgt).isPresent()) {
              techniques.get(g).add(tgt);
            } else if (kb.softwareById(tgt).isPresent()) {
              software.get(g).add(tgt);
            } else if (kb.artifactMap().containsKey(tgt)) {
              artifacts.get(g).add(tgt);
              artifacts.get(g).addAll(consistsOf.getOrDefault(tgt, Set.of()));
            }
          }
        }
        case "indicates", "attributed-to" -> {
          if (kb.artifactMap().containsKey(src)) {
            actorsOf.getOrDefault(tgt, List.of()).forEach(g -> artifacts.get(g).add(src));
          }
        }
        case "targets" -> actorsOf.getOrDefault(src, List.of()).forEach(g -> victims.get(g).add(tgt));
        default -> { }
      }
    }
    software.forEach(set -> set.forEach(s -> softwareUsers.merge(s, 1, Integer::sum)));
    reports.forEach((key, items) -> {
      if (items.size() >= 2) { // a single link says nothing about what goes together
        reportItems.add(items);
        reportGroup.add(reportOwner.get(key));
      }
    });
  }

  int size() {
    return groups.size();
  }
}
