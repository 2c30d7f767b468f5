package org.parley.node.taxii;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.parley.node.auth.Access;
import org.parley.node.store.Candidate;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.Page;
import org.parley.node.store.Status;
import org.parley.node.store.StoreException;
import org.parley.node.store.Viewer;
import org.parley.node.store.VersionFilter;

/**
 * TAXII 2.1 §5.3–§5.8: objects (GET/POST), object (GET/DELETE), versions and manifest of one collection.
 * Every read goes through {@link #page}, which applies the caller's TLP view to every row.
 */
final class ObjectResources {
  private final Gate gate;
  private final ObjectStore store;
  private final Cursors cursors;
  private final TaxiiConfig config;
  private final Drain drain;

  ObjectResources(Gate gate, ObjectStore store, Cursors cursors, TaxiiConfig config, Drain drain) {
    this.gate = gate;
    this.store = store;
    this.cursors = cursors;
    this.config = config;
    this.drain = drain;
  }

  private record Served(Page page, Optional<String> next) { }

  private Served page(Context ctx, Access access, String kind, Optional<String> objectId, Filters f,
      VersionFilter byDefault) throws TaxiiError, StoreException {
    Viewer viewer = access.viewer().orElseThrow(() -> TaxiiError.forbidden("this party may not read"));
    int limit = Math.min(f.limit().orElse(config.maxPageSize()), config.maxPageSize());
    String binding = String.join("\n", kind, access.collection().id(), objectId.orElse(""), viewer.party(),
        f.fingerprint());
    OptionalLong after = f.next().isPresent() ? OptionalLong.of(cursors.open(f.next().get(), binding))
        : OptionalLong.empty();
    List<String> ids = objectId.map(List::of).orElse(f.ids());
    Page p = store.query(new ObjectQuery(access.collection().id(), viewer, f.addedAfter(), ids, f.types(),
        f.specVersions(), f.versions().orElse(byDefault), after, limit));
    Optional<String> next = p.more()
        ? Optional.of(cursors.issue(p.rows().get(p.rows().size() - 1).dateAdded(), binding))
        : Optional.empty();
    Responses.dateHeaders(ctx, p.rows());
    return new Served(p, next);
  }

  void getObjects(Context ctx) throws TaxiiError, StoreException {
    Access a = gate.readable(ctx, ctx.pathParam("collection"));
    Filters f = Filters.parse(ctx.queryParamMap(), Filters.OBJECTS);
    Gate.requireAccept(ctx);
    Served s = page(ctx, a, "objects", Optional.empty(), f, VersionFilter.LAST);
    ctx.status(200).contentType(MediaTypes.TAXII).result(Responses.envelope(s.page.rows(), s.page.more(), s.next));
  }

  void getManifest(Context ctx) throws TaxiiError, StoreException {
    Access a = gate.readable(ctx, ctx.pathParam("collection"));
    Filters f = Filters.parse(ctx.queryParamMap(), Filters.OBJECTS);
    Gate.requireAccept(ctx);
    Served s = page(ctx, a, "manifest", Optional.empty(), f, VersionFilter.LAST);
    Responses.send(ctx, 200, Responses.manifest(s.page.rows(), s.page.more(), s.next));
  }

  void getObject(Context ctx) throws TaxiiError, StoreException {
    Access a = gate.readable(ctx, ctx.pathParam("collection"));
    String id = objectId(ctx);
    Filters f = Filters.parse(ctx.queryParamMap(), Filters.OBJECT);
    Gate.requireAccept(ctx);
    Served s = page(ctx, a, "object", Optional.of(id), f, VersionFilter.LAST);
    if (s.page.rows().isEmpty() && f.next().isEmpty() && !visible(a, id)) {
      throw TaxiiError.notFound("object");
    }
    ctx.status(200).contentType(MediaTypes.TAXII).result(Responses.envelope(s.page.rows(), s.page.more(), s.next));
  }

  void getVersions(Context ctx) throws TaxiiError, StoreException {
    Access a = gate.readable(ctx, ctx.pathParam("collection"));
    String id = objectId(ctx);
    Filters f = Filters.parse(ctx.queryParamMap(), Filters.VERSIONS);
    Gate.requireAccept(ctx);
    Served s = page(ctx, a, "versions", Optional.of(id), f, VersionFilter.ALL);
    if (s.page.rows().isEmpty() && f.next().isEmpty() && !visible(a, id)) {
      throw TaxiiError.notFound("object");
    }
    Responses.send(ctx, 200, Responses.versions(s.page.rows(), s.page.more(), s.next));
  }

  /**
   * Whether the caller may see some version of the object: then filters that leave nothing give an empty envelope
   * (TAXII 2.1 §5.6: "If no STIX objects are returned, the response MUST include an empty envelope"), and 404 is
   * kept for an object it cannot see or that does not exist — the same answer for both.
   */
  private boolean visible(Access a, String id) throws StoreException {
    Optional<Viewer> v = a.viewer();
    return v.isPresent() && !store.query(new ObjectQuery(a.collection().id(), v.get(), OptionalLong.empty(),
        List.of(id), List.of(), List.of(), VersionFilter.ALL, OptionalLong.empty(), 1)).rows().isEmpty();
  }

  void deleteObject(Context ctx) throws TaxiiError, StoreException {
    Access a = gate.visible(ctx, ctx.pathParam("collection"));
    String id = objectId(ctx);
    Filters f = Filters.parse(ctx.queryParamMap(), Filters.DELETE);
    Gate.requireAccept(ctx);
    if (!a.canAdmin()) {
      throw TaxiiError.forbidden("deleting objects needs the admin role on this collection");
    }
    Viewer v = a.viewer().orElseThrow(() -> TaxiiError.notFound("object"));
    if (!a.canWrite()) { // TAXII 2.1 §5.7: can_read true, can_write false → 403
      throw TaxiiError.forbidden("deleting objects needs write access to this collection too (TAXII 2.1 §5.7)");
    }
    int deleted = store.delete(a.collection().id(), v, id, f.versions().orElse(VersionFilter.ALL), f.specVersions());
    if (deleted == 0) {
      throw TaxiiError.notFound("object");
    }
    ctx.status(200).contentType(MediaTypes.TAXII); // TAXII 2.1 §5.7: the 200 carries the TAXII media type
  }

  void postObjects(Context ctx) throws TaxiiError, StoreException {
    Access a = gate.visible(ctx, ctx.pathParam("collection"));
    if (!a.canWrite()) {
      throw TaxiiError.forbidden("this party may not add objects to this collection");
    }
    Filters.parse(ctx.queryParamMap(), Filters.NONE);
    if (!MediaTypes.isTaxii(ctx.header("Content-Type"))) {
      throw TaxiiError.unsupportedMediaType();
    }
    Gate.requireAccept(ctx);
    byte[] body = Ingest.body(ctx, config.maxContentLength());
    List<Candidate> candidates = Ingest.candidates(body);
    if (!drain.enter()) {
      throw new TaxiiError(503, "Service Unavailable", Optional.of("the node is shutting down; retry"),
          java.util.Map.of());
    }
    try {
      Status status = store.append(a.collection().id(), a.party(), candidates);
      Responses.send(ctx, 202, Responses.status(status));
    } finally {
      drain.exit();
    }
  }

  private static String objectId(Context ctx) throws TaxiiError {
    String id = ctx.pathParam("object");
    if (id.length() > 256) {
      throw TaxiiError.notFound("object");
    }
    return id;
  }
}
