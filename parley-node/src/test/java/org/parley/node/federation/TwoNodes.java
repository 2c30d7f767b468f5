package org.parley.node.federation;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes a test starts as it needs ({@link FedNode}), closed after each test. */
abstract class TwoNodes {
  @TempDir Path tmp;
  FedNode a;
  FedNode b;

  @AfterEach
  void closeNodes() throws Exception {
    for (FedNode n : new FedNode[] {a, b}) {
      if (n != null) {
        n.close();
      }
    }
  }
}
