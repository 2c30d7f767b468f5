package org.parley.node.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.parley.stix.StixException;
import org.parley.tlog.Hash;
import org.parley.tlog.InclusionProof;
import org.parley.tlog.Merkle;
import org.parley.tlog.Octets;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.VerifierKey;

/**
 * Everything an auditor needs to check offline, with only the log's verifier key, that one object version is in
 * the log: the leaf, its RFC 9162 inclusion proof, and the signed checkpoint the proof leads to.
 *
 * <p>JSON form ({@code GET /log/proof}, {@code parley verify object}):
 * <pre>
 * {"format": "parley-inclusion-proof/v1", "leaf": base64 entry, "leaf_index": n, "tree_size": s,
 *  "inclusion_proof": [base64 hash, ... leaf upwards], "checkpoint": "signed note text"}
 * </pre>
 */
public record ProofBundle(Octets entry, InclusionProof proof, String checkpoint) {
  public static final String FORMAT = "parley-inclusion-proof/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  public ProofBundle {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /**
   * Verifies the bundle: the checkpoint is signed by {@code logKey} (C2SP signed-note), its size is the proof's,
   * the entry is a well-formed leaf, and the proof leads from the entry's leaf hash to the checkpoint's root
   * (RFC 9162 §2.1.3.2). Returns the leaf proven.
   */
  public LogLeaf verify(VerifierKey logKey) throws ProofException {
    SignedCheckpoint signed = SignedCheckpoint.open(checkpoint, logKey, List.of());
    if (signed.checkpoint().size() != proof.size()) {
      throw new ProofException("bundle-tree-size", "the checkpoint's size " + signed.checkpoint().size(),
          Long.toString(proof.size()));
    }
    byte[] bytes = entry.toArray();
    LogLeaf leaf;
    try {
      leaf = LogLeaves.parse(bytes);
    } catch (LogException e) {
      throw new ProofException("leaf-format", "a parley-log-leaf/v1 entry", e.getMessage());
    }
    proof.verify(Merkle.leafHash(bytes), signed.checkpoint().root());
    return leaf;
  }

  /**
   * Verifies the bundle as {@link #verify} does, then that {@code objectJson} is the object version the leaf
   * names: same id, and the SHA-256 of its RFC 8785 canonical form is the leaf's.
   */
  public LogLeaf verifyObject(VerifierKey logKey, byte[] objectJson) throws ProofException {
    LogLeaf leaf = verify(logKey);
    String sha;
    String id;
    try {
      sha = sha256Hex(LogHook.canonical(objectJson));
      id = JSON.readTree(objectJson).path("id").asText("");
    } catch (StixException | java.io.IOException e) {
      throw new ProofException("object-json", "a JSON object", "unparseable: " + e.getMessage());
    }
    if (!id.equals(leaf.objectId())) {
      throw new ProofException("object-id", leaf.objectId(), LogLeaf.quote(id));
    }
    if (!sha.equals(leaf.sha256())) {
      throw new ProofException("object-sha256", leaf.sha256(), sha);
    }
    return leaf;
  }

  public String toJson() {
    ObjectNode out = JSON.createObjectNode();
    out.put("format", FORMAT);
    out.put("leaf", entry.base64());
    out.put("leaf_index", proof.index());
    out.put("tree_size", proof.size());
    ArrayNode path = out.putArray("inclusion_proof");
    proof.path().forEach(h -> path.add(h.base64()));
    out.put("checkpoint", checkpoint);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  /** Parses the JSON form, strictly: every field present with its type. */
  public static ProofBundle parse(byte[] json) throws LogException {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
        throw new LogException("proof bundle: expected a JSON object with \"format\": \"" + FORMAT + "\"");
      }
      JsonNode path = root.path("inclusion_proof");
      if (!path.isArray() || !root.path("leaf").isTextual() || !root.path("checkpoint").isTextual()
          || !isCount(root.path("leaf_index")) || !isCount(root.path("tree_size"))) {
        throw new LogException("proof bundle: expected leaf, leaf_index, tree_size, inclusion_proof, checkpoint");
      }
      List<Hash> hashes = new ArrayList<>();
      for (JsonNode h : path) {
        if (!h.isTextual()) {
          throw new LogException("proof bundle: inclusion_proof holds base64 hashes, got " + h.getNodeType());
        }
        hashes.add(Hash.fromBase64(h.asText()));
      }
      byte[] entry = Octets.strictBase64(root.path("leaf").asText());
      return new ProofBundle(Octets.copyOf(entry),
          new InclusionProof(root.path("leaf_index").asLong(), root.path("tree_size").asLong(), hashes),
          root.path("checkpoint").asText());
    } catch (java.io.IOException | ProofException | IllegalArgumentException e) {
      throw new LogException("proof bundle: " + e.getMessage(), e);
    }
  }

  /**
   * A JSON integer (no fraction or exponent: "375.0" is not a size) in [0, 2^63): Jackson's {@code asLong} would
   * wrap 2^64 + 1 to 1 and truncate 375.0 to 375, and a "strict" reader must not verify what it misread.
   */
  private static boolean isCount(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0;
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
