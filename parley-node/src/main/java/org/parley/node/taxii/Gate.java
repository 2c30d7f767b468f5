package org.parley.node.taxii;

import io.javalin.http.Context;
import java.util.Optional;
import org.parley.node.auth.Access;
import org.parley.node.auth.Authenticator;
import org.parley.node.store.Directory;
import org.parley.node.store.StoreException;

/** Who is calling, and what they may do with the collection they name. */
final class Gate {
  static final String PARTY = "parley.party";
  private final Authenticator authenticator;
  private final Directory directory;

  Gate(Authenticator authenticator, Directory directory) {
    this.authenticator = authenticator;
    this.directory = directory;
  }

  /** Authenticates the request (401 otherwise) and remembers the party for the handlers. */
  void authenticate(Context ctx) throws TaxiiError, StoreException {
    Optional<String> party = authenticator.authenticate(Optional.ofNullable(ctx.header("Authorization")));
    if (party.isEmpty()) {
      throw TaxiiError.unauthorized();
    }
    ctx.attribute(PARTY, party.get());
  }

  static String party(Context ctx) {
    return ctx.attribute(PARTY);
  }

  /** The caller's access to a collection it holds a role in; 404 otherwise, exactly as for a missing one. */
  Access visible(Context ctx, String collectionId) throws TaxiiError, StoreException {
    if (collectionId.length() > 128) {
      throw TaxiiError.notFound("collection");
    }
    Access a = directory.collection(collectionId).map(c -> new Access(party(ctx), c))
        .filter(Access::canSee).orElseThrow(() -> TaxiiError.notFound("collection"));
    return a;
  }

  Access readable(Context ctx, String collectionId) throws TaxiiError, StoreException {
    Access a = visible(ctx, collectionId);
    if (!a.canRead()) {
      throw TaxiiError.forbidden("this party may not read this collection");
    }
    return a;
  }

  static void requireAccept(Context ctx) throws TaxiiError {
    if (!MediaTypes.accepts(ctx.header("Accept"))) {
      throw TaxiiError.notAcceptable();
    }
  }
}
