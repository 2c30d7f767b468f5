package org.parley.tlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An append-only RFC 6962/9162 Merkle-tree log over a {@link LogStorage}: entries are sequenced durably, then
 * integrated into the tree (stored as C2SP tlog-tiles hash tiles) and committed to by a signed C2SP checkpoint.
 *
 * <p>Order of work, which makes it crash-consistent: (1) entries are durable before {@link #append} returns;
 * (2) {@link #integrate} writes the tiles, checks the new tree against the last checkpoint with a consistency
 * proof, signs the checkpoint and stores it with a compare-and-set before returning it; (3) a size is never
 * re-signed with a different root: integration only moves forward from the stored checkpoint, and the storage
 * refuses a different root at a stored size.
 *
 * <p>Thread safety: methods are {@code synchronized}; one {@code Log} per storage is the sequencer (the node
 * holds a lease so that only one process integrates).
 */
public final class Log {
  /** Entries integrated per storage round trip, to bound memory when catching up. */
  private static final int INTEGRATE_CHUNK = 1 << 16;

  private final LogStorage storage;
  private final SignerKey key;
  private final String origin;
  private final Map<Long, byte[]> fullTiles = TileTree.newCache();
  private StoredCheckpoint latest;
  private SignedCheckpoint latestSigned;

  private Log(LogStorage storage, SignerKey key, String origin) {
    this.storage = storage;
    this.key = key;
    this.origin = origin;
  }

  /** Opens the log whose origin is the key's name (C2SP tlog-checkpoint: the key name SHOULD match the origin). */
  public static Log open(LogStorage storage, SignerKey key) throws ProofException {
    return open(storage, key, key.name());
  }

  /**
   * Opens a log and checks the stored state: the latest checkpoint must be signed by {@code key} for
   * {@code origin}, no entry it covers may be missing, and the tiles must reproduce its root; tiles lost in a
   * crash are rebuilt from the entries.
   */
  public static Log open(LogStorage storage, SignerKey key, String origin) throws ProofException {
    Log log = new Log(storage, key, origin);
    log.recover();
    return log;
  }

  private void recover() throws ProofException {
    Optional<StoredCheckpoint> stored = storage.latestCheckpoint();
    if (stored.isEmpty()) {
      return;
    }
    StoredCheckpoint s = stored.get();
    SignedCheckpoint signed = SignedCheckpoint.open(s.signedNote(), key.verifierKey(), List.of());
    Checkpoint c = signed.checkpoint();
    if (!c.origin().equals(origin) || c.size() != s.size() || !c.root().equals(s.root())) {
      throw new ProofException("stored-checkpoint", "origin " + origin + ", size " + s.size() + ", root "
          + s.root().hex(), "origin " + c.origin() + ", size " + c.size() + ", root " + c.root().hex());
    }
    long sequenced = storage.sequencedSize();
    if (sequenced < s.size()) {
      throw new ProofException("storage-lost-entries", "at least " + s.size() + " sequenced entries",
          Long.toString(sequenced));
    }
    Hash root;
    try {
      root = rootAt(s.size());
    } catch (IllegalStateException e) { // tiles written after the entries were lost in a crash: rebuild
      rebuildTiles(s.size());
      root = rootAt(s.size());
    }
    if (!root.equals(s.root())) {
      rebuildTiles(s.size());
      root = rootAt(s.size());
      if (!root.equals(s.root())) {
        throw new ProofException("checkpoint-fork", "the entries to hash to the signed root " + s.root().hex(),
            root.hex());
      }
    }
    latest = s;
    latestSigned = signed;
  }

  private void rebuildTiles(long size) {
    fullTiles.clear();
    growTiles(0, size);
  }

  private void growTiles(long from, long to) {
    for (long at = from; at < to; at += INTEGRATE_CHUNK) {
      int count = (int) Math.min(INTEGRATE_CHUNK, to - at);
      storage.writeTiles(TileTree.grow(at, leafHashes(at, count), storage::readTile));
    }
  }

  public String origin() {
    return origin;
  }

  /** The log's public key, as a signed-note verifier key. */
  public VerifierKey verifierKey() {
    return key.verifierKey();
  }

  /**
   * Sequences a batch of entries (each at most 65535 bytes, the C2SP entry bundle limit) and returns their
   * indices. They are durable when this returns, and committed to by the next {@link #integrate()}.
   */
  public synchronized List<Long> append(List<byte[]> entries) {
    if (entries.isEmpty()) {
      return List.of();
    }
    List<Octets> copies = new ArrayList<>(entries.size());
    for (byte[] e : entries) {
      if (e.length > EntryBundle.MAX_ENTRY_SIZE) {
        throw new IllegalArgumentException("an entry is at most 65535 bytes, got " + e.length);
      }
      copies.add(Octets.copyOf(e));
    }
    long first = storage.sequence(copies);
    List<Long> indices = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      indices.add(first + i);
    }
    return indices;
  }

  /**
   * Integrates every sequenced entry into the tree, then signs, stores and returns a checkpoint of the new size.
   * With nothing new, returns the latest checkpoint (signing the empty tree on a new log).
   *
   * @throws ProofException if the stored tree does not extend the last checkpoint, or another process stored a
   *     different checkpoint meanwhile
   */
  public synchronized SignedCheckpoint integrate() throws ProofException {
    if (!storage.latestCheckpoint().equals(Optional.ofNullable(latest))) {
      recover(); // another sequencer (e.g. before a lease handover) stored a checkpoint: verify and adopt it
    }
    long from = latest == null ? 0 : latest.size();
    long to = storage.sequencedSize();
    if (to < from) {
      throw new ProofException("storage-lost-entries", "at least " + from + " sequenced entries", Long.toString(to));
    }
    if (latest != null && to == from) {
      return latestSigned;
    }
    try {
      growTiles(from, to);
    } catch (IllegalStateException e) { // tiles below the checkpoint went missing: rebuild them from the entries
      rebuildTiles(from);
      growTiles(from, to);
    }
    Hash root = rootAt(to);
    if (latest != null) {
      // The tree just built must extend what was signed before; this catches rewritten entries or tiles.
      Merkle.verifyConsistency(from, to, latest.root(), root, consistencyPath(from, to));
    }
    Checkpoint checkpoint = new Checkpoint(origin, to, root);
    Note note = Note.sign(checkpoint.body(), key);
    StoredCheckpoint next = new StoredCheckpoint(to, root, note.encode());
    if (!storage.storeCheckpoint(Optional.ofNullable(latest), next)) {
      Optional<StoredCheckpoint> now = storage.latestCheckpoint();
      throw new ProofException("checkpoint-conflict", "latest stored checkpoint "
          + (latest == null ? "none" : latest.size() + " " + latest.root().hex()),
          now.map(c -> c.size() + " " + c.root().hex()).orElse("none"));
    }
    latest = next;
    latestSigned = new SignedCheckpoint(checkpoint, note);
    return latestSigned;
  }

  /** The latest signed checkpoint (stored before it was ever returned). */
  public synchronized Optional<SignedCheckpoint> latestCheckpoint() {
    return Optional.ofNullable(latestSigned);
  }

  /** The size of the latest checkpoint: the entries a client can be given proofs for. */
  public synchronized long size() {
    return latest == null ? 0 : latest.size();
  }

  /** The number of sequenced entries, integrated or not. */
  public long sequencedSize() {
    return storage.sequencedSize();
  }

  /** The root of the tree of the first {@code treeSize} entries, for any size up to {@link #size()}. */
  public synchronized Hash root(long treeSize) {
    checkSize(treeSize);
    return rootAt(treeSize);
  }

  /** RFC 9162 §2.1.3.1: the inclusion proof of entry {@code index} in the tree of {@code treeSize} entries. */
  public synchronized InclusionProof inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    return new InclusionProof(index, treeSize, Proofs.inclusion(tree(treeSize), index, treeSize));
  }

  /** RFC 9162 §2.1.4.1: the consistency proof from the tree of {@code oldSize} to that of {@code newSize}. */
  public synchronized ConsistencyProof consistencyProof(long oldSize, long newSize) {
    checkSize(newSize);
    return new ConsistencyProof(oldSize, newSize, consistencyPath(oldSize, newSize));
  }

  /** Entry {@code index}, if it is covered by the latest checkpoint. */
  public synchronized Optional<Octets> entry(long index) {
    if (index < 0 || index >= size()) {
      return Optional.empty();
    }
    return Optional.of(storage.readEntries(index, 1).get(0));
  }

  /**
   * A C2SP tlog-tiles resource (hash tile or entry bundle) of the tree at the latest checkpoint; empty if it does
   * not exist at that size (so a partial tile is served exactly at the width a checkpoint needs, or narrower).
   */
  public synchronized Optional<Octets> tile(TileId id) {
    long size = size();
    Optional<TileId> available = TileId.inTree(id.entries(), id.level(), id.index(), size);
    if (available.isEmpty() || available.get().width() < id.width()) {
      return Optional.empty();
    }
    if (id.entries()) {
      return Optional.of(EntryBundle.encode(storage.readEntries(id.index() * TileId.WIDTH, id.width())));
    }
    Tile stored = storage.readTile(id.level(), id.index()).orElseThrow(() -> new IllegalStateException(
        "tile " + id.path() + " is missing from storage"));
    if (stored.width() < id.width()) {
      throw new IllegalStateException("tile " + id.path() + " has only " + stored.width() + " hashes in storage");
    }
    return Optional.of(Octets.copyOf(stored.hashes().unsafeArray(), 0, id.width() * Hash.SIZE));
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size()) {
      throw new IllegalArgumentException("tree size must be in [0, " + size() + "], got " + treeSize);
    }
  }

  private Hash rootAt(long treeSize) {
    return Proofs.root(tree(treeSize), treeSize);
  }

  private List<Hash> consistencyPath(long oldSize, long newSize) {
    return Proofs.consistency(tree(newSize), oldSize, newSize);
  }

  private TileTree tree(long treeSize) {
    return new TileTree((level, index, width) -> storage.readTile(level, index)
        .map(t -> t.hashes().unsafeArray()).orElse(new byte[0]), treeSize, fullTiles);
  }

  private byte[] leafHashes(long from, int count) {
    List<Octets> entries = storage.readEntries(from, count);
    byte[] out = new byte[count * Hash.SIZE];
    for (int i = 0; i < count; i++) {
      Merkle.leafHash(entries.get(i).unsafeArray()).copyTo(out, i * Hash.SIZE);
    }
    return out;
  }
}
