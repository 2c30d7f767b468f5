package org.parley.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a C2SP tlog-witness v1.0.0 {@code add-checkpoint} request: {@code old <size>\n}, zero to 63
 * base64 consistency-proof lines, an empty line, then the signed checkpoint.
 */
public record AddCheckpointRequest(long oldSize, List<Hash> proof, String signedCheckpoint) {
  public static final int MAX_PROOF_LINES = 63;

  public AddCheckpointRequest {
    if (oldSize < 0) {
      throw new IllegalArgumentException("old size must not be negative");
    }
    proof = List.copyOf(proof);
    if (proof.size() > MAX_PROOF_LINES) {
      throw new IllegalArgumentException("at most 63 consistency proof lines");
    }
  }

  /** The request a log sends to move a witness from {@code oldSize} to the checkpoint's size. */
  public static AddCheckpointRequest of(ConsistencyProof proof, SignedCheckpoint checkpoint) {
    return new AddCheckpointRequest(proof.oldSize(), proof.path(), checkpoint.encode());
  }

  public String encode() {
    StringBuilder out = new StringBuilder("old ").append(oldSize).append('\n');
    for (Hash h : proof) {
      out.append(h.base64()).append('\n');
    }
    return out.append('\n').append(signedCheckpoint).toString();
  }

  public static AddCheckpointRequest parse(byte[] body) throws ProofException {
    try {
      return parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString());
    } catch (CharacterCodingException e) {
      throw new ProofException("add-checkpoint-request", "a UTF-8 body", "invalid UTF-8");
    }
  }

  public static AddCheckpointRequest parse(String body) throws ProofException {
    int end = body.indexOf('\n');
    if (end < 0 || !body.startsWith("old ")) {
      throw malformed("a first line \"old <size>\"", body);
    }
    long oldSize = Checkpoint.parseSize(body.substring(4, end));
    List<Hash> proof = new ArrayList<>();
    int at = end + 1;
    while (true) {
      int next = body.indexOf('\n', at);
      if (next < 0) {
        throw malformed("an empty line before the checkpoint", body);
      }
      if (next == at) {
        at = next + 1;
        break;
      }
      if (proof.size() == MAX_PROOF_LINES) {
        throw malformed("at most 63 consistency proof lines", body);
      }
      proof.add(Hash.fromBase64(body.substring(at, next)));
      at = next + 1;
    }
    return new AddCheckpointRequest(oldSize, proof, body.substring(at));
  }

  private static ProofException malformed(String expected, String body) {
    return new ProofException("add-checkpoint-request", expected, Texts.quote(body));
  }
}
