package org.parley.node.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;
import org.parley.node.Node;
import org.parley.node.NodeConfig;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Directory;
import org.parley.tlog.EntryBundle;
import org.parley.tlog.Merkle;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.VerifierKey;

/** A real node: objects POSTed over TAXII come back from {@code /log/} with proofs an auditor can check offline. */
class NodeLogTest {
  @TempDir Path tmp;
  Node node;
  LogHttp alice;
  String collection;

  @BeforeEach
  void startNode() throws Exception {
    node = Node.start(NodeConfig.local(tmp));
    Directory d = node.directory();
    d.addParty("alice");
    String token = Tokens.issue(d, "alice", new SecureRandom());
    collection = d.addCollection("Incident 7", Optional.empty(), new SharingAgreement(List.of(
        new Member("alice", Set.of(Role.READ, Role.WRITE, Role.ADMIN), Tlp.RED)), Tlp.GREEN));
    alice = new LogHttp(node.url(), "alice", token);
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void postedObject_hasAProofThatVerifiesOfflineWithTheLogKeyAlone() throws Exception {
    UUID id = UUID.randomUUID();
    String object = LogHttp.indicator(id, "first");
    assertThat(alice.post(objectsPath(), "{\"objects\":[" + object + "]}").status()).isEqualTo(202);

    LogHttp.Reply proof = awaitProof("indicator--" + id, "2026-01-01T00:00:00.000Z");
    VerifierKey key = VerifierKey.parse(alice.get("/log/vkey").text().strip());
    ProofBundle bundle = ProofBundle.parse(proof.body());

    LogLeaf leaf = bundle.verifyObject(key, object.getBytes(StandardCharsets.UTF_8));
    assertThat(leaf.collection()).isEqualTo(collection);
    assertThat(leaf.party()).isEqualTo("alice");
    assertThat(leaf.version()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(key).isEqualTo(node.log().verifierKey());
  }

  @Test
  void deletedObject_isAnEntryToo_withItsOwnProof() throws Exception {
    UUID id = UUID.randomUUID();
    String object = LogHttp.indicator(id, "to delete");
    alice.post(objectsPath(), "{\"objects\":[" + object + "]}");
    awaitProof("indicator--" + id, "2026-01-01T00:00:00.000Z");

    assertThat(alice.delete(objectsPath() + "indicator--" + id + "/").status()).isEqualTo(200);

    LogHttp.Reply proof = awaitProof("indicator--" + id, "2026-01-01T00:00:00.000Z&op=delete");
    LogLeaf leaf = ProofBundle.parse(proof.body()).verifyObject(node.log().verifierKey(),
        object.getBytes(StandardCharsets.UTF_8));
    assertThat(leaf.op()).isEqualTo(LogLeaf.Op.DELETE);
    assertThat(leaf.party()).isEqualTo("alice");
    assertThat(new String(leaf.encode(), StandardCharsets.UTF_8)).contains("\ndelete\n", "\ndate_deleted ");
  }

  @Test
  void proof_ofAnotherObjectsBytes_throws() throws Exception {
    UUID id = UUID.randomUUID();
    alice.post(objectsPath(), "{\"objects\":[" + LogHttp.indicator(id, "original") + "]}");
    ProofBundle bundle = ProofBundle.parse(awaitProof("indicator--" + id, "2026-01-01T00:00:00.000Z").body());

    assertThatThrownBy(() -> bundle.verifyObject(node.log().verifierKey(),
        LogHttp.indicator(id, "rewritten").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProofException.class).hasMessageContaining("object-sha256");
  }

  @Test
  void tilesAndCheckpoint_reproduceTheSignedRoot() throws Exception {
    StringBuilder envelope = new StringBuilder("{\"objects\":[");
    for (int i = 0; i < 300; i++) {
      envelope.append(i == 0 ? "" : ",").append(LogHttp.indicator(UUID.randomUUID(), "n" + i));
    }
    alice.post(objectsPath(), envelope.append("]}").toString());
    SignedCheckpoint signed;
    do {
      Thread.sleep(50);
      signed = SignedCheckpoint.open(alice.get("/log/checkpoint").text(), node.log().verifierKey(), List.of());
    } while (signed.checkpoint().size() < 300);

    long size = signed.checkpoint().size();
    byte[] full = alice.get("/log/tile/entries/000").body();
    byte[] partial = alice.get("/log/tile/entries/001.p/" + (size - 256)).body();
    List<byte[]> entries = new java.util.ArrayList<>();
    EntryBundle.decode(full).forEach(o -> entries.add(o.toArray()));
    EntryBundle.decode(partial).forEach(o -> entries.add(o.toArray()));
    assertThat(entries).hasSize((int) size);
    assertThat(JdbcLogStorageTest.referenceRoot(entries)).isEqualTo(signed.checkpoint().root());
    byte[] tile0 = alice.get("/log/tile/0/000").body();
    assertThat(java.util.Arrays.copyOfRange(tile0, 32, 64)).isEqualTo(Merkle.leafHash(entries.get(1)).toArray());
    assertThat(alice.get("/log/tile/0/001.p/" + (size - 255)).status()).isEqualTo(404);
    assertThat(alice.get("/log/tile/0/x001").status()).isEqualTo(404);
  }

  @Test
  void logEndpoints_withoutCredentials_answer401() throws Exception {
    LogHttp anonymous = new LogHttp(node.url(), null, null);
    assertThat(anonymous.get("/log/checkpoint").status()).isEqualTo(401);
    assertThat(anonymous.get("/log/tile/0/000").status()).isEqualTo(401);
  }

  @Test
  void proof_ofUnknownVersion_answers404() throws Exception {
    assertThat(alice.get("/log/proof?collection=" + collection + "&id=indicator--" + UUID.randomUUID()
        + "&version=2026-01-01T00:00:00.000Z").status()).isEqualTo(404);
    assertThat(alice.get("/log/proof?collection=" + collection).status()).isEqualTo(400);
  }

  private String objectsPath() {
    return "/parley/collections/" + collection + "/objects/";
  }

  private LogHttp.Reply awaitProof(String id, String version) throws Exception {
    String[] parts = version.split("&", 2);
    String path = "/log/proof?collection=" + collection + "&id=" + id + "&version="
        + URLEncoder.encode(parts[0], StandardCharsets.UTF_8) + (parts.length > 1 ? "&" + parts[1] : "");
    for (int i = 0; i < 200; i++) {
      LogHttp.Reply r = alice.get(path);
      if (r.status() == 200) {
        return r;
      }
      assertThat(r.status()).as(r.text()).isEqualTo(503);
      Thread.sleep(25);
    }
    throw new AssertionError("no proof after 5 s");
  }

  static final ObjectMapper JSON = new ObjectMapper();
}
