package org.parley.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.node.store.CollectionInfo;

/** How the admin commands name collections and show members: by id or exact title in, text safe for a terminal out. */
final class Memberships {
  private Memberships() {}

  /**
   * The collection {@code ref} names: the one with that id, else the one with exactly that title.
   *
   * @throws Refusal when none has that id or title, or several have that title
   */
  static CollectionInfo resolve(List<CollectionInfo> all, String ref) throws Refusal {
    for (CollectionInfo c : all) {
      if (c.id().equals(ref)) {
        return c;
      }
    }
    List<CollectionInfo> titled = all.stream().filter(c -> c.title().equals(ref)).toList();
    if (titled.size() == 1) {
      return titled.get(0);
    }
    if (titled.isEmpty()) {
      throw new Refusal("no collection has the id or the exact title \"" + safe(ref) + "\": 'parley collection"
          + " list' shows them");
    }
    throw new Refusal(titled.size() + " collections are titled \"" + safe(ref) + "\": give the id of one ("
        + titled.stream().map(CollectionInfo::id).collect(Collectors.joining(", ")) + ")");
  }

  /** A command-line argument as a shell reads it back: quoted when it holds a space or a quote. */
  static String arg(String text) {
    return text.matches("[\\w.:+/@-]+") ? text : "'" + safe(text).replace("'", "'\\''") + "'";
  }

  /** A collection as the commands name it: its id and its title, quoted. */
  static String shown(CollectionInfo c) {
    return c.id() + " \"" + safe(c.title()) + "\"";
  }

  /** A member's roles, as the options name them ({@code read}, {@code write}, {@code admin}). */
  static List<String> roles(Member m) {
    return m.roles().stream().sorted().map(r -> r.name().toLowerCase(Locale.ROOT)).toList();
  }

  /** A member's roles and ceiling, e.g. {@code read,write with ceiling TLP:GREEN}. */
  static String place(Member m) {
    return String.join(",", roles(m)) + " with ceiling " + m.ceiling().label();
  }

  /** A member's roles and ceiling as JSON fields. */
  static void put(ObjectNode o, Member m) {
    roles(m).forEach(o.putArray("roles")::add);
    o.put("ceiling", m.ceiling().label());
  }

  /**
   * Text others chose (a title; a peer's, for the collections that receive its objects) as a terminal may show it:
   * control characters and bidirectional overrides, which could rewrite or reorder what is on the screen, become '?'.
   */
  static String safe(String text) {
    return text.replaceAll("[\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069]", "?");
  }

  /** Whether deleting over TAXII is out of reach despite ADMIN: it needs READ and WRITE too (TAXII 2.1 §5.7). */
  static boolean adminWithoutDelete(Member m) {
    return m.has(Role.ADMIN) && !(m.has(Role.READ) && m.has(Role.WRITE));
  }
}
