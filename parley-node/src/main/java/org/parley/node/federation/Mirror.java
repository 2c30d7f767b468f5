package org.parley.node.federation;

import java.util.Objects;

/**
 * A local collection that receives the objects of a peer's collection (docs/design/federation.md, "Where pulled
 * objects go, and TLP"), made by the first pull from it.
 *
 * @param collection the local collection's id
 * @param peer the party whose node the objects are pulled from
 * @param remoteCollection the collection's id at the peer
 * @param restricted whether it receives what TLP forbids passing on beyond this organisation (AMBER, AMBER+STRICT,
 *     RED and unmarked objects), rather than CLEAR and GREEN ones
 */
public record Mirror(String collection, String peer, String remoteCollection, boolean restricted) {
  public Mirror {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(remoteCollection, "remoteCollection");
  }
}
