package org.parley.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP answer of a C2SP tlog-witness v1.0.0 {@code add-checkpoint} call, as data for the node's HTTP layer.
 *
 * @param status 200, 400, 403, 404, 409 or 422
 * @param contentType the Content-Type header ({@code text/x.tlog.size} for a 409 carrying the witness's size)
 * @param body the response body: cosignature lines on 200, the latest size on a size conflict (C2SP
 *     tlog-witness), else the detail as {@code text/plain} — a client is told why it was refused
 * @param detail why, for the witness's own logs and the error body; untrusted text in it is quoted and escaped
 *     ({@code Texts.quote}), never echoed raw
 * @param evidence true when the log's signature verified but the checkpoint contradicts what this witness
 *     cosigned (a fork, a rewritten entry, a shrunken tree): the request body should be kept as evidence
 */
public record WitnessResponse(int status, String contentType, String body, String detail, boolean evidence) {
  public static final String TEXT = "text/plain; charset=utf-8";
  public static final String TLOG_SIZE = "text/x.tlog.size";

  public WitnessResponse {
    if (status != 200 && status != 400 && status != 403 && status != 404 && status != 409 && status != 422) {
      throw new IllegalArgumentException("not a tlog-witness status: " + status);
    }
  }

  static WitnessResponse ok(List<NoteSignature> cosignatures) {
    StringBuilder body = new StringBuilder();
    for (NoteSignature s : cosignatures) {
      body.append(s.line());
    }
    return new WitnessResponse(200, TEXT, body.toString(), "cosigned", false);
  }

  static WitnessResponse error(int status, String detail, boolean evidence) {
    return new WitnessResponse(status, TEXT, detail + "\n", detail, evidence);
  }

  static WitnessResponse sizeConflict(long latestSize, String detail) {
    return new WitnessResponse(409, TLOG_SIZE, latestSize + "\n", detail, false);
  }

  /** Client side: the cosignature lines of a 200 body, to add to the checkpoint with its verification keys. */
  public static List<NoteSignature> parseCosignatures(String body) throws ProofException {
    if (body.isEmpty() || !body.endsWith("\n")) {
      throw new ProofException("witness-response", "one or more newline-terminated signature lines",
          Texts.quote(body));
    }
    // A note with a dummy text reuses the signature-line grammar of C2SP signed-note.
    Note parsed = Note.parse("x\n\n" + body);
    return new ArrayList<>(parsed.signatures());
  }

  /** Client side: the witness's latest size from a 409 {@code text/x.tlog.size} body. */
  public static long parseSize(String body) throws ProofException {
    if (!body.endsWith("\n")) {
      throw new ProofException("witness-response", "<size>\\n", Texts.quote(body));
    }
    return Checkpoint.parseSize(body.substring(0, body.length() - 1));
  }
}
