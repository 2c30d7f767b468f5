package org.parley.node.taxii;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.parley.node.auth.Authenticator;
import org.parley.node.store.Directory;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TAXII 2.1 server: registers every §4/§5 endpoint on a Javalin configuration, authenticates every
 * request, and maps every error, once, to the TAXII error resource.
 */
public final class TaxiiApi {
  private static final Logger LOG = LoggerFactory.getLogger(TaxiiApi.class);
  private static final String ROOT = "/" + TaxiiConfig.API_ROOT;

  private final Gate gate;
  private final ServerResources server;
  private final ObjectResources objects;

  public TaxiiApi(Directory directory, ObjectStore store, Authenticator authenticator, byte[] cursorKey,
      Clock clock, TaxiiConfig config, Drain drain) {
    this.gate = new Gate(authenticator, directory);
    this.server = new ServerResources(gate, directory, store, config);
    this.objects = new ObjectResources(gate, store, new Cursors(cursorKey, clock, config.cursorTtl()), config, drain);
  }

  public static boolean isTaxiiPath(String path) {
    return path.equals("/taxii2") || path.startsWith("/taxii2/") || path.equals(ROOT) || path.startsWith(ROOT + "/");
  }

  public void register(JavalinConfig config) {
    var r = config.routes;
    r.before(ctx -> {
      if (isTaxiiPath(ctx.path())) {
        gate.authenticate(ctx);
      }
    });
    r.get("/taxii2/", server::discovery);
    r.get(ROOT + "/", server::apiRoot);
    r.get(ROOT + "/status/{status}/", server::status);
    r.get(ROOT + "/collections/", server::collections);
    r.get(ROOT + "/collections/{collection}/", server::collection);
    r.get(ROOT + "/collections/{collection}/manifest/", objects::getManifest);
    r.get(ROOT + "/collections/{collection}/objects/", objects::getObjects);
    r.post(ROOT + "/collections/{collection}/objects/", objects::postObjects);
    r.get(ROOT + "/collections/{collection}/objects/{object}/", objects::getObject);
    r.delete(ROOT + "/collections/{collection}/objects/{object}/", objects::deleteObject);
    r.get(ROOT + "/collections/{collection}/objects/{object}/versions/", objects::getVersions);
    // HEAD is GET without the body (RFC 9110 §9.3.2): the same checks, status and headers; it answered 200 to anyone
    r.head("/taxii2/", server::discovery);
    r.head(ROOT + "/", server::apiRoot);
    r.head(ROOT + "/status/{status}/", server::status);
    r.head(ROOT + "/collections/", server::collections);
    r.head(ROOT + "/collections/{collection}/", server::collection);
    r.head(ROOT + "/collections/{collection}/manifest/", objects::getManifest);
    r.head(ROOT + "/collections/{collection}/objects/", objects::getObjects);
    r.head(ROOT + "/collections/{collection}/objects/{object}/", objects::getObject);
    r.head(ROOT + "/collections/{collection}/objects/{object}/versions/", objects::getVersions);
    r.exception(TaxiiError.class, (e, ctx) -> answer(ctx, e));
    r.exception(StoreException.class, (e, ctx) -> {
      LOG.error("storage failure on {} {}", ctx.method(), ctx.path(), e);
      answer(ctx, new TaxiiError(500, "Internal Server Error", Optional.of("storage failure; retry later"),
          Map.of()));
    });
    r.exception(Exception.class, (e, ctx) -> {
      LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
      answer(ctx, new TaxiiError(500, "Internal Server Error", Optional.empty(), Map.of()));
    });
    r.error(404, ctx -> {
      String type = ctx.res().getContentType();
      if (isTaxiiPath(ctx.path()) && (type == null || !type.startsWith("application/taxii+json"))) {
        String allowed = allowedMethods(ctx.path());
        if (allowed.isEmpty()) {
          answer(ctx, TaxiiError.notFound("resource"));
        } else { // RFC 9110 §15.5.6: a resource that exists, asked with a method it does not support
          ctx.header("Allow", allowed);
          answer(ctx, new TaxiiError(405, "Method Not Allowed", Optional.of("this resource answers " + allowed),
              Map.of()));
        }
      }
    });
  }

  private static final String SEGMENT = "[^/]+";
  private static final java.util.List<Map.Entry<java.util.regex.Pattern, String>> RESOURCES = java.util.List.of(
      Map.entry(java.util.regex.Pattern.compile("/taxii2/"), "GET, HEAD"),
      Map.entry(java.util.regex.Pattern.compile(ROOT + "/"), "GET, HEAD"),
      Map.entry(java.util.regex.Pattern.compile(ROOT + "/status/" + SEGMENT + "/"), "GET, HEAD"),
      Map.entry(java.util.regex.Pattern.compile(ROOT + "/collections/"), "GET, HEAD"),
      Map.entry(java.util.regex.Pattern.compile(ROOT + "/collections/" + SEGMENT + "/"), "GET, HEAD"),
      Map.entry(java.util.regex.Pattern.compile(ROOT + "/collections/" + SEGMENT + "/manifest/"), "GET, HEAD"),
      Map.entry(java.util.regex.Pattern.compile(ROOT + "/collections/" + SEGMENT + "/objects/"), "GET, HEAD, POST"),
      Map.entry(java.util.regex.Pattern.compile(ROOT + "/collections/" + SEGMENT + "/objects/" + SEGMENT + "/"),
          "GET, HEAD, DELETE"),
      Map.entry(java.util.regex.Pattern.compile(ROOT + "/collections/" + SEGMENT + "/objects/" + SEGMENT
          + "/versions/"), "GET, HEAD"));

  /** The methods the TAXII resource at {@code path} answers, or "" when no resource is there. */
  static String allowedMethods(String path) {
    return RESOURCES.stream().filter(e -> e.getKey().matcher(path).matches()).map(Map.Entry::getValue).findFirst()
        .orElse("");
  }

  /** The single place a refusal becomes an HTTP answer: TAXII 2.1 §3.6.1 error resource. */
  static void answer(Context ctx, TaxiiError e) {
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", org.parley.node.auth.Authenticator.CHALLENGE);
    }
    Responses.send(ctx, e.status(), Responses.error(e));
  }
}
