package org.parley.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6962/9162 hashing and proofs, checked three ways: known answers published with transparency-dev/merkle
 * (testonly/constants.go, the classic RFC 6962 8-leaf data), a naive recursive transcription of the RFC
 * ({@link MerkleReference}), and properties over random tree sizes.
 */
class MerkleTest {
  // transparency-dev/merkle testonly.LeafInputs()
  static final List<byte[]> KAT_LEAVES = List.of(hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"),
      hex("40414243"), hex("5051525354555657"), hex("606162636465666768696a6b6c6d6e6f"));
  // transparency-dev/merkle testonly.RootHashes(), indexed by tree size.
  static final List<String> KAT_ROOTS = List.of(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  // transparency-dev/merkle testonly.NodeHashes()[0]: the leaf hashes.
  static final List<String> KAT_LEAF_HASHES = List.of(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
      "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void leafHash_knownAnswers_match() {
    for (int i = 0; i < KAT_LEAVES.size(); i++) {
      assertThat(Merkle.leafHash(KAT_LEAVES.get(i)).hex()).isEqualTo(KAT_LEAF_HASHES.get(i));
    }
    // transparency-dev/merkle rfc6962_test.go: echo -n 004C313233343536 | xxd -r -p | sha256sum
    assertThat(Merkle.leafHash("L123456".getBytes()).hex())
        .isEqualTo("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
  }

  @Test
  void emptyRoot_isSha256OfNothing_andDiffersFromEmptyLeaf() {
    assertThat(Merkle.emptyRoot().hex()).isEqualTo(KAT_ROOTS.get(0));
    assertThat(Merkle.emptyRoot()).isNotEqualTo(Merkle.leafHash(new byte[0]));
  }

  @Test
  void root_knownAnswersForSizes0To8_matchFastAndReference() {
    TestTree tree = new TestTree(KAT_LEAVES);
    for (int size = 0; size <= 8; size++) {
      assertThat(Proofs.root(tree, size).hex()).as("fast root at size %d", size).isEqualTo(KAT_ROOTS.get(size));
      assertThat(MerkleReference.mth(KAT_LEAVES.subList(0, size)).hex()).as("reference root at size %d", size)
          .isEqualTo(KAT_ROOTS.get(size));
    }
  }

  @Test
  void inclusion_everyLeafOfKnownTrees_verifiesAgainstKnownRoots() throws ProofException {
    TestTree tree = new TestTree(KAT_LEAVES);
    for (int size = 1; size <= 8; size++) {
      for (int i = 0; i < size; i++) {
        List<Hash> path = Proofs.inclusion(tree, i, size);
        assertThat(path).isEqualTo(MerkleReference.path(i, KAT_LEAVES.subList(0, size)));
        Merkle.verifyInclusion(Hash.fromHex(KAT_LEAF_HASHES.get(i)), i, size, path, Hash.fromHex(KAT_ROOTS.get(size)));
      }
    }
  }

  @Test
  void consistency_everyPairOfKnownTrees_verifiesAgainstKnownRoots() throws ProofException {
    TestTree tree = new TestTree(KAT_LEAVES);
    for (int n = 0; n <= 8; n++) {
      for (int m = 0; m <= n; m++) {
        List<Hash> proof = Proofs.consistency(tree, m, n);
        if (m > 0) {
          assertThat(proof).isEqualTo(MerkleReference.proof(m, KAT_LEAVES.subList(0, n)));
        }
        Merkle.verifyConsistency(m, n, Hash.fromHex(KAT_ROOTS.get(m)), Hash.fromHex(KAT_ROOTS.get(n)), proof);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234, 99_999})
  void proofs_randomSizes_matchReferenceAndVerify(long seed) throws ProofException {
    Random random = new Random(seed);
    int size = 1 + random.nextInt(300);
    List<byte[]> leaves = TestTree.leaves(size, seed);
    TestTree tree = new TestTree(leaves);
    Hash root = Proofs.root(tree, size);
    assertThat(root).isEqualTo(MerkleReference.mth(leaves));
    for (int i = 0; i < size; i++) {
      List<Hash> path = Proofs.inclusion(tree, i, size);
      assertThat(path).isEqualTo(MerkleReference.path(i, leaves));
      Merkle.verifyInclusion(Merkle.leafHash(leaves.get(i)), i, size, path, root);
    }
    for (int trial = 0; trial < 200; trial++) {
      int m = 1 + random.nextInt(size);
      int n = m + random.nextInt(size - m + 1);
      List<Hash> proof = Proofs.consistency(tree, m, n);
      List<byte[]> prefix = leaves.subList(0, n);
      assertThat(proof).isEqualTo(MerkleReference.proof(m, prefix));
      Merkle.verifyConsistency(m, n, MerkleReference.mth(leaves.subList(0, m)), MerkleReference.mth(prefix), proof);
    }
  }

  @Test
  void inclusion_mutatedProofs_allFail() {
    List<byte[]> leaves = TestTree.leaves(77, 7);
    TestTree tree = new TestTree(leaves);
    for (int n : new int[] {2, 3, 8, 13, 64, 77}) {
      int size = n;
      Hash root = Proofs.root(tree, size);
      for (int index = 0; index < size; index += 3) {
        int i = index;
        Hash leaf = Merkle.leafHash(leaves.get(i));
        List<Hash> path = Proofs.inclusion(tree, i, size);
        for (List<Hash> mutated : mutations(path)) {
          assertFails(() -> Merkle.verifyInclusion(leaf, i, size, mutated, root));
        }
        assertFails(() -> Merkle.verifyInclusion(leaf, i + 1, size, path, root));
        if (i > 0) {
          assertFails(() -> Merkle.verifyInclusion(leaf, i - 1, size, path, root));
        }
        // A proof against another tree size is checked against that size's root (a size alone is not bound).
        if (size < 77) {
          assertFails(() -> Merkle.verifyInclusion(leaf, i, size + 1, path, Proofs.root(tree, size + 1)));
        }
        assertFails(() -> Merkle.verifyInclusion(leaf, i, size - 1, path, Proofs.root(tree, size - 1)));
        assertFails(() -> Merkle.verifyInclusion(flip(leaf, 0), i, size, path, root));
        assertFails(() -> Merkle.verifyInclusion(leaf, i, size, path, flip(root, 31)));
      }
    }
  }

  @Test
  void consistency_mutatedProofs_allFail() {
    List<byte[]> leaves = TestTree.leaves(77, 8);
    TestTree tree = new TestTree(leaves);
    int[][] pairs = {{1, 2}, {3, 7}, {4, 8}, {5, 77}, {16, 64}, {31, 33}, {63, 64}};
    for (int[] pair : pairs) {
      int m = pair[0];
      int n = pair[1];
      Hash r1 = Proofs.root(tree, m);
      Hash r2 = Proofs.root(tree, n);
      List<Hash> proof = Proofs.consistency(tree, m, n);
      for (List<Hash> mutated : mutations(proof)) {
        assertFails(() -> Merkle.verifyConsistency(m, n, r1, r2, mutated));
      }
      assertFails(() -> Merkle.verifyConsistency(m + 1, n, Proofs.root(tree, m + 1), r2, proof));
      assertFails(() -> Merkle.verifyConsistency(m - 1, n, Proofs.root(tree, m - 1), r2, proof));
      if (n < 77) {
        assertFails(() -> Merkle.verifyConsistency(m, n + 1, r1, Proofs.root(tree, n + 1), proof));
      }
      assertFails(() -> Merkle.verifyConsistency(m, n, flip(r1, 3), r2, proof));
      assertFails(() -> Merkle.verifyConsistency(m, n, r1, flip(r2, 3), proof));
      assertFails(() -> Merkle.verifyConsistency(n, m, r2, r1, proof));
    }
  }

  @Test
  void inclusion_indexNotBelowSize_throwsBeforeLookingAtThePath() {
    Hash leaf = Merkle.leafHash(new byte[0]);
    assertThatThrownBy(() -> Merkle.verifyInclusion(leaf, 0, 0, List.of(), Merkle.emptyRoot()))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("inclusion-index");
    assertThatThrownBy(() -> Merkle.verifyInclusion(leaf, 5, 5, List.of(), leaf))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("inclusion-index");
    assertThatThrownBy(() -> Merkle.verifyInclusion(leaf, -1, 5, List.of(), leaf))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("inclusion-index");
  }

  @Test
  void inclusion_singleLeafTree_needsEmptyPathAndLeafAsRoot() throws ProofException {
    Hash leaf = Merkle.leafHash(new byte[] {1});
    Merkle.verifyInclusion(leaf, 0, 1, List.of(), leaf);
    assertThatThrownBy(() -> Merkle.verifyInclusion(leaf, 0, 1, List.of(leaf), Merkle.nodeHash(leaf, leaf)))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("inclusion-length");
  }

  @Test
  void inclusion_tooShortPath_failsOnSnNotZero() {
    List<byte[]> leaves = TestTree.leaves(8, 1);
    TestTree tree = new TestTree(leaves);
    List<Hash> path = Proofs.inclusion(tree, 2, 8);
    assertThatThrownBy(() -> Merkle.verifyInclusion(Merkle.leafHash(leaves.get(2)), 2, 8, path.subList(0, 2),
        Proofs.range(tree, 0, 4)))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("inclusion-length");
  }

  @Test
  void consistency_fromEmptyTree_acceptsOnlyAnEmptyProof() throws ProofException {
    Hash any = Merkle.leafHash(new byte[] {9});
    Merkle.verifyConsistency(0, 5, Merkle.emptyRoot(), any, List.of());
    Merkle.verifyConsistency(0, 0, Merkle.emptyRoot(), Merkle.emptyRoot(), List.of());
    assertFails(() -> Merkle.verifyConsistency(0, 5, Merkle.emptyRoot(), any, List.of(any)));
    assertFails(() -> Merkle.verifyConsistency(0, 5, any, any, List.of()));
  }

  @Test
  void consistency_equalSizes_needEqualRootsAndEmptyProof() throws ProofException {
    Hash a = Merkle.leafHash(new byte[] {1});
    Hash b = Merkle.leafHash(new byte[] {2});
    Merkle.verifyConsistency(3, 3, a, a, List.of());
    assertThatThrownBy(() -> Merkle.verifyConsistency(3, 3, a, b, List.of()))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("consistency-root");
    assertThatThrownBy(() -> Merkle.verifyConsistency(3, 3, a, a, List.of(a)))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("consistency-length");
  }

  @Test
  void consistency_emptyProofBetweenDifferentNonEmptySizes_fails() {
    Hash a = Merkle.leafHash(new byte[] {1});
    assertThatThrownBy(() -> Merkle.verifyConsistency(4, 8, a, a, List.of()))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("consistency-length");
  }

  @Test
  void consistency_shrinkingTree_fails() {
    Hash a = Merkle.leafHash(new byte[] {1});
    assertThatThrownBy(() -> Merkle.verifyConsistency(8, 4, a, a, List.of(a)))
        .isInstanceOf(ProofException.class).extracting("rule").isEqualTo("consistency-sizes");
  }

  @Test
  void proofException_message_namesRuleExpectedAndActual() {
    Hash leaf = Merkle.leafHash(new byte[] {1});
    assertThatThrownBy(() -> Merkle.verifyInclusion(leaf, 0, 1, List.of(), flip(leaf, 0)))
        .hasMessageContaining("inclusion-root").hasMessageContaining("expected " + flip(leaf, 0).hex())
        .hasMessageContaining("actual " + leaf.hex());
  }

  interface Check {
    void run() throws ProofException;
  }

  static void assertFails(Check check) {
    assertThatThrownBy(check::run).isInstanceOf(ProofException.class);
  }

  static Hash flip(Hash h, int byteIndex) {
    byte[] b = h.toArray();
    b[byteIndex] ^= 0x10;
    return Hash.copyOf(b);
  }

  /** Bit flips in every element, truncation, an extra element, a dropped first element, swapped neighbours. */
  static List<List<Hash>> mutations(List<Hash> proof) {
    List<List<Hash>> out = new ArrayList<>();
    for (int i = 0; i < proof.size(); i++) {
      List<Hash> m = new ArrayList<>(proof);
      m.set(i, flip(proof.get(i), i % 32));
      out.add(m);
    }
    if (!proof.isEmpty()) {
      out.add(proof.subList(0, proof.size() - 1));
      out.add(proof.subList(1, proof.size()));
    }
    List<Hash> extra = new ArrayList<>(proof);
    extra.add(Merkle.leafHash(new byte[] {42}));
    out.add(extra);
    for (int i = 0; i + 1 < proof.size(); i++) {
      if (!proof.get(i).equals(proof.get(i + 1))) {
        List<Hash> swapped = new ArrayList<>(proof);
        swapped.set(i, proof.get(i + 1));
        swapped.set(i + 1, proof.get(i));
        out.add(swapped);
      }
    }
    return out;
  }
}
