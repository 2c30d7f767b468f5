package org.parley.node.federation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;

/** Two nodes a test starts as it needs ({@link FedNode}), paired up on request, closed after each test. */
abstract class TwoNodes {
  @TempDir Path tmp;
  FedNode a;
  FedNode b;

  /**
   * Makes the started nodes a and b peers of each other and gives A a collection B may read up to AMBER; returns its
   * id.
   */
  String pairUp() throws Exception {
    a.addPeer(b);
    b.addPeer(a);
    return a.directory().addCollection("Incident", Optional.empty(), new SharingAgreement(List.of(
        new Member("A", Set.of(Role.READ, Role.WRITE), Tlp.RED), new Member("B", Set.of(Role.READ), Tlp.AMBER)),
        Tlp.GREEN));
  }

  @AfterEach
  void closeNodes() throws Exception {
    for (FedNode n : new FedNode[] {a, b}) {
      if (n != null) {
        n.close();
      }
    }
  }
}
