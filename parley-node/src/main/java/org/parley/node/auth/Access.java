package org.parley.node.auth;

import java.util.Optional;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.node.store.CollectionInfo;
import org.parley.node.store.Viewer;

/**
 * One party's rights on one collection, derived from its sharing agreement. A collection a party holds no
 * role in does not exist for that party (callers answer 404, never 403, so existence does not leak).
 */
public record Access(String party, CollectionInfo collection) {
  public boolean canSee() {
    return agreement().isVisibleTo(party);
  }

  public boolean canRead() {
    return agreement().allows(party, Role.READ);
  }

  public boolean canWrite() {
    return agreement().allows(party, Role.WRITE);
  }

  public boolean canAdmin() {
    return agreement().allows(party, Role.ADMIN);
  }

  /** The row filter for this party's reads; empty when it may not read. */
  public Optional<Viewer> viewer() {
    return agreement().member(party).filter(m -> m.has(Role.READ))
        .map(Member::ceiling).map(c -> new Viewer(party, c, agreement().unmarkedAs()));
  }

  private SharingAgreement agreement() {
    return collection.agreement();
  }
}
