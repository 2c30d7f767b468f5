package org.parley.node.log;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.parley.node.auth.Authenticator;
import org.parley.node.store.Micros;
import org.parley.node.store.StoreException;
import org.parley.tlog.ProofException;
import org.parley.tlog.TileId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log over HTTP, under {@code /log/}: the C2SP tlog-tiles v0.1.0 read API ({@code checkpoint},
 * {@code tile/<L>/<N>[.p/<W>]}, {@code tile/entries/<N>[.p/<W>]}), the log's verifier key, and a proof bundle
 * per stored object version. Every request must come from an authenticated party: leaves name collections,
 * objects and parties, which the group shares with its members, not with the world.
 */
public final class LogRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(LogRoutes.class);
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String BINARY = "application/octet-stream";

  private final TransparencyLog log;
  private final Authenticator authenticator;

  private LogRoutes(TransparencyLog log, Authenticator authenticator) {
    this.log = log;
    this.authenticator = authenticator;
  }

  /** Registers the {@code /log/} endpoints. */
  public static void register(RoutesConfig routes, TransparencyLog log, Authenticator authenticator) {
    LogRoutes r = new LogRoutes(log, authenticator);
    routes.get("/log/checkpoint", ctx -> r.guarded(ctx, r::checkpoint));
    routes.get("/log/vkey", ctx -> r.guarded(ctx, r::vkey));
    routes.get("/log/proof", ctx -> r.guarded(ctx, r::proof));
    routes.get("/log/tile/<path>", ctx -> r.guarded(ctx, r::tile));
  }

  private interface Handler {
    void handle(Context ctx) throws LogException;
  }

  private void guarded(Context ctx, Handler handler) {
    try {
      Optional<String> party = authenticator.authenticate(Optional.ofNullable(ctx.header("Authorization")));
      if (party.isEmpty()) {
        ctx.header("WWW-Authenticate", Authenticator.CHALLENGE);
        plain(ctx, 401, "authentication required\n");
        return;
      }
      ctx.attribute("parley.party", party.get());
      handler.handle(ctx);
    } catch (StoreException | LogException e) {
      LOG.error("log endpoint {} failed: {}", ctx.path(), e.getMessage());
      plain(ctx, 500, "log storage failure; retry later\n");
    }
  }

  private void checkpoint(Context ctx) throws LogException {
    // C2SP tlog-tiles: the checkpoint changes, so it must not be cached for long.
    ctx.header("Cache-Control", "no-cache");
    log.checkpoint().ifPresentOrElse(
        c -> plain(ctx, 200, c.encode()),
        () -> plain(ctx, 404, "no checkpoint yet\n"));
  }

  private void vkey(Context ctx) {
    plain(ctx, 200, log.verifierKey().encode() + "\n");
  }

  private void tile(Context ctx) throws LogException {
    TileId id;
    try {
      id = TileId.parse("tile/" + ctx.pathParam("path"));
    } catch (ProofException | IllegalArgumentException e) {
      plain(ctx, 404, "not a tile path\n");
      return;
    }
    Optional<byte[]> bytes = log.tile(id).map(o -> o.toArray());
    if (bytes.isEmpty()) {
      plain(ctx, 404, "no such tile in the published tree\n");
      return;
    }
    // C2SP tlog-tiles: full tiles never change; a partial tile is replaced by a wider one.
    ctx.header("Cache-Control", id.isPartial() ? "no-cache" : "public, max-age=31536000, immutable");
    ctx.status(200).contentType(BINARY).result(bytes.get());
  }

  private void proof(Context ctx) throws LogException {
    String collection = ctx.queryParam("collection");
    String id = ctx.queryParam("id");
    String version = ctx.queryParam("version");
    String opText = Optional.ofNullable(ctx.queryParam("op")).orElse("add");
    if (collection == null || id == null || version == null || !opText.matches("add|delete")) {
      plain(ctx, 400, "expected ?collection=ID&id=STIX_ID&version=RFC3339[&op=add|delete]\n");
      return;
    }
    long micros;
    try {
      micros = Micros.parse(version);
    } catch (IllegalArgumentException e) {
      plain(ctx, 400, "version: " + e.getMessage() + "\n");
      return;
    }
    LogLeaf.Op op = opText.equals("add") ? LogLeaf.Op.ADD : LogLeaf.Op.DELETE;
    LogReads.Lookup found = log.lookup(collection, id, micros, op);
    if (found.proof().isPresent()) {
      ctx.header("Cache-Control", "no-cache");
      ctx.status(200).contentType("application/json").result(found.proof().get().toJson());
    } else if (found.pending()) {
      ctx.header("Retry-After", "1");
      plain(ctx, 503, "logged, not yet covered by a checkpoint; retry shortly\n");
    } else {
      plain(ctx, 404, "no such object version in the log\n");
    }
  }

  private static void plain(Context ctx, int status, String body) {
    ctx.status(status).contentType(TEXT).result(body.getBytes(StandardCharsets.UTF_8));
  }
}
