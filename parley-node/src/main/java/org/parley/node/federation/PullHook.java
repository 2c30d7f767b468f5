package org.parley.node.federation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.node.store.AppendHook;
import org.parley.node.store.StoredVersion;

/**
 * Joins the store's single write path for objects pulled from a peer: inside the same transaction as the
 * objects (and their leaves in this node's log) it records their provenance and advances the peer collection's
 * {@code added_after} cursor, so that a crash either keeps both or neither (no gap, no duplicate on resume).
 * The puller announces a batch on its own thread just before calling the store; appends by anyone else pass
 * through untouched.
 */
final class PullHook implements AppendHook {
  private final ThreadLocal<Batch> current = new ThreadLocal<>();

  /**
   * What the append about to run on this thread carries.
   *
   * @param provenance by {@code objectId + " " + version}, and by {@code objectId} alone
   * @param cursor the cursor to store with this batch; empty when the batch does not end a verified page
   */
  record Batch(String localCollection, String peer, String remoteCollection, Map<String, Provenance> provenance,
      Optional<String> cursor) {}

  void begin(Batch batch) {
    current.set(batch);
  }

  void end() {
    current.remove();
  }

  @Override
  public void accepted(Connection transaction, String collectionId, List<StoredVersion> accepted)
      throws SQLException {
    Batch b = current.get();
    if (b == null || !b.localCollection().equals(collectionId)) {
      return;
    }
    for (StoredVersion v : accepted) {
      Provenance p = b.provenance().get(v.objectId() + " " + v.versionText());
      if (p == null) {
        // Objects without modified/created take this node's date_added as version: match them by id.
        p = b.provenance().get(v.objectId());
      }
      if (p != null) {
        FederationStore.insertProvenance(transaction, new Provenance(collectionId, v.objectId(), v.versionText(),
            p.originParty(), p.originCollection(), p.originLeafIndex(), p.originTreeSize()));
      }
    }
    if (b.cursor().isPresent()) {
      FederationStore.setCursor(transaction, b.peer(), b.remoteCollection(), b.cursor().get());
    }
  }
}
