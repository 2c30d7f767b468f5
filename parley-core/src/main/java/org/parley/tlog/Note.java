package org.parley.tlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A C2SP signed-note v1.0.0: a text ending in a newline, a blank line, and one or more signature lines
 * {@code — <name> base64(key ID || signature)}.
 *
 * @param text the note text, including its final newline
 * @param signatures the signature lines in order (possibly empty for a note not yet signed)
 */
public record Note(String text, List<NoteSignature> signatures) {
  /** More signatures than Go's {@code sumdb/note} accepts (100) make a note malformed; C2SP requires >= 16. */
  public static final int MAX_SIGNATURES = 100;

  public Note {
    if (!text.endsWith("\n") || !hasOnlyAllowedCharacters(text)) {
      throw new IllegalArgumentException("note text must end in a newline and hold no control characters");
    }
    signatures = List.copyOf(signatures);
  }

  /** Signs {@code text} with each signer (Ed25519 type 0x01). */
  public static Note sign(String text, SignerKey... signers) {
    List<NoteSignature> sigs = new ArrayList<>();
    for (SignerKey signer : signers) {
      sigs.add(signer.sign(text));
    }
    return new Note(text, sigs);
  }

  /** Parses the syntax of a signed note (C2SP signed-note §Format) without checking any signature. */
  public static Note parse(String message) throws ProofException {
    if (!hasOnlyAllowedCharacters(message)) {
      throw malformed("valid UTF-8 without control characters other than newline", message);
    }
    int split = message.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed("a text, a blank line, then signature lines", message);
    }
    String text = message.substring(0, split + 1);
    String sigs = message.substring(split + 2);
    if (sigs.isEmpty() || !sigs.endsWith("\n")) {
      throw malformed("one or more newline-terminated signature lines", message);
    }
    List<NoteSignature> out = new ArrayList<>();
    for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
      if (out.size() >= MAX_SIGNATURES) {
        throw malformed("at most " + MAX_SIGNATURES + " signatures", message);
      }
      out.add(parseLine(line, message));
    }
    return new Note(text, out);
  }

  /** Parses UTF-8 bytes; invalid UTF-8 is malformed. */
  public static Note parse(byte[] message) throws ProofException {
    var decoder = StandardCharsets.UTF_8.newDecoder();
    try {
      return parse(decoder.decode(java.nio.ByteBuffer.wrap(message)).toString());
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ProofException("note-malformed", "valid UTF-8", "invalid UTF-8 (" + message.length + " bytes)");
    }
  }

  private static NoteSignature parseLine(String line, String message) throws ProofException {
    if (!line.startsWith(NoteSignature.LINE_PREFIX)) {
      throw malformed("a signature line starting with U+2014 and a space", line);
    }
    String rest = line.substring(NoteSignature.LINE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw malformed("a key name, a space and a base64 signature", line);
    }
    String name = rest.substring(0, space);
    String b64 = rest.substring(space + 1);
    byte[] raw;
    try {
      raw = Octets.strictBase64(b64);
    } catch (IllegalArgumentException e) {
      throw malformed("a standard base64 signature", line);
    }
    if (!Names.isValidKeyName(name) || b64.isEmpty() || raw.length < 5) {
      throw malformed("a valid key name and at least 5 signature bytes", line);
    }
    int keyId = java.nio.ByteBuffer.wrap(raw).getInt();
    return new NoteSignature(name, keyId, b64);
  }

  /**
   * Verifies the signatures of known keys (C2SP signed-note §Signatures): signatures from unknown keys are
   * ignored; a known key's signature that fails rejects the whole note; at least one known key must have signed.
   *
   * @return the verified signatures, in note order, one per known key
   */
  public List<NoteSignature> verify(List<VerifierKey> known) throws ProofException {
    List<NoteSignature> verified = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (NoteSignature sig : signatures) {
      for (VerifierKey key : known) {
        if (!key.matches(sig)) {
          continue;
        }
        if (!seen.add(sig.name() + "+" + sig.keyId())) {
          break;
        }
        if (!key.verifies(text, sig.signature().unsafeArray())) {
          throw new ProofException("note-signature", "a valid signature by " + key.name() + "+"
              + Names.hex8(key.keyId()), "an invalid signature");
        }
        verified.add(sig);
        break;
      }
    }
    if (verified.isEmpty()) {
      throw new ProofException("note-unverified", "a signature by one of " + known.size() + " known keys",
          signatures.size() + " signatures from unknown keys");
    }
    return verified;
  }

  /** This note with {@code extra} signatures appended, replacing earlier ones of the same name and key ID. */
  public Note withSignatures(List<NoteSignature> extra) {
    List<NoteSignature> out = new ArrayList<>();
    for (NoteSignature s : signatures) {
      if (extra.stream().noneMatch(e -> e.name().equals(s.name()) && e.keyId() == s.keyId())) {
        out.add(s);
      }
    }
    out.addAll(extra);
    return new Note(text, out);
  }

  /** The note in its wire form: text, blank line, signature lines. */
  public String encode() {
    if (signatures.isEmpty()) {
      throw new IllegalStateException("a signed note needs at least one signature");
    }
    StringBuilder out = new StringBuilder(text).append('\n');
    for (NoteSignature s : signatures) {
      out.append(s.line());
    }
    return out.toString();
  }

  static boolean hasOnlyAllowedCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        return false;
      }
    }
    return Names.isValidUtf16(s);
  }

  private static ProofException malformed(String expected, String actual) {
    return new ProofException("note-malformed", expected, Texts.quote(actual));
  }
}
