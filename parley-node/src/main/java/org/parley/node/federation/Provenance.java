package org.parley.node.federation;

import java.util.Objects;

/**
 * Where a pulled object version came from: the party whose log holds it, the collection there, and its leaf
 * index in that party's log together with the size of the cosigned checkpoint it was verified against.
 */
public record Provenance(String localCollection, String objectId, String version, String originParty,
    String originCollection, long originLeafIndex, long originTreeSize) {
  public Provenance {
    Objects.requireNonNull(localCollection, "localCollection");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(originParty, "originParty");
    Objects.requireNonNull(originCollection, "originCollection");
    if (originLeafIndex < 0 || originTreeSize <= originLeafIndex) {
      throw new IllegalArgumentException("leaf index must be in [0, tree size): " + originLeafIndex + " of "
          + originTreeSize);
    }
  }
}
