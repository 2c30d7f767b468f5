package org.parley.tlog;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** C2SP tlog-tiles v0.1.0 entry bundles: a sequence of big-endian uint16 length-prefixed entries. */
public final class EntryBundle {
  /** The largest entry a bundle can carry. */
  public static final int MAX_ENTRY_SIZE = 0xffff;

  private EntryBundle() {}

  public static Octets encode(List<Octets> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Octets e : entries) {
      if (e.length() > MAX_ENTRY_SIZE) {
        throw new IllegalArgumentException("an entry is at most 65535 bytes, got " + e.length());
      }
      out.write(e.length() >>> 8);
      out.write(e.length() & 0xff);
      out.writeBytes(e.unsafeArray());
    }
    return Octets.wrap(out.toByteArray());
  }

  /** Splits a bundle into its entries; a truncated length prefix or entry is an error. */
  public static List<Octets> decode(byte[] bundle) throws ProofException {
    List<Octets> out = new ArrayList<>();
    int at = 0;
    while (at < bundle.length) {
      if (at + 2 > bundle.length) {
        throw new ProofException("entry-bundle", "a 2-byte length prefix at offset " + at, "1 byte left");
      }
      int len = ((bundle[at] & 0xff) << 8) | (bundle[at + 1] & 0xff);
      at += 2;
      if (at + len > bundle.length) {
        throw new ProofException("entry-bundle", len + " entry bytes at offset " + at,
            (bundle.length - at) + " bytes left");
      }
      out.add(Octets.copyOf(bundle, at, at + len));
      at += len;
      if (out.size() > TileId.WIDTH) {
        throw new ProofException("entry-bundle", "at most 256 entries", "more");
      }
    }
    return out;
  }
}
