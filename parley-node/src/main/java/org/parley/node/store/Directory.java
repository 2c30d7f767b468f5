package org.parley.node.store;

import java.util.List;
import java.util.Optional;
import org.parley.marking.SharingAgreement;

/**
 * Parties, their API tokens (hashes only) and collections with their sharing rules.
 * Every method MUST be durable on return.
 */
public interface Directory {
  /** Adds a party; throws if the name is taken. */
  void addParty(String name) throws StoreException;

  List<String> parties() throws StoreException;

  /** Stores the hash of a new token for an existing party; the token itself MUST never reach the store. */
  void addTokenHash(String party, String tokenHash) throws StoreException;

  /**
   * Revokes every token of {@code party} (all of them when {@code tokenHash} is empty, else that one, if it is the
   * party's) and ends the console sessions they opened. Returns how many tokens were revoked.
   */
  int revokeTokens(String party, Optional<String> tokenHash) throws StoreException;

  /** The party owning a non-revoked token with this hash. */
  Optional<String> partyOfTokenHash(String tokenHash) throws StoreException;

  /** Creates a collection; every member MUST be an existing party. Returns its id. */
  String addCollection(String title, Optional<String> description, SharingAgreement agreement)
      throws StoreException;

  Optional<CollectionInfo> collection(String id) throws StoreException;

  List<CollectionInfo> collections() throws StoreException;

  /** A node-wide setting, set once: returns the stored value, storing {@code value} if none was. */
  String settingOrInit(String name, String value) throws StoreException;
}
