package org.parley.node.web;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.parley.marking.Member;
import org.parley.node.auth.Access;
import org.parley.node.store.CollectionInfo;
import org.parley.node.store.Directory;
import org.parley.node.store.ObjectQuery;
import org.parley.node.store.ObjectStore;
import org.parley.node.store.Page;
import org.parley.node.store.StoreException;
import org.parley.node.store.StoredVersion;
import org.parley.node.store.VersionFilter;
import org.parley.node.store.Viewer;

/**
 * The collection pages. A collection the party may not read answers exactly like one that does not exist
 * (404), and every row comes from the store's visibility-filtered reads with the party's {@link Viewer}.
 */
final class CollectionRoutes {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CollectionRoutes.class);
  static final int PAGE_SIZE = 25;
  static final int MAX_VERSIONS = 1000;
  // STIX 2.1 §2.9 / §3.1: type names are 3–250 of [a-z0-9-]; ids are type--UUID.
  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]--[0-9a-fA-F-]{36}");

  private final Directory directory;
  private final ObjectStore store;
  private final Clock clock;
  private final Optional<Attributions> attributions;

  CollectionRoutes(Directory directory, ObjectStore store, Clock clock, Optional<Attributions> attributions) {
    this.directory = directory;
    this.store = store;
    this.clock = clock;
    this.attributions = attributions;
  }

  void list(Context ctx, Frame f) throws StoreException {
    String party = f.session().orElseThrow().party();
    List<CollectionInfo> readable = directory.collections().stream()
        .filter(c -> new Access(party, c).canRead())
        .sorted(Comparator.comparing(CollectionInfo::title).thenComparing(CollectionInfo::id)).toList();
    Console.html(ctx, 200, Pages.collections(f, party, readable));
  }

  void objects(Context ctx, Frame f) throws StoreException, Console.BadRequest {
    Optional<Readable> r = readable(ctx, f);
    if (r.isEmpty()) {
      return;
    }
    Optional<String> type = Optional.ofNullable(ctx.queryParam("type")).map(String::strip).filter(t -> !t.isEmpty());
    if (type.isPresent() && !TYPE.matcher(type.get()).matches()) {
      throw new Console.BadRequest("not a STIX type name");
    }
    long before = longParam(ctx, "before").orElse(Long.MAX_VALUE);
    NewestFirst pager = new NewestFirst(store, r.get().info().id(), r.get().viewer(), type.stream().toList(),
        VersionFilter.LAST);
    NewestFirst.Result page = pager.page(before, PAGE_SIZE, micros(clock.instant()));
    Console.html(ctx, 200, ObjectPages.objects(f, r.get().info(), r.get().member(), type, page));
  }

  void object(Context ctx, Frame f) throws StoreException, Console.BadRequest {
    Optional<Readable> r = readable(ctx, f);
    if (r.isEmpty()) {
      return;
    }
    String objectId = ctx.pathParam("object");
    if (!ID.matcher(objectId).matches()) {
      notFound(ctx, f);
      return;
    }
    List<StoredVersion> versions = versions(r.get(), objectId);
    OptionalLong added = longParam(ctx, "added");
    Optional<StoredVersion> shown = added.isPresent()
        ? versions.stream().filter(v -> v.dateAdded() == added.getAsLong()).findFirst()
        : newest(versions);
    if (shown.isEmpty()) {
      notFound(ctx, f);
      return;
    }
    List<StoredVersion> newestFirst = new ArrayList<>(versions);
    newestFirst.sort(Comparator.comparingLong(StoredVersion::dateAdded).reversed());
    Console.html(ctx, 200, ObjectPages.object(f, r.get().info(), newestFirst, shown.get()));
  }

  /**
   * The attribution of a report or grouping the party may see: its visible {@code object_refs} as the evidence,
   * the node's ATT&CK knowledge base extended with what the collection shares ({@link Attributions}).
   */
  void attribution(Context ctx, Frame f) throws StoreException, Console.BadRequest {
    Optional<Readable> r = readable(ctx, f);
    if (r.isEmpty()) {
      return;
    }
    String objectId = ctx.pathParam("object");
    Optional<StoredVersion> shown = ID.matcher(objectId).matches() ? newest(versions(r.get(), objectId))
        : Optional.empty();
    if (shown.isEmpty() || attributions.isEmpty()) {
      notFound(ctx, f);
      return;
    }
    String format = Optional.ofNullable(ctx.queryParam("format")).orElse("page");
    if (!List.of("page", "json", "html", "stix").contains(format)) {
      throw new Console.BadRequest("format must be json, html or stix");
    }
    if (!Attributions.CONTAINERS.contains(shown.get().type())) {
      Console.html(ctx, 400, ObjectPages.attributionUnavailable(f, r.get().info(), shown.get(),
          f.t("attribution.not_container")));
      return;
    }
    try {
      Optional<org.parley.attribution.KnowledgeBase> kb = attributions.get().base();
      if (kb.isEmpty()) {
        Console.html(ctx, 200, ObjectPages.attributionUnavailable(f, r.get().info(), shown.get(),
            f.t("attribution.no_kb")));
        return;
      }
      Attributions.Outcome o = attributions.get().attribute(store, r.get().info().id(), r.get().viewer(),
          shown.get(), kb.get(), r.get().info().agreement().unmarkedAs());
      String file = "attribution-" + objectId.substring(objectId.indexOf("--") + 2);
      switch (format) { // the report for keeping: downloads, never rendered inside the console
        case "json" -> download(ctx, "application/json", file + ".json", org.parley.attribution.Reports.json(
            o.assessment()));
        case "html" -> download(ctx, "text/html; charset=utf-8", file + ".html", org.parley.attribution.Reports.html(
            o.assessment(), org.parley.attribution.Lang.parse(f.lang().tag())));
        // note, opinion and grouping to push back to a collection, marked with the strictest TLP of what this
        // party's view of the evidence and the shared intel held
        case "stix" -> download(ctx, "application/stix+json;version=2.1", file + ".stix.json",
            org.parley.attribution.Reports.stix(o.assessment(), clock.instant(), java.util.UUID::randomUUID));
        default -> Console.html(ctx, 200, ObjectPages.attribution(f, r.get().info(), r.get().member(), shown.get(),
            o));
      }
    } catch (org.parley.attribution.AttributionException e) { // details (file paths) for the operator's log only
      LOG.error("event=console_attribution_failed collection={} object={}", r.get().info().id(), objectId, e);
      Console.html(ctx, 500, ObjectPages.attributionUnavailable(f, r.get().info(), shown.get(),
          f.t("attribution.failed")));
    } catch (Attributions.Busy e) {
      ctx.header("Retry-After", "5");
      Console.html(ctx, 503, ObjectPages.attributionUnavailable(f, r.get().info(), shown.get(),
          f.t("attribution.busy")));
    }
  }

  private static void download(Context ctx, String type, String file, String body) {
    ctx.status(200).contentType(type).header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .result(body);
  }

  // Every version of one object this viewer may see, oldest first, at most MAX_VERSIONS.
  private List<StoredVersion> versions(Readable r, String objectId) throws StoreException {
    return all(store, r.info().id(), r.viewer(), List.of(objectId), List.of(), VersionFilter.ALL, MAX_VERSIONS);
  }

  /** What the viewer may see of the matching objects, in {@code date_added} order, at most {@code cap} rows. */
  static List<StoredVersion> all(ObjectStore store, String collection, Viewer viewer, List<String> ids,
      List<String> types, VersionFilter versions, int cap) throws StoreException {
    List<StoredVersion> out = new ArrayList<>();
    OptionalLong after = OptionalLong.empty();
    while (out.size() < cap) {
      Page p = store.query(new ObjectQuery(collection, viewer, OptionalLong.empty(), ids, types, List.of(),
          versions, after, Math.min(1000, cap - out.size())));
      out.addAll(p.rows());
      if (!p.more() || p.rows().isEmpty()) {
        break;
      }
      after = OptionalLong.of(p.rows().get(p.rows().size() - 1).dateAdded());
    }
    return out;
  }

  // The version shown by default: the newest version, the latest added among equals.
  private static Optional<StoredVersion> newest(List<StoredVersion> versions) {
    return versions.stream().max(Comparator.comparingLong(StoredVersion::versionMicros)
        .thenComparingLong(StoredVersion::dateAdded));
  }

  /** A collection with the party's read rights in it. */
  private record Readable(CollectionInfo info, Member member, Viewer viewer) {}

  // The collection, if this party may read it; otherwise answers 404 and returns empty.
  private Optional<Readable> readable(Context ctx, Frame f) throws StoreException {
    String party = f.session().orElseThrow().party();
    String id = ctx.pathParam("collection");
    Optional<CollectionInfo> info = id.length() > 200 ? Optional.empty() : directory.collection(id);
    Optional<Viewer> viewer = info.flatMap(c -> new Access(party, c).viewer());
    if (viewer.isEmpty()) {
      notFound(ctx, f);
      return Optional.empty();
    }
    Member m = info.get().agreement().member(party).orElseThrow();
    return Optional.of(new Readable(info.get(), m, viewer.get()));
  }

  private static void notFound(Context ctx, Frame f) {
    Console.html(ctx, 404, Pages.error(f, 404, "error.not_found"));
  }

  private static OptionalLong longParam(Context ctx, String name) throws Console.BadRequest {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return OptionalLong.empty();
    }
    if (v.length() > 19 || !v.chars().allMatch(Character::isDigit)) {
      throw new Console.BadRequest(name + " must be a non-negative integer");
    }
    try {
      return OptionalLong.of(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new Console.BadRequest(name + " out of range");
    }
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
