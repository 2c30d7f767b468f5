package org.parley.node.federation;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.store.Directory;
import org.parley.node.store.StoreException;

/**
 * The local collections that receive a peer collection's objects, created on first use. Both start with this
 * node's own party as sole member. The restricted one receives objects whose TLP forbids passing them on beyond
 * this organisation (AMBER, AMBER+STRICT, RED, and unmarked ones): no other party is ever made a member of it.
 */
final class Mirrors {
  /** What a restricted mirror's title ends with. */
  static final String RESTRICTED = " (restricted: not shared onward)";

  private final FederationStore store;
  private final Directory directory;

  /** The own party is read when a mirror is made, so that {@code parley peer self} applies to a running node. */
  Mirrors(FederationStore store, Directory directory) {
    this.store = store;
    this.directory = directory;
  }

  synchronized String of(String peer, String remoteCollection, String remoteTitle, boolean restricted)
      throws FederationException {
    Optional<String> known = store.mirror(peer, remoteCollection, restricted);
    if (known.isPresent()) {
      return known.get();
    }
    String self = store.setting(Federation.SELF).orElseThrow(() -> new FederationException(
        Federation.SELF_UNSET));
    try {
      ensureParty(self);
      ensureParty(peer);
      // the peer's title is the peer's words: our own marker in it ("Ops (restricted: not shared onward)") would
      // make a shareable mirror read as restricted, so it is taken out; ours is added, at the end, only when true
      String theirs = (remoteTitle.isBlank() ? remoteCollection : remoteTitle).replace(RESTRICTED, "").strip();
      String head = "From " + peer + ": ";
      int room = Math.max(16, 200 - head.length() - RESTRICTED.length() - 1); // the directory keeps 200 characters
      String cut = theirs.length() <= room ? theirs
          : theirs.substring(0, Character.isHighSurrogate(theirs.charAt(room - 1)) ? room - 1 : room) + "…";
      String title = head + (cut.isEmpty() ? remoteCollection : cut) + (restricted ? RESTRICTED : "");
      SharingAgreement agreement = new SharingAgreement(List.of(
          new Member(self, EnumSet.of(Role.READ, Role.ADMIN), Tlp.RED)), Tlp.AMBER);
      String id = directory.addCollection(title.length() > 200 ? title.substring(0, 200) : title,
          Optional.of("Objects pulled from peer " + peer + ", collection " + remoteCollection
              + ", each verified against the peer's cosigned log"), agreement);
      if (!store.putMirror(peer, remoteCollection, restricted, id, self)) {
        // Its collection stays, empty, for the former name only; the next round makes the mirror afresh.
        throw new FederationException("this node's own party changed from " + self
            + " while a collection for peer " + peer + " was being made: retried at the next round");
      }
      return id;
    } catch (StoreException e) {
      throw new FederationException("cannot create the mirror collection: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a member that {@code mirror} may not have. A mirror is filled by pulls only, and what it holds is the
   * peer's, its deletions coming from the peer's log: no party may write to it (a TAXII delete needs the write role
   * too), and no party but this node's own ({@code self}) may hold admin. The restricted mirror holds what TLP
   * forbids passing on beyond this organisation: no other party may be a member at all.
   */
  static void checkMember(Mirror mirror, String self, Member member) throws FederationException {
    String what = "collection " + mirror.collection() + " receives " + (mirror.restricted()
        ? "the objects of peer " + mirror.peer() + " that TLP forbids passing on beyond this organisation (AMBER,"
            + " AMBER+STRICT, RED, unmarked)"
        : "the TLP:CLEAR and TLP:GREEN objects of peer " + mirror.peer()) + ", pulled from its collection "
        + mirror.remoteCollection();
    if (mirror.restricted() && !member.party().equals(self)) {
      throw new FederationException(what + ": no party but this node's own (" + self + ") may be a member; the"
          + " shareable collection for that peer collection may take readers");
    }
    if (member.has(Role.WRITE)) {
      throw new FederationException(what + ", and only those pulls add to it: no party may write to it; a party's"
          + " own objects go to a collection made with 'parley collection add'");
    }
    if (member.has(Role.ADMIN) && !member.party().equals(self)) {
      throw new FederationException(what + ", and its deletions come from that peer's log: no party but this"
          + " node's own (" + self + ") may hold admin; other members may only read");
    }
  }

  private void ensureParty(String name) throws StoreException {
    if (!directory.parties().contains(name)) {
      directory.addParty(name);
    }
  }
}
