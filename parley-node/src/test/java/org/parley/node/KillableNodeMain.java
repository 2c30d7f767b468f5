package org.parley.node;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.auth.Tokens;

/**
 * A node in its own JVM for {@link KillNineTest}: {@code KillableNodeMain DIR [init]}. With {@code init} it first
 * creates a party, a token and a collection. Prints one {@code READY url token collection} line, then serves
 * until killed.
 */
public final class KillableNodeMain {
  private KillableNodeMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Node node = Node.start(NodeConfig.local(dir));
    String token = "-";
    String coll = "-";
    if (args.length > 1 && args[1].equals("init")) {
      node.directory().addParty("writer");
      token = Tokens.issue(node.directory(), "writer", new SecureRandom());
      coll = node.directory().addCollection("kill-9", Optional.empty(), new SharingAgreement(
          List.of(new Member("writer", Set.of(Role.READ, Role.WRITE), Tlp.RED)), Tlp.GREEN));
    }
    System.out.println("READY " + node.url() + " " + token + " " + coll);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
