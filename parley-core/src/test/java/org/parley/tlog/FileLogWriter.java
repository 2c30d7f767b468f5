package org.parley.tlog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for {@link FileLogKillTest}: appends and integrates forever on a {@link FileLogStorage},
 * printing each acknowledgement only after the call that made it durable returned. It is killed with SIGKILL.
 */
final class FileLogWriter {
  private FileLogWriter() {}

  static byte[] entry(long i) {
    return ("entry " + i).getBytes();
  }

  public static void main(String[] args) throws Exception {
    FileLogStorage storage = FileLogStorage.open(Path.of(args[0]));
    Log log = Log.open(storage, LogTest.key());
    long next = log.sequencedSize();
    for (int round = 0; ; round++) {
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        batch.add(entry(next + i));
      }
      List<Long> indices = log.append(batch);
      System.out.println("acked " + indices.get(0) + " " + indices.size());
      next += batch.size();
      if (round % 3 == 0) {
        SignedCheckpoint cp = log.integrate();
        System.out.println("checkpoint " + cp.checkpoint().size() + " " + cp.checkpoint().root().hex());
      }
      System.out.flush();
    }
  }
}
