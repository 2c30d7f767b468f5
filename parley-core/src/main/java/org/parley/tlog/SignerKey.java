package org.parley.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 signing key with its signed-note name, encoded as Go's {@code sumdb/note} does:
 * {@code PRIVATE+KEY+<name>+<hex8 key ID>+base64(0x01 || 32-byte seed)}. The same key signs log checkpoints
 * (type 0x01 note signatures) and, for a witness, tlog-cosignature v1 cosignatures (type 0x04). The secret
 * never appears in {@link #toString()}.
 */
public final class SignerKey {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final String name;
  private final byte[] seed;
  private final byte[] publicKey;
  private final VerifierKey verifierKey;
  private final VerifierKey cosignatureVerifierKey;

  private SignerKey(String name, byte[] seed) {
    if (!Names.isValidKeyName(name)) {
      throw new IllegalArgumentException("invalid key name " + Texts.quote(name));
    }
    this.name = name;
    this.seed = seed;
    this.publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    this.verifierKey = VerifierKey.of(name, VerifierKey.TYPE_ED25519, publicKey);
    this.cosignatureVerifierKey = VerifierKey.of(name, VerifierKey.TYPE_COSIGNATURE_V1, publicKey);
  }

  /** A new key from injected randomness. */
  public static SignerKey generate(String name, SecureRandom random) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    random.nextBytes(seed);
    return new SignerKey(name, seed);
  }

  /** Parses {@code PRIVATE+KEY+name+hex8+base64(0x01 || seed)}, rejecting any mangling. */
  public static SignerKey parse(String skey) throws ProofException {
    ProofException malformed = new ProofException("signer-key",
        "PRIVATE+KEY+name+hex8+base64(0x01 || 32-byte seed)", "a malformed key (not shown)");
    if (!skey.startsWith(PREFIX)) {
      throw malformed;
    }
    String rest = skey.substring(PREFIX.length());
    int plus1 = rest.indexOf('+');
    int plus2 = plus1 < 0 ? -1 : rest.indexOf('+', plus1 + 1);
    if (plus2 < 0) {
      throw malformed;
    }
    String name = rest.substring(0, plus1);
    String hex = rest.substring(plus1 + 1, plus2);
    byte[] key;
    try {
      key = Octets.strictBase64(rest.substring(plus2 + 1));
    } catch (IllegalArgumentException e) {
      throw malformed;
    }
    if (!Names.isValidKeyName(name) || hex.length() != 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)
        || key.length != 1 + Ed25519.SECRET_KEY_SIZE || key[0] != VerifierKey.TYPE_ED25519) {
      throw malformed;
    }
    SignerKey signer = new SignerKey(name, Arrays.copyOfRange(key, 1, key.length));
    Arrays.fill(key, (byte) 0);
    int keyId = Integer.parseUnsignedInt(hex, 16);
    if (keyId != signer.keyId()) {
      throw new ProofException("signer-key-id", Names.hex8(signer.keyId()), Names.hex8(keyId));
    }
    return signer;
  }

  public String name() {
    return name;
  }

  /** The type 0x01 key ID. */
  public int keyId() {
    return verifierKey.keyId();
  }

  /** The verifier key of this key's note signatures (type 0x01), e.g. a log's public key. */
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  /** The verifier key of this key's tlog-cosignature v1 cosignatures (type 0x04), a witness's public key. */
  public VerifierKey cosignatureVerifierKey() {
    return cosignatureVerifierKey;
  }

  /** The secret encoding {@code PRIVATE+KEY+...}: for writing the key file only, never for logs. */
  public String encodeSecret() {
    byte[] raw = ByteBuffer.allocate(1 + seed.length).put((byte) VerifierKey.TYPE_ED25519).put(seed).array();
    String encoded = PREFIX + name + "+" + Names.hex8(keyId()) + "+" + Base64.getEncoder().encodeToString(raw);
    Arrays.fill(raw, (byte) 0);
    return encoded;
  }

  /** A type 0x01 Ed25519 signature over a note's text (RFC 8032, deterministic). */
  public NoteSignature sign(String text) {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
    return NoteSignature.of(name, keyId(), sig);
  }

  /**
   * A tlog-cosignature v1.0.1 cosignature over a checkpoint at {@code timestamp} (POSIX seconds): key ID of type
   * 0x04, signature {@code u64 timestamp || Ed25519(cosignature/v1\ntime <t>\n<checkpoint body>)}.
   */
  public NoteSignature cosign(Checkpoint checkpoint, long timestamp) {
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature timestamp is at most 2^63-1 and not negative");
    }
    byte[] message = Cosignatures.message(timestamp, checkpoint.body());
    byte[] sig = new byte[8 + Ed25519.SIGNATURE_SIZE];
    ByteBuffer.wrap(sig).putLong(timestamp);
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 8);
    return NoteSignature.of(name, cosignatureVerifierKey.keyId(), sig);
  }

  @Override
  public String toString() {
    return "SignerKey[" + name + "+" + Names.hex8(keyId()) + ", secret not shown]";
  }
}
