package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.store.Directory;

/**
 * {@code parley collection member set/remove} and {@code parley collection list}: a working group's members change
 * after its collection was made, and a running node follows. Parties cert-a, cert-b and regulator; "Incident 7"
 * read by cert-a and cert-b (GREEN), written by cert-a.
 */
class CollectionMembersCliTest {
  @TempDir Path tmp;
  private String data;
  private String coll;

  @BeforeEach
  void aWorkingGroup() {
    data = tmp.toString();
    for (String p : new String[] {"cert-a", "cert-b", "regulator"}) {
      CliTest.run("party", "add", p, "--data", data);
    }
    coll = CliTest.run("collection", "add", "Incident 7", "--read", "cert-a,cert-b", "--write", "cert-a",
        "--ceiling", "cert-b=GREEN", "--data", data).out();
  }

  private static CliTest.Run run(String... args) {
    return CliTest.run(args);
  }

  private Optional<Member> member(String party) throws Exception {
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      return node.directory().collection(coll).orElseThrow().agreement().member(party);
    }
  }

  @Test
  void memberSet_aNewMemberWithoutCeiling_joinsAtAmberStrict_asWithCollectionAdd() throws Exception {
    CliTest.Run set = run("collection", "member", "set", coll, "regulator", "--read", "--data", data);

    assertThat(set.exit()).isZero();
    assertThat(set.out()).isEqualTo("regulator joined " + coll + " \"Incident 7\": read with ceiling"
        + " TLP:AMBER+STRICT");
    assertThat(member("regulator")).contains(new Member("regulator", java.util.Set.of(Role.READ), Tlp.AMBER_STRICT));
  }

  @Test
  void memberSet_anExistingMemberWithoutCeiling_takesTheRolesGiven_andKeepsItsCeiling() throws Exception {
    CliTest.Run set = run("collection", "member", "set", "Incident 7", "cert-b", "--read", "--write", "--data", data);

    assertThat(set.exit()).isZero();
    assertThat(set.out()).isEqualTo("cert-b in " + coll + " \"Incident 7\": read,write with ceiling TLP:GREEN"
        + " (was read with ceiling TLP:GREEN)");
    assertThat(member("cert-b")).contains(new Member("cert-b", java.util.Set.of(Role.READ, Role.WRITE), Tlp.GREEN));
  }

  @Test
  void memberSet_aLowerCeilingAfterAnIncident_replacesTheOldOne() throws Exception {
    assertThat(run("collection", "member", "set", coll, "cert-a", "--read", "--write", "--ceiling", "green",
        "--data", data).exit()).isZero();

    assertThat(member("cert-a")).map(Member::ceiling).contains(Tlp.GREEN);
    assertThat(run("collection", "member", "set", coll, "cert-a", "--read", "--write", "--ceiling", "GREEN",
        "--data", data).out()).endsWith(": read,write with ceiling TLP:GREEN already; nothing changed");
  }

  @Test
  void memberSet_withoutARole_orWithALevelThatIsNoTlpLevel_isAUsageError() {
    CliTest.Run noRole = run("collection", "member", "set", "Incident 7", "cert-b", "--data", data);
    CliTest.Run purple = run("collection", "member", "set", coll, "cert-b", "--read", "--ceiling", "PURPLE",
        "--data", data);

    assertThat(noRole.exit()).isEqualTo(2);
    assertThat(noRole.err()).contains("at least one role: --read, --write, --admin")
        .contains("'parley collection member remove 'Incident 7' cert-b'");
    assertThat(purple.exit()).isEqualTo(2);
    assertThat(purple.err()).contains("expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED; got: PURPLE");
  }

  @Test
  void memberSet_anUnknownPartyOrCollection_failsSayingWhatToDo_andChangesNothing() throws Exception {
    CliTest.Run party = run("collection", "member", "set", coll, "cert-z", "--read", "--data", data);
    CliTest.Run collection = run("collection", "member", "set", "Incident 9", "cert-b", "--read", "--data", data);

    assertThat(party.exit()).isEqualTo(1);
    assertThat(party.err()).contains("no party is named cert-z: add it first with 'parley party add cert-z'");
    assertThat(collection.exit()).isEqualTo(1);
    assertThat(collection.err()).contains("no collection has the id or the exact title \"Incident 9\"")
        .contains("'parley collection list'");
    assertThat(member("cert-b")).map(Member::roles).contains(java.util.Set.of(Role.READ));
  }

  @Test
  void aTitleTwoCollectionsShare_isRefused_namingTheirIds() {
    String twin = run("collection", "add", "Incident 7", "--read", "cert-a", "--data", data).out();

    CliTest.Run set = run("collection", "member", "set", "Incident 7", "regulator", "--read", "--data", data);

    assertThat(set.exit()).isEqualTo(1);
    assertThat(set.err()).contains("2 collections are titled \"Incident 7\": give the id of one").contains(coll)
        .contains(twin);
    assertThat(run("collection", "member", "set", twin, "regulator", "--read", "--data", data).exit()).isZero();
  }

  @Test
  void memberRemove_aPartyThatIsNoMember_failsNamingTheMembers() {
    CliTest.Run remove = run("collection", "member", "remove", coll, "regulator", "--data", data);

    assertThat(remove.exit()).isEqualTo(1);
    assertThat(remove.err()).contains("regulator is not a member of " + coll + " \"Incident 7\"; its members:"
        + " cert-a, cert-b. Nothing changed.");
  }

  @Test
  void memberRemove_theLastMember_isRefusedUnlessForced() throws Exception {
    assertThat(run("collection", "member", "remove", coll, "cert-b", "--data", data).exit()).isZero();

    CliTest.Run last = run("collection", "member", "remove", coll, "cert-a", "--data", data);
    assertThat(last.exit()).isEqualTo(1);
    assertThat(last.err()).contains("cert-a is the last member").contains("give --force");
    assertThat(member("cert-a")).isPresent();

    CliTest.Run forced = run("collection", "member", "remove", coll, "cert-a", "--force", "--data", data);
    assertThat(forced.exit()).isZero();
    assertThat(forced.out()).endsWith("; it has no members now");
    assertThat(run("collection", "list", "--data", data).out()).contains("no members: no party can see it");
  }

  @Test
  void memberRemove_fromThePartysLastCollection_saysItsTokensStillReadTheLog_andHowToEndThat() {
    CliTest.Run fromOne = run("collection", "member", "remove", coll, "cert-b", "--data", data);

    assertThat(fromOne.exit()).isZero();
    assertThat(fromOne.err()).contains("cert-b is a member of no collection now, but its tokens still read the"
        + " transparency log").contains("'parley token revoke cert-b'");
    run("collection", "add", "Incident 8", "--read", "cert-a,regulator", "--data", data);
    assertThat(run("collection", "member", "remove", "Incident 8", "regulator", "--data", data).err())
        .contains("regulator is a member of no collection now");
    assertThat(run("collection", "member", "remove", "Incident 8", "cert-a", "--force", "--data", data).err())
        .as("cert-a still reads Incident 7").isEmpty();
  }

  @Test
  void memberRemove_onARunningNode_takesReadsAwayWithinTheChangeDelay() throws Exception {
    String token = run("token", "issue", "cert-b", "--data", data).out();
    try (Node node = Node.start(NodeConfig.local(tmp))) {
      String objects = node.url() + "/parley/collections/" + coll + "/objects/";
      assertThat(CliTest.get(objects, "cert-b", token)).isEqualTo(200); // the node caches cert-b's place now

      long start = System.nanoTime();
      assertThat(run("collection", "member", "remove", "Incident 7", "cert-b", "--data", data).out())
          .isEqualTo("cert-b left " + coll + " \"Incident 7\" (held read with ceiling TLP:GREEN)");
      int status = CliTest.get(objects, "cert-b", token);
      while (status == 200 && System.nanoTime() - start < (Directory.CHANGE_DELAY_SECONDS + 2) * 1_000_000_000L) {
        Thread.sleep(100);
        status = CliTest.get(objects, "cert-b", token);
      }

      assertThat(status).isEqualTo(404);
    }
  }

  @Test
  void collectionList_showsEachCollectionsMembersRolesAndCeilings_asTextAndJson() throws Exception {
    run("collection", "member", "set", coll, "regulator", "--read", "--ceiling", "CLEAR", "--data", data);

    CliTest.Run text = run("collection", "list", "--data", data);
    JsonNode json = new ObjectMapper().readTree(run("collection", "list", "--json", "--data", data).out());

    assertThat(text.exit()).isZero();
    assertThat(text.out()).isEqualTo(coll + " \"Incident 7\"  unmarked: TLP:AMBER\n"
        + "    cert-a     read,write with ceiling TLP:AMBER+STRICT\n"
        + "    cert-b     read with ceiling TLP:GREEN\n"
        + "    regulator  read with ceiling TLP:CLEAR");
    JsonNode c = json.path("collections").get(0);
    assertThat(c.path("id").asText()).isEqualTo(coll);
    assertThat(c.path("unmarked").asText()).isEqualTo("TLP:AMBER");
    assertThat(c.path("mirror").isNull()).isTrue();
    assertThat(c.path("members").get(0).toString())
        .isEqualTo("{\"party\":\"cert-a\",\"roles\":[\"read\",\"write\"],\"ceiling\":\"TLP:AMBER+STRICT\"}");
  }

  @Test
  void partyList_showsWhenAddedLiveTokensAndCollections_neverATokenOrItsHash() throws Exception {
    String first = run("token", "issue", "cert-a", "--data", data).out();
    run("token", "issue", "cert-a", "--data", data);
    run("token", "revoke", "cert-a", "--token", first, "--data", data);

    CliTest.Run text = run("party", "list", "--data", data);
    JsonNode json = new ObjectMapper().readTree(run("party", "list", "--json", "--data", data).out());

    assertThat(text.exit()).isZero();
    assertThat(text.out()).containsPattern("(?m)^cert-a  added \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"
            + "  1 live token$")
        .contains("    " + coll + " \"Incident 7\": read,write with ceiling TLP:AMBER+STRICT")
        .containsPattern("(?m)^regulator  added .*  0 live tokens\n    member of no collection$")
        .doesNotContain("plt_").doesNotContain(org.parley.node.auth.Tokens.hash(first));
    assertThat(json.path("parties")).hasSize(3);
    assertThat(json.path("parties").get(0).path("live_tokens").asInt()).isEqualTo(1);
    assertThat(json.path("parties").get(1).path("collections").get(0).path("ceiling").asText())
        .isEqualTo("TLP:GREEN");
    assertThat(json.toString()).doesNotContain(org.parley.node.auth.Tokens.hash(first));
  }

  /** Records {@code local} as receiving a peer collection's objects, as a node's first pull from it would. */
  private void madeByAPull(String local, String peer, String remote, boolean restricted) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("parley.db"));
         PreparedStatement ps = c.prepareStatement("INSERT INTO fed_mirror (peer, remote_collection, restricted,"
             + " local_collection) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, peer);
      ps.setString(2, remote);
      ps.setLong(3, restricted ? 1 : 0);
      ps.setString(4, local);
      ps.executeUpdate();
    }
  }

  @Test
  void theCollectionsThatReceiveAPeersObjects_areListedAsSuch_andTakeReadersButNoWriter() throws Exception {
    run("peer", "self", "cert-a", "--data", data);
    String shareable = run("collection", "add", "From cert-b: Ops", "--read", "cert-a", "--admin", "cert-a",
        "--ceiling", "cert-a=RED", "--data", data).out();
    String restricted = run("collection", "add", "From cert-b: Ops (restricted: not shared onward)", "--read",
        "cert-a", "--admin", "cert-a", "--ceiling", "cert-a=RED", "--data", data).out();
    madeByAPull(shareable, "cert-b", "remote-ops", false);
    madeByAPull(restricted, "cert-b", "remote-ops", true);

    CliTest.Run list = run("collection", "list", "--data", data);
    JsonNode json = new ObjectMapper().readTree(run("collection", "list", "--json", "--data", data).out());
    CliTest.Run reader = run("collection", "member", "set", shareable, "regulator", "--read", "--data", data);
    CliTest.Run writer = run("collection", "member", "set", shareable, "regulator", "--read", "--write",
        "--data", data);
    CliTest.Run intoRestricted = run("collection", "member", "set", restricted, "regulator", "--read", "--data", data);

    assertThat(list.out()).contains(shareable + " \"From cert-b: Ops\"  unmarked: TLP:AMBER\n"
        + "    receives the TLP:CLEAR and GREEN objects of peer cert-b's collection remote-ops (filled by pulls only)")
        .contains("    receives the TLP:AMBER, AMBER+STRICT, RED and unmarked objects of peer cert-b's collection"
            + " remote-ops (filled by pulls only; no member but this node's own party)");
    assertThat(json.path("collections").get(2).path("mirror").toString())
        .isEqualTo("{\"peer\":\"cert-b\",\"remote_collection\":\"remote-ops\",\"restricted\":true}");
    assertThat(reader.exit()).isZero();
    assertThat(writer.exit()).isEqualTo(1);
    assertThat(writer.err()).contains("no party may write to it");
    assertThat(intoRestricted.exit()).isEqualTo(1);
    assertThat(intoRestricted.err()).contains("no party but this node's own (cert-a) may be a member");
  }
}
