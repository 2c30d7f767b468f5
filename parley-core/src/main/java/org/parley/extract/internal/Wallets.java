package org.parley.extract.internal;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Checks cryptocurrency address checksums so random base58-looking words are not reported. */
public final class Wallets {
  private Wallets() {}

  private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  public static boolean isBase58(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (B58.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Bitcoin legacy (P2PKH "1...", P2SH "3...") address with a valid Base58Check checksum. */
  public static boolean isBitcoinBase58(String s) {
    if (s.length() < 26 || s.length() > 35 || (s.charAt(0) != '1' && s.charAt(0) != '3') || !isBase58(s, 0, s.length())) {
      return false;
    }
    BigInteger v = BigInteger.ZERO;
    BigInteger base = BigInteger.valueOf(58);
    for (int i = 0; i < s.length(); i++) {
      v = v.multiply(base).add(BigInteger.valueOf(B58.indexOf(s.charAt(i))));
    }
    byte[] raw = v.toByteArray();
    // 25 bytes: version, 20-byte hash, 4-byte checksum; leading '1's are zero bytes
    byte[] full = new byte[25];
    int start = raw.length > 25 ? raw.length - 25 : 0;
    int len = raw.length - start;
    if (len > 25) {
      return false;
    }
    System.arraycopy(raw, start, full, 25 - len, len);
    byte[] check = sha256(sha256(Arrays.copyOfRange(full, 0, 21)));
    for (int i = 0; i < 4; i++) {
      if (check[i] != full[21 + i]) {
        return false;
      }
    }
    return full[0] == 0 || full[0] == 5;
  }

  /** Bitcoin segwit address "bc1..." (BIP 173 bech32 / BIP 350 bech32m checksum). */
  public static boolean isBech32(String s) {
    String l = s.toLowerCase(java.util.Locale.ROOT);
    if (!l.equals(s) && !s.toUpperCase(java.util.Locale.ROOT).equals(s)) {
      return false; // mixed case is invalid per BIP 173
    }
    if (!l.startsWith("bc1") || l.length() < 14 || l.length() > 90) {
      return false;
    }
    int[] data = new int[l.length() - 3];
    for (int i = 3; i < l.length(); i++) {
      int d = BECH32.indexOf(l.charAt(i));
      if (d < 0) {
        return false;
      }
      data[i - 3] = d;
    }
    int[] values = new int[5 + data.length];
    // hrp expansion of "bc"
    values[0] = 'b' >> 5;
    values[1] = 'c' >> 5;
    values[2] = 0;
    values[3] = 'b' & 31;
    values[4] = 'c' & 31;
    System.arraycopy(data, 0, values, 5, data.length);
    int chk = polymod(values);
    return chk == 1 || chk == 0x2bc830a3;
  }

  private static int polymod(int[] values) {
    int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int chk = 1;
    for (int v : values) {
      int b = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((b >>> i) & 1) != 0) {
          chk ^= gen[i];
        }
      }
    }
    return chk;
  }

  /**
   * Monero address — standard or subaddress (95 chars, prefix 4 / 8) or integrated (106) — whose checksum holds:
   * Monero's Base58 encodes 8-byte blocks as 11 characters (a last partial block as 2, 3, 5, 6, 7, 9 or 10), and the
   * last 4 decoded bytes are the first 4 of Keccak-256 (original padding, not SHA3) of the rest (Monero
   * {@code src/common/base58.cpp}, {@code cryptonote_basic_impl.cpp}).
   */
  public static boolean isMonero(String s) {
    if ((s.length() != 95 && s.length() != 106) || (s.charAt(0) != '4' && s.charAt(0) != '8')
        || !isBase58(s, 0, s.length())) {
      return false;
    }
    byte[] raw = moneroBase58(s);
    if (raw == null || raw.length < 5) {
      return false;
    }
    org.bouncycastle.crypto.digests.KeccakDigest k = new org.bouncycastle.crypto.digests.KeccakDigest(256);
    k.update(raw, 0, raw.length - 4);
    byte[] h = new byte[32];
    k.doFinal(h, 0);
    for (int i = 0; i < 4; i++) {
      if (h[i] != raw[raw.length - 4 + i]) {
        return false;
      }
    }
    return true;
  }

  private static final int[] BLOCK_CHARS = {0, 2, 3, 5, 6, 7, 9, 10, 11}; // encoded length of 0..8 bytes

  /** Monero's block Base58, or null when a block does not decode to its size. */
  static byte[] moneroBase58(String s) {
    int full = s.length() / 11;
    int rest = s.length() % 11;
    int restBytes = -1;
    for (int b = 0; b < BLOCK_CHARS.length; b++) {
      restBytes = BLOCK_CHARS[b] == rest ? b : restBytes;
    }
    if (restBytes < 0) {
      return null;
    }
    byte[] out = new byte[full * 8 + restBytes];
    for (int blk = 0; blk <= full; blk++) {
      int chars = blk < full ? 11 : rest;
      int size = blk < full ? 8 : restBytes;
      if (chars == 0) {
        continue;
      }
      BigInteger v = BigInteger.ZERO;
      for (int i = blk * 11; i < blk * 11 + chars; i++) {
        v = v.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(B58.indexOf(s.charAt(i))));
      }
      if (v.bitLength() > size * 8) {
        return null;
      }
      byte[] b = v.toByteArray();
      int n = Math.min(b.length, size);
      System.arraycopy(b, b.length - n, out, blk * 8 + size - n, n);
    }
    return out;
  }

  /** Ethereum: "0x" and 40 hex digits. */
  public static boolean isEthereum(String s) {
    if (s.length() != 42 || s.charAt(0) != '0' || (s.charAt(1) != 'x' && s.charAt(1) != 'X')) {
      return false;
    }
    for (int i = 2; i < 42; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
