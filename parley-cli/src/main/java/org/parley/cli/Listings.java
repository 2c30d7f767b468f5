package org.parley.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.marking.Member;
import org.parley.node.federation.Mirror;
import org.parley.node.store.CollectionInfo;
import org.parley.node.store.PartyInfo;

/**
 * What {@code parley collection list} and {@code parley party list} print: text for people, one JSON document for
 * programs. Neither shows a token or a token's hash.
 */
final class Listings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Listings() {}

  static String collectionsText(List<CollectionInfo> all, Map<String, Mirror> mirrors) {
    StringBuilder b = new StringBuilder();
    int width = all.stream().flatMap(c -> c.agreement().members().stream()).mapToInt(m -> m.party().length())
        .max().orElse(1);
    for (CollectionInfo c : all) {
      b.append(Memberships.shown(c)).append("  unmarked: ").append(c.agreement().unmarkedAs().label()).append('\n');
      Optional.ofNullable(mirrors.get(c.id())).ifPresent(m -> b.append("    ").append(origin(m)).append('\n'));
      for (Member m : c.agreement().members()) {
        b.append("    ").append(String.format("%-" + width + "s", m.party())).append("  ")
            .append(Memberships.place(m)).append('\n');
      }
      if (c.agreement().members().isEmpty()) {
        b.append("    no members: no party can see it\n");
      }
    }
    return b.toString();
  }

  private static String origin(Mirror m) {
    return "receives " + (m.restricted() ? "the TLP:AMBER, AMBER+STRICT, RED and unmarked" : "the TLP:CLEAR and GREEN")
        + " objects of peer " + m.peer() + "'s collection " + Memberships.safe(m.remoteCollection())
        + " (filled by pulls only" + (m.restricted() ? "; no member but this node's own party)" : ")");
  }

  static String collectionsJson(List<CollectionInfo> all, Map<String, Mirror> mirrors)
      throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode out = root.putArray("collections");
    for (CollectionInfo c : all) {
      ObjectNode o = out.addObject().put("id", c.id()).put("title", c.title())
          .put("description", c.description().orElse(null)).put("unmarked", c.agreement().unmarkedAs().label());
      Mirror m = mirrors.get(c.id());
      if (m == null) {
        o.putNull("mirror");
      } else {
        o.putObject("mirror").put("peer", m.peer()).put("remote_collection", m.remoteCollection())
            .put("restricted", m.restricted());
      }
      ArrayNode members = o.putArray("members");
      c.agreement().members().forEach(x -> Memberships.put(members.addObject().put("party", x.party()), x));
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  static String partiesText(List<PartyInfo> parties, List<CollectionInfo> all) {
    StringBuilder b = new StringBuilder();
    for (PartyInfo p : parties) {
      b.append(p.name()).append("  added ").append(p.added().truncatedTo(ChronoUnit.SECONDS)).append("  ")
          .append(p.liveTokens()).append(p.liveTokens() == 1 ? " live token\n" : " live tokens\n");
      List<CollectionInfo> in = memberOf(p, all);
      for (CollectionInfo c : in) {
        b.append("    ").append(Memberships.shown(c)).append(": ")
            .append(Memberships.place(c.agreement().member(p.name()).orElseThrow())).append('\n');
      }
      if (in.isEmpty()) {
        b.append("    member of no collection\n");
      }
    }
    return b.toString();
  }

  static String partiesJson(List<PartyInfo> parties, List<CollectionInfo> all) throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode out = root.putArray("parties");
    for (PartyInfo p : parties) {
      ObjectNode o = out.addObject().put("name", p.name()).put("added", p.added().toString())
          .put("live_tokens", p.liveTokens());
      ArrayNode in = o.putArray("collections");
      for (CollectionInfo c : memberOf(p, all)) {
        Memberships.put(in.addObject().put("id", c.id()).put("title", c.title()),
            c.agreement().member(p.name()).orElseThrow());
      }
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static List<CollectionInfo> memberOf(PartyInfo p, List<CollectionInfo> all) {
    return all.stream().filter(c -> c.agreement().isVisibleTo(p.name())).toList();
  }
}
