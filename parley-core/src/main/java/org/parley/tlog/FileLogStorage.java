package org.parley.tlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A simple durable {@link LogStorage} in one directory, for a single process (it holds a file lock):
 * <ul>
 *   <li>{@code entries.log}: batches {@code [u32 count][u32 payload length][u32 CRC32C][count × (u32 length,
 *       bytes)]}, fsynced before {@link #sequence} returns; a torn batch at the end (crash mid-write, never
 *       acknowledged) is cut off when the directory is opened again, so a batch is there entirely or not at all;</li>
 *   <li>{@code tile/<L>/<N>}: hash tiles in the tlog-tiles layout, each written to a temporary file, fsynced and
 *       renamed over the old one (a tile is always some complete version);</li>
 *   <li>{@code checkpoint.stored}: size, root and signed note, replaced the same way.</li>
 * </ul>
 */
public final class FileLogStorage implements LogStorage, AutoCloseable {
  private static final int HEADER = 12;

  private final Path dir;
  private final FileChannel entries;
  private final FileLock lock;
  private long[] offsets = new long[1024]; // offsets[i] = file position of entry i's length prefix
  private long count;
  private long end;

  private FileLogStorage(Path dir, FileChannel entries, FileLock lock) {
    this.dir = dir;
    this.entries = entries;
    this.lock = lock;
  }

  /** Opens (creating if needed) the storage in {@code dir}, cutting off a torn last batch. */
  public static FileLogStorage open(Path dir) {
    try {
      Files.createDirectories(dir.resolve("tile"));
      FileChannel lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        lockChannel.close();
        throw new IllegalStateException("another process holds the log directory " + dir);
      }
      FileChannel ch = FileChannel.open(dir.resolve("entries.log"), StandardOpenOption.CREATE,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLogStorage s = new FileLogStorage(dir, ch, lock);
      s.scan();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void scan() throws IOException {
    long size = entries.size();
    long at = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (at + HEADER <= size) {
      header.clear();
      readFully(header, at);
      header.flip();
      int n = header.getInt();
      long payload = Integer.toUnsignedLong(header.getInt());
      int crc = header.getInt();
      if (at + HEADER + payload > size) {
        break; // torn: the batch was never acknowledged
      }
      ByteBuffer body = ByteBuffer.allocate((int) payload);
      readFully(body, at + HEADER);
      body.flip();
      CRC32C check = new CRC32C();
      check.update(body.duplicate());
      if ((int) check.getValue() != crc) {
        if (at + HEADER + payload == size) {
          break; // torn inside the last batch
        }
        throw new IllegalStateException("entries.log is corrupt at offset " + at);
      }
      long pos = at + HEADER;
      for (int i = 0; i < n; i++) {
        int len = body.getInt();
        body.position(body.position() + len);
        addOffset(pos);
        pos += 4 + len;
      }
      at += HEADER + payload;
    }
    if (at < size) {
      entries.truncate(at);
      entries.force(true);
    }
    end = at;
  }

  private void addOffset(long pos) {
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[(int) count++] = pos;
  }

  @Override
  public synchronized long sequence(List<Octets> batch) {
    long payload = 0;
    for (Octets e : batch) {
      payload += 4 + e.length();
    }
    if (payload > Integer.MAX_VALUE - HEADER) {
      throw new IllegalArgumentException("batch too large");
    }
    ByteBuffer buf = ByteBuffer.allocate(HEADER + (int) payload);
    buf.putInt(batch.size()).putInt((int) payload).putInt(0);
    for (Octets e : batch) {
      buf.putInt(e.length()).put(e.unsafeArray());
    }
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), HEADER, (int) payload);
    buf.putInt(8, (int) crc.getValue());
    buf.flip();
    long first = count;
    try {
      long at = end;
      while (buf.hasRemaining()) {
        at += entries.write(buf, at);
      }
      entries.force(false); // durable before returning (LogStorage rule 1)
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long pos = end + HEADER;
    for (Octets e : batch) {
      addOffset(pos);
      pos += 4 + e.length();
    }
    end += HEADER + payload;
    return first;
  }

  @Override
  public synchronized long sequencedSize() {
    return count;
  }

  @Override
  public synchronized List<Octets> readEntries(long from, int n) {
    if (from < 0 || n < 0 || from + n > count) {
      throw new IllegalArgumentException("entries [" + from + ", " + (from + n) + ") not sequenced");
    }
    List<Octets> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    long start = offsets[(int) from];
    long stop = from + n < count ? offsets[(int) (from + n)] : end;
    ByteBuffer buf = ByteBuffer.allocate((int) (stop - start));
    try {
      readFully(buf, start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buf.flip();
    for (int i = 0; i < n; i++) {
      buf.position((int) (offsets[(int) from + i] - start)); // entries of one range may span batch headers
      byte[] e = new byte[buf.getInt()];
      buf.get(e);
      out.add(Octets.wrap(e));
    }
    return out;
  }

  @Override
  public Optional<Tile> readTile(int level, long index) {
    Path p = tilePath(level, index);
    try {
      return Optional.of(new Tile(level, index, Octets.wrap(Files.readAllBytes(p))));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void writeTiles(List<Tile> tiles) {
    try {
      java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
      for (Tile t : tiles) {
        Path p = tilePath(t.level(), t.index());
        Files.createDirectories(p.getParent());
        writeAndRename(p, t.hashes().unsafeArray());
        dirs.add(p.getParent());
      }
      for (Path d : dirs) { // one directory fsync per directory, after all renames into it
        syncDirectory(d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized Optional<StoredCheckpoint> latestCheckpoint() {
    Path p = dir.resolve("checkpoint.stored");
    try {
      String text = Files.readString(p, StandardCharsets.UTF_8);
      int a = text.indexOf('\n');
      int b = text.indexOf('\n', a + 1);
      return Optional.of(new StoredCheckpoint(Long.parseLong(text.substring(0, a)),
          Hash.fromHex(text.substring(a + 1, b)), text.substring(b + 1)));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized boolean storeCheckpoint(Optional<StoredCheckpoint> expected, StoredCheckpoint next) {
    Optional<StoredCheckpoint> latest = latestCheckpoint();
    if (!expected.equals(latest)) {
      return false;
    }
    if (latest.isPresent() && (next.size() < latest.get().size()
        || (next.size() == latest.get().size() && !next.root().equals(latest.get().root())))) {
      return false;
    }
    String text = next.size() + "\n" + next.root().hex() + "\n" + next.signedNote();
    try {
      replaceDurably(dir.resolve("checkpoint.stored"), text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  private Path tilePath(int level, long index) {
    return dir.resolve(TileId.hashes(level, index, TileId.WIDTH).path());
  }

  /** Write to a temporary file, fsync it, rename it over the target, fsync the directory. */
  private static void replaceDurably(Path target, byte[] content) throws IOException {
    writeAndRename(target, content);
    syncDirectory(target.getParent());
  }

  /** The rename is atomic, so a reader (or a crash) sees the old or the new content, never a torn one. */
  private static void writeAndRename(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignored) {
      // some platforms cannot fsync a directory; the rename is then as durable as the OS makes it
    }
  }

  private void readFully(ByteBuffer buf, long at) throws IOException {
    long pos = at;
    while (buf.hasRemaining()) {
      int r = entries.read(buf, pos);
      if (r < 0) {
        throw new IOException("unexpected end of entries.log at " + pos);
      }
      pos += r;
    }
  }

  @Override
  public synchronized void close() {
    try {
      lock.release();
      lock.channel().close();
      entries.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
