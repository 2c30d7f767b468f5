package org.parley.node.log;

import java.util.List;
import java.util.Objects;
import org.parley.tlog.Hash;
import org.parley.tlog.NoteSignature;

/**
 * The state of a log as {@code parley log show} prints it.
 *
 * @param origin the log's origin and key name
 * @param size the size of the latest signed checkpoint (0 before the first)
 * @param root its root hash
 * @param integrated leaves integrated into the tree (may run ahead of the latest checkpoint briefly)
 * @param pending leaves accepted but not yet integrated
 * @param cosignatures the cosignature lines recorded for the latest checkpoint
 */
public record LogStatus(String origin, long size, Hash root, long integrated, long pending,
    List<NoteSignature> cosignatures) {
  public LogStatus {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(root, "root");
    cosignatures = List.copyOf(cosignatures);
  }
}
