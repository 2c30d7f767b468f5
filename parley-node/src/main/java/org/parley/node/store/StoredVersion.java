package org.parley.node.store;

import java.util.Objects;
import java.util.Optional;
import org.parley.marking.Tlp;
import org.parley.stix.Bytes;

/**
 * One stored version of one object in one collection.
 *
 * @param dateAdded microseconds since the epoch; strictly increasing within the collection
 * @param versionMicros the TAXII version (modified, else created, else date_added) in microseconds
 * @param versionText the version as the object spells it (or the formatted date_added)
 * @param level the object's strictest TLP marking; empty when it carries none
 * @param submitter the party that added this version
 * @param json the object's exact bytes as received
 */
public record StoredVersion(String collectionId, long dateAdded, String objectId, String type, String specVersion,
    long versionMicros, String versionText, Optional<Tlp> level, String submitter, Bytes json) {
  public StoredVersion {
    Objects.requireNonNull(collectionId, "collectionId");
    Objects.requireNonNull(objectId, "objectId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(specVersion, "specVersion");
    Objects.requireNonNull(versionText, "versionText");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(json, "json");
  }
}
