package org.parley.node.taxii;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.parley.node.auth.Access;
import org.parley.node.store.CollectionInfo;
import org.parley.node.store.Directory;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.StoreException;

/** TAXII 2.1 §4.1 discovery, §4.2 API root, §4.3 status, §5.1 collections and §5.2 collection. */
final class ServerResources {
  private final Gate gate;
  private final Directory directory;
  private final ObjectStore store;
  private final TaxiiConfig config;

  ServerResources(Gate gate, Directory directory, ObjectStore store, TaxiiConfig config) {
    this.gate = gate;
    this.directory = directory;
    this.store = store;
    this.config = config;
  }

  /**
   * The base of the API root URLs discovery advertises: the configured public URL, else none — a relative URL
   * (TAXII 2.1 §4.1.1: "HTTPS absolute URLs or relative URLs"), never one built from the request's Host header,
   * which the client chooses (and which would be a plain-http URL behind a TLS-terminating proxy).
   */
  private String base() {
    return config.publicUrl().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).orElse("");
  }

  void discovery(Context ctx) throws TaxiiError {
    Filters.parse(ctx.queryParamMap(), Filters.NONE);
    Gate.requireAccept(ctx);
    String root = base() + "/" + TaxiiConfig.API_ROOT + "/";
    ObjectNode n = Responses.NODES.objectNode();
    n.put("title", config.title());
    n.put("description", "Parley node: STIX 2.1 over TAXII 2.1 under TLP 2.0 sharing rules");
    n.put("default", root);
    n.putArray("api_roots").add(root);
    Responses.send(ctx, 200, n);
  }

  void apiRoot(Context ctx) throws TaxiiError {
    Filters.parse(ctx.queryParamMap(), Filters.NONE);
    Gate.requireAccept(ctx);
    ObjectNode n = Responses.NODES.objectNode();
    n.put("title", config.title());
    n.putArray("versions").add(MediaTypes.TAXII);
    n.put("max_content_length", config.maxContentLength());
    Responses.send(ctx, 200, n);
  }

  void status(Context ctx) throws TaxiiError, StoreException {
    Filters.parse(ctx.queryParamMap(), Filters.NONE);
    Gate.requireAccept(ctx);
    String id = ctx.pathParam("status");
    if (id.length() > 64) {
      throw TaxiiError.notFound("status");
    }
    Responses.send(ctx, 200, Responses.status(
        store.status(id, Gate.party(ctx)).orElseThrow(() -> TaxiiError.notFound("status"))));
  }

  void collections(Context ctx) throws TaxiiError, StoreException {
    Filters.parse(ctx.queryParamMap(), Filters.NONE);
    Gate.requireAccept(ctx);
    ObjectNode n = Responses.NODES.objectNode();
    ArrayNode a = Responses.NODES.arrayNode();
    for (CollectionInfo c : directory.collections()) {
      Access access = new Access(Gate.party(ctx), c);
      if (access.canSee()) {
        a.add(collection(access));
      }
    }
    if (!a.isEmpty()) {
      n.set("collections", a);
    }
    Responses.send(ctx, 200, n);
  }

  void collection(Context ctx) throws TaxiiError, StoreException {
    Access access = gate.visible(ctx, ctx.pathParam("collection"));
    Filters.parse(ctx.queryParamMap(), Filters.NONE);
    Gate.requireAccept(ctx);
    Responses.send(ctx, 200, collection(access));
  }

  private static ObjectNode collection(Access access) {
    ObjectNode n = Responses.NODES.objectNode();
    CollectionInfo c = access.collection();
    n.put("id", c.id());
    n.put("title", c.title());
    c.description().ifPresent(d -> n.put("description", d));
    n.put("can_read", access.canRead());
    n.put("can_write", access.canWrite());
    n.putArray("media_types").add(MediaTypes.STIX);
    return n;
  }
}
