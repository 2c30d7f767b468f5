package org.parley.node.store;

import java.util.List;
import java.util.Optional;

/** Object versions of collections: the single write path, and reads filtered by visibility. */
public interface ObjectStore {
  /**
   * The single write path. In one transaction: assigns each accepted candidate a {@code date_added} strictly
   * greater than every earlier one of the collection (the injected clock, bumped by 1 µs on ties), inserts it
   * with the submitter and its exact bytes, calls the {@link AppendHook}, and records the status. An object
   * already present with identical bytes is a success without a new row; a different object under an existing
   * id and version is a failure. MUST NOT return before the transaction is durable; on any error nothing of
   * the envelope is stored.
   */
  Status append(String collectionId, String submitter, List<Candidate> candidates) throws StoreException;

  /** One page of matching versions visible to the query's viewer, in {@code date_added} order. */
  Page query(ObjectQuery query) throws StoreException;

  /** The status {@code id}, if it exists and belongs to {@code party}. */
  Optional<Status> status(String id, String party) throws StoreException;

  /**
   * Deletes the versions of {@code objectId} that {@code viewer} can see and that match the filters; returns
   * how many were deleted.
   */
  int delete(String collectionId, Viewer viewer, String objectId, VersionFilter versions,
      List<String> specVersions) throws StoreException;
}
