package org.parley.node.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.parley.node.Node;
import org.parley.node.NodeConfig;

/**
 * A node in its own JVM, for the kill -9 test: {@code CrashNodeMain DATA_DIR URL_FILE} starts a node on SQLite in
 * DATA_DIR, writes its base URL to URL_FILE once it listens, and runs until killed.
 */
public final class CrashNodeMain {
  private CrashNodeMain() {}

  public static void main(String[] args) throws Exception {
    Node node = Node.start(NodeConfig.local(Path.of(args[0])));
    Path tmp = Path.of(args[1] + ".tmp");
    Files.writeString(tmp, node.url());
    Files.move(tmp, Path.of(args[1]), StandardCopyOption.ATOMIC_MOVE);
    Thread.sleep(Long.MAX_VALUE);
  }
}
