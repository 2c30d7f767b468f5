package org.parley.node.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.marking.Member;
import org.parley.marking.Role;
import org.parley.marking.SharingAgreement;
import org.parley.marking.Tlp;

/**
 * Parties, their API tokens (hashes only) and collections with their sharing rules.
 * Every method MUST be durable on return.
 *
 * <p>A change MUST be seen at once through the opening of the database that made it, and within
 * {@link #CHANGE_DELAY_SECONDS} through any other opening of the same database (a running node, when the admin CLI
 * changed it): {@link #partyOfTokenHash} and {@link #collection} MAY answer from a cache that long.
 */
public interface Directory {
  /** How long a change made through another opening of the database may take to reach this one's answers. */
  int CHANGE_DELAY_SECONDS = 5;

  /** Adds a party; throws if the name is taken. */
  void addParty(String name) throws StoreException;

  List<String> parties() throws StoreException;

  /** Every party, by name, with when it was added and how many live tokens it holds; never a token or its hash. */
  List<PartyInfo> partyInfos() throws StoreException;

  /** Stores the hash of a new token for an existing party; the token itself MUST never reach the store. */
  default void addTokenHash(String party, String tokenHash) throws StoreException {
    addTokenHash(party, tokenHash, Optional.empty());
  }

  /**
   * As {@link #addTokenHash(String, String)}, for a token that ends at {@code expires} (empty: never): from then on
   * it authenticates nothing, and the console sessions it opened end with it, as if revoked.
   */
  void addTokenHash(String party, String tokenHash, Optional<java.time.Instant> expires) throws StoreException;

  /**
   * Revokes every token of {@code party} (all of them when {@code tokenHash} is empty, else that one, if it is the
   * party's) and ends the console sessions they opened. Returns how many tokens were revoked.
   */
  int revokeTokens(String party, Optional<String> tokenHash) throws StoreException;

  /** The party owning a token with this hash that is neither revoked nor expired. */
  Optional<String> partyOfTokenHash(String tokenHash) throws StoreException;

  /** Creates a collection; every member MUST be an existing party. Returns its id. */
  String addCollection(String title, Optional<String> description, SharingAgreement agreement)
      throws StoreException;

  Optional<CollectionInfo> collection(String id) throws StoreException;

  List<CollectionInfo> collections() throws StoreException;

  /**
   * Makes {@code member} a member of the collection, or replaces that party's roles and ceiling with its own.
   * The collection and the party MUST exist. Returns the place it replaced, if the party was a member already.
   */
  Optional<Member> setMember(String collectionId, Member member) throws StoreException;

  /**
   * Gives {@code party} exactly {@code roles} in the collection and the ceiling it holds there — read in the same
   * transaction as the write, so a ceiling another process set meanwhile is kept, never undone — or, to a party that
   * is no member yet, {@code newMemberCeiling}. The collection and the party MUST exist. Returns the place it
   * replaced, if the party was a member already.
   */
  Optional<Member> setRoles(String collectionId, String party, Set<Role> roles, Tlp newMemberCeiling)
      throws StoreException;

  /**
   * Removes {@code party} from the collection and returns its former place. Throws, changing nothing, when the
   * party is not a member, and when it is the last one unless {@code evenIfLast}: a collection without members is
   * served to no party, its objects kept until a member is set again.
   */
  Member removeMember(String collectionId, String party, boolean evenIfLast) throws StoreException;

  /** A node-wide setting, set once: returns the stored value, storing {@code value} if none was. */
  String settingOrInit(String name, String value) throws StoreException;
}
