package org.parley.node.federation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.tlog.Checkpoint;
import org.parley.tlog.Hash;
import org.parley.tlog.Octets;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.SplitView;
import org.parley.tlog.TileFetcher;
import org.parley.tlog.TileId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a checkpoint the other witnesses will not cosign into proof, when it is a split view. The cosignature policy
 * already keeps a peer from showing this node one history and the other parties another (it needs another witness's
 * cosignature), but a refused checkpoint alone proves nothing: the witness may just be behind or down. So, when a
 * peer's checkpoint is refused (then each minute while it stays so) and every ten minutes while it is accepted, this
 * node asks every other peer which checkpoint of that log its witness cosigned last ({@value #WITNESSED}) and takes
 * its own witness's too, and compares each with the largest tree the peer showed this node, using the tiles of the peer's tree (C2SP tlog-tiles): when the peer's log key signed both and they contradict each
 * other ({@link SplitView}), the alert {@code split-view} carries both signed checkpoints and the consistency proof —
 * anyone holding the peer's log key can check it. A witness's checkpoint larger than the peer's latest, or tiles that
 * do not match, prove nothing here and are logged at WARN.
 */
final class SplitViews {
  private static final Logger LOG = LoggerFactory.getLogger(SplitViews.class);
  static final String WITNESSED = "/federation/v1/witnessed";
  private final FederationStore store;
  private final Alerts alerts;
  private final Clients clients;
  private final ComparisonSchedule schedule;
  /**
   * Witnesses that broke a cap or the deadline answering {@value #WITNESSED}: the comparisons run on the pull thread,
   * one per refused peer every minute, and a witness that stalls each answer held it a deadline every time.
   */
  private final Backoff stalling;

  SplitViews(FederationStore store, Alerts alerts, Clients clients, Ticker ticker) {
    this.schedule = new ComparisonSchedule(ticker);
    this.stalling = new Backoff(java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(10), ticker);
    this.store = store;
    this.alerts = alerts;
    this.clients = clients;
  }

  /**
   * The peer's checkpoint is refused: compares at once if it was accepted before, else at most once a minute. Returns
   * the alerts raised. A peer that cannot be reached now is the puller's to report; the comparison is tried again.
   */
  int refused(Peer p, List<Peer> all, Optional<SignedCheckpoint> served) {
    return schedule.refused(p.name()) ? compareQuietly(p, all, served) : 0;
  }

  /** The peer's checkpoint is accepted: compared every ten minutes (the next refusal is compared at once). */
  int accepted(Peer p, List<Peer> all, SignedCheckpoint served) {
    return schedule.accepted(p.name()) ? compareQuietly(p, all, Optional.of(served)) : 0;
  }

  private int compareQuietly(Peer p, List<Peer> all, Optional<SignedCheckpoint> served) {
    try {
      return compare(p, all, served);
    } catch (FederationException e) {
      LOG.debug("event=split_view_check_failed peer={} cause={}", p.name(), e.getMessage());
      return 0;
    }
  }

  /** Compares the peer's latest signed checkpoint with each witness's; returns how many split views were raised. */
  int compare(Peer p, List<Peer> all) throws FederationException {
    return compare(p, all, Optional.empty());
  }

  /**
   * As {@link #compare(Peer, List)}, {@code served} being the checkpoint the peer served this node's puller. The tree
   * compared with the witnesses' is the largest the peer showed this node: its latest now, the one it served the
   * puller, the one it gave this node's witness. A peer can tell the comparison's own question from the others, so
   * answering it with nothing or an older tree must not spare it the comparison (it did until an audit).
   */
  int compare(Peer p, List<Peer> all, Optional<SignedCheckpoint> served) throws FederationException {
    PeerClient c = clients.of(p);
    Optional<SignedCheckpoint> first = larger(latest(p, c), served);
    List<Witnessed> witnessed = witnessed(p, all,
        first.map(s -> s.checkpoint().origin()).orElse(p.logKey().name())); // Parley names a log's key after it
    // Asked again once the witnesses have answered: an honest log's latest tree is then at least as large as what
    // each of them had cosigned (with the first answer, a checkpoint cosigned in between looked like a rollback).
    Optional<SignedCheckpoint> own = witnessed.stream().filter(w -> w.witness().equals(THIS_NODE)).findFirst()
        .map(Witnessed::checkpoint);
    Optional<SignedCheckpoint> largest = larger(larger(latest(p, c), first), own);
    if (largest.isEmpty()) {
      return 0; // nothing signed to compare with yet (or a failure the puller reports)
    }
    SignedCheckpoint latest = largest.get();
    int raised = 0;
    for (Witnessed w : witnessed) {
      raised += compare(p, c, latest, w) ? 1 : 0;
    }
    return raised;
  }

  /** The larger of two checkpoints of one log; {@code a} when they name different logs. */
  private static Optional<SignedCheckpoint> larger(Optional<SignedCheckpoint> a, Optional<SignedCheckpoint> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isPresent() ? a : b;
    }
    boolean sameLog = a.get().checkpoint().origin().equals(b.get().checkpoint().origin());
    return sameLog && b.get().checkpoint().size() > a.get().checkpoint().size() ? b : a;
  }

  /**
   * The peer's latest checkpoint, signed by its log key (cosigned or not): its log's own ({@code /log/checkpoint}),
   * signed before any witness is asked to cosign it, so never behind what a witness holds of an honest log — the
   * cosigned notes ({@code /federation/v1/checkpoint}) are recorded only once every witness has answered, and a
   * checkpoint one witness had cosigned meanwhile looked like a rollback.
   */
  private static Optional<SignedCheckpoint> latest(Peer p, PeerClient c) {
    PeerClient.Answer a;
    try {
      a = c.get("/log/checkpoint", Map.of(), "text/plain", PeerClient.NOTE);
    } catch (FederationException e) { // what the peer showed this node otherwise is still compared
      LOG.debug("event=split_view_latest_unavailable peer={} cause={}", p.name(), e.getMessage());
      return Optional.empty();
    }
    if (a.status() != 200) {
      return Optional.empty();
    }
    try {
      return Optional.of(SignedCheckpoint.open(a.text(), p.logKey(), List.of()));
    } catch (ProofException e) {
      return Optional.empty(); // the puller raises or logs what its key did not sign
    }
  }

  /** A checkpoint of the peer's log as a witness cosigned it (the peer's signature verified). */
  private record Witnessed(String witness, SignedCheckpoint checkpoint) {}

  private static final String THIS_NODE = "this node";

  private List<Witnessed> witnessed(Peer p, List<Peer> all, String origin) throws FederationException {
    List<Witnessed> out = new ArrayList<>();
    Optional<String> own = store.witnessedNote(origin);
    if (own.isPresent()) {
      opened(p, THIS_NODE, own.get()).ifPresent(out::add);
    }
    for (Peer q : all) {
      if (q.name().equals(p.name()) || !stalling.due(q.name())) {
        continue;
      }
      try {
        PeerClient.Answer a = clients.of(q).get(WITNESSED, Map.of("origin", origin), "text/plain", PeerClient.NOTE);
        stalling.succeeded(q.name());
        if (a.status() == 200) {
          opened(p, q.name(), a.text()).ifPresent(out::add);
        } else if (a.status() != 404) {
          LOG.debug("event=witnessed_unavailable peer={} witness={} status={}", p.name(), q.name(), a.status());
        }
      } catch (FederationException e) { // one witness down must not keep the others from being asked
        if (PeerClient.brokeLimit(e)) {
          LOG.warn("event=witnessed_unavailable peer={} witness={} paused_ms={} cause={}", p.name(), q.name(),
              stalling.failed(q.name(), true).toMillis(), e.getMessage());
          continue;
        }
        LOG.debug("event=witnessed_unavailable peer={} witness={} cause={}", p.name(), q.name(), e.getMessage());
      }
    }
    return out;
  }

  private static Optional<Witnessed> opened(Peer p, String witness, String note) {
    try {
      return Optional.of(new Witnessed(witness, SignedCheckpoint.open(note, p.logKey(), List.of())));
    } catch (ProofException e) { // not the peer's statement: nothing to hold against it
      LOG.warn("event=witnessed_not_signed peer={} witness={} cause={}", p.name(), witness,
          Texts.firstLine(e.getMessage()));
      return Optional.empty();
    }
  }

  private boolean compare(Peer p, PeerClient c, SignedCheckpoint latest, Witnessed w) throws FederationException {
    Checkpoint ours = latest.checkpoint();
    Checkpoint theirs = w.checkpoint().checkpoint();
    if (theirs.size() > ours.size()) {
      LOG.warn("event=split_view_unproven peer={} witness={} witnessed_size={} latest_size={} (the witness cosigned"
          + " a larger tree than the peer now serves this node: a rollback, or a view this node cannot see)",
          p.name(), w.witness(), theirs.size(), ours.size());
      return false;
    }
    Optional<SplitView> split;
    try {
      split = SplitView.compare(tiles(c), theirs, ours);
    } catch (ProofException | TileUnavailable e) {
      LOG.warn("event=split_view_unproven peer={} witness={} cause={}", p.name(), w.witness(),
          Texts.firstLine(e.getMessage()));
      return false;
    }
    if (split.isEmpty()) {
      return false;
    }
    SplitView s = split.get();
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("origin", ours.origin());
    ev.put("served_checkpoint", latest.encode());
    ev.put("witnessed_checkpoint", w.checkpoint().encode());
    ev.put("witness", w.witness());
    ev.put("prefix_size", Long.toString(s.smaller().size()));
    ev.put("prefix_root", s.prefixRoot().base64());
    ev.put("consistency_proof", String.join(" ", s.path().stream().map(Hash::base64).toList()));
    ev.put("detail", "the log key signed both checkpoints; the consistency proof (RFC 9162 §2.1.4.2, from prefix_root"
        + " at prefix_size to the served checkpoint's root) shows that the tree the witness cosigned is no prefix of"
        + " the tree served to this node");
    // One alert per checkpoint a witness holds: as the served tree grows, each comparison proves the same contradiction
    // again, and a new alert every minute would bury it.
    return alerts.raise(p.name(), "split-view", "witness " + w.witness() + " size " + theirs.size() + " root "
        + theirs.root().hex(), "split view of the log of " + ours.origin()
        + ": the witness of " + w.witness() + " cosigned size " + theirs.size() + " with a history the tree served to"
        + " this node (size " + ours.size() + ") does not contain", PeerPuller.evidence(ev));
  }

  /** The peer's tiles, as the log serves them to its parties ({@code /log/tile/...}). */
  private static TileFetcher tiles(PeerClient c) {
    PeerClient.Cap cap = new PeerClient.Cap("a log tile", TileId.WIDTH * Hash.SIZE, PeerClient.Cap.NEVER_THAT_MUCH);
    return (TileId id) -> {
      try {
        PeerClient.Answer a = c.get("/log/" + id.path(), Map.of(), "application/octet-stream", cap);
        if (a.status() != 200) {
          throw new TileUnavailable(id.path() + ": " + a.status());
        }
        return Octets.copyOf(a.body());
      } catch (FederationException e) {
        throw new TileUnavailable(id.path() + ": " + e.getMessage());
      }
    };
  }

  /** A tile the peer did not serve (TileFetcher reports failures unchecked). */
  private static final class TileUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TileUnavailable(String message) {
      super("tile " + message);
    }
  }
}
