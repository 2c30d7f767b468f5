package org.parley.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * One node process for {@link FirstStartTest}: {@code FirstStartMain DATA_DIR DB_URL|- GO_FILE OUT_FILE}. Once its
 * JVM is up it writes {@code OUT_FILE.waiting}, waits for GO_FILE (so that every process starts the node at the
 * same moment), starts a node without a log origin on DATA_DIR (or DB_URL), and writes {@code OK <url> <origin>}
 * or {@code FAILED <message>} to OUT_FILE. A node that started serves until the process is killed.
 */
public final class FirstStartMain {
  private FirstStartMain() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[3]);
    Optional<String> database = args[1].equals("-") ? Optional.empty() : Optional.of(args[1]);
    NodeConfig config = NodeConfig.local(Path.of(args[0])).withDatabase(database);
    write(Path.of(args[3] + ".waiting"), "waiting");
    Path go = Path.of(args[2]);
    while (!Files.exists(go)) {
      Thread.sleep(2);
    }
    Node node;
    try {
      node = Node.start(config);
    } catch (Exception | Error e) {
      write(out, "FAILED " + e);
      System.exit(1);
      return;
    }
    write(out, "OK " + node.url() + " " + node.log().origin());
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void write(Path file, String text) throws Exception {
    Path tmp = Path.of(file + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
