package org.parley.node.federation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.node.log.LogException;
import org.parley.node.log.TransparencyLog;
import org.parley.tlog.AddCheckpointRequest;
import org.parley.tlog.ConsistencyProof;
import org.parley.tlog.Cosignature;
import org.parley.tlog.Note;
import org.parley.tlog.NoteSignature;
import org.parley.tlog.ProofException;
import org.parley.tlog.SignedCheckpoint;
import org.parley.tlog.VerifierKey;
import org.parley.tlog.WitnessResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log owner's side of witnessing: sends each new checkpoint of this node's log to every peer witness
 * (C2SP tlog-witness v1.0.0 {@code POST /witness/add-checkpoint}, with a consistency proof from the size that
 * witness last cosigned), and keeps the checkpoint together with the cosignatures that come back, so that
 * readers can be shown a checkpoint their policy accepts.
 */
final class CosignatureCollector {
  private static final Logger LOG = LoggerFactory.getLogger(CosignatureCollector.class);
  static final String ADD_CHECKPOINT = "/witness/add-checkpoint";
  /** A witness that failed is asked again after 1 s; one that stalls or answers too much, after up to 60 s. */
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(60);
  private final TransparencyLog log;
  private final FederationStore store;
  private final Clients clients;
  /** How long a round waits for one witness: two exchanges (a 409 naming the witness's size is retried once). */
  private final Duration witnessDeadline;
  private final Backoff backoff = new Backoff(RETRY_AFTER, MAX_PAUSE);
  private volatile long settledSize = -1;
  private volatile int settledCount;
  private volatile String settledWitnesses = "";

  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "parley-witness-client");
    t.setDaemon(true);
    return t;
  });

  CosignatureCollector(TransparencyLog log, FederationStore store, Clients clients) {
    this.log = log;
    this.store = store;
    this.clients = clients;
    this.witnessDeadline = clients.timeout().multipliedBy(2);
  }

  /**
   * Asks every witness that has not cosigned the latest checkpoint yet, in parallel, and waits for each at most
   * its deadline: a witness that is slow, stalls or fails is logged and paused, and the cosignatures of the
   * others are recorded without it. Returns the cosignatures now held.
   */
  synchronized int round() throws FederationException {
    Optional<SignedCheckpoint> latest;
    try {
      latest = log.checkpoint();
    } catch (LogException e) {
      throw new FederationException("cannot read the log's checkpoint: " + e.getMessage(), e);
    }
    if (latest.isEmpty()) {
      return 0;
    }
    SignedCheckpoint cp = logSignatureOnly(latest.get());
    long size = cp.checkpoint().size();
    List<Peer> peers = store.peers().stream().filter(p -> p.witnessKey().isPresent()).toList();
    List<VerifierKey> witnesses = peers.stream().map(p -> p.witnessKey().get()).toList();
    String witnessSet = witnesses.stream().map(k -> k.name() + " " + k.keyId()).sorted()
        .collect(java.util.stream.Collectors.joining("\n"));
    if (size == settledSize && witnessSet.equals(settledWitnesses)) {
      // every witness answered for this size already; a witness added since (`parley peer add` in another process)
      // is asked at once — it waited until the log grew, and an idle log starved it (found by an audit)
      return settledCount;
    }
    Optional<String> prior = store.cosigned(size);
    List<NoteSignature> priorLines = previousCosignatures(prior);
    List<NoteSignature> lines = new ArrayList<>(verified(cp, priorLines, witnesses));
    int before = lines.size();
    boolean cleaned = before < priorLines.size(); // lines kept before nothing verified them: rewrite the note
    Map<Peer, CompletableFuture<List<NoteSignature>>> asked = new LinkedHashMap<>();
    for (Peer p : peers) {
      if (!backoff.due(p.name())) {
        continue; // failed recently: back off rather than call it every 50 ms
      }
      if (lines.stream().noneMatch(p.witnessKey().get()::matches)) {
        // Witnesses are asked in parallel: one slow peer must not hold the others' cosignatures back.
        asked.put(p, CompletableFuture.supplyAsync(() -> {
          try {
            return ask(p, cp);
          } catch (FederationException e) {
            throw new CompletionException(e);
          }
        }, pool));
      }
    }
    long until = System.nanoTime() + witnessDeadline.toNanos();
    asked.forEach((p, answer) -> lines.addAll(await(p, answer, until, size)));
    SignedCheckpoint cosigned = cp.withCosignatures(lines);
    int count = cosigned.cosignatures(witnesses).size();
    if (count == witnesses.size()) {
      settledSize = size;
      settledCount = count;
      settledWitnesses = witnessSet;
    }
    if (prior.isPresent() && lines.size() == before && !cleaned) {
      return count; // nothing new: no write
    }
    store.putCosigned(size, cosigned.encode(), count);
    if (lines.size() > before) {
      try {
        log.addCosignatures(size, lines, witnesses);
      } catch (LogException e) {
        LOG.warn("event=cosignatures_unrecorded size={} cause={}", size, e.getMessage());
      }
    }
    return count;
  }

  /** One witness's cosignature, or none when it failed or missed the round's deadline (logged, paused). */
  private List<NoteSignature> await(Peer p, CompletableFuture<List<NoteSignature>> answer, long untilNanos,
      long size) {
    try {
      List<NoteSignature> got = answer.get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (backoff.succeeded(p.name())) {
        LOG.info("event=witness_recovered peer={} size={}", p.name(), size);
      }
      return got;
    } catch (TimeoutException e) {
      answer.cancel(true);
      Duration pause = backoff.failed(p.name(), true);
      LOG.warn("event=witness_timeout peer={} size={} deadline_ms={} paused_ms={} cause=witness {} did not answer"
          + " add-checkpoint within the deadline; the other witnesses' cosignatures are recorded without it, and it"
          + " is asked again after the pause (if this persists, ask its operators to check their node)",
          p.name(), size, witnessDeadline.toMillis(), pause.toMillis(), p.name());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      boolean brokeLimit = PeerClient.brokeLimit(cause);
      boolean first = !backoff.failing(p.name());
      Duration pause = backoff.failed(p.name(), brokeLimit);
      if (first || brokeLimit) { // an unreachable witness asked every second must not flood the log
        LOG.warn("event=witness_unavailable peer={} size={} paused_ms={} cause={}", p.name(), size,
            pause.toMillis(), cause.getMessage());
      }
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
    }
    return List.of();
  }

  void close() {
    pool.shutdownNow();
  }

  private SignedCheckpoint logSignatureOnly(SignedCheckpoint s) {
    VerifierKey own = log.verifierKey();
    List<NoteSignature> sigs = s.note().signatures().stream().filter(own::matches).toList();
    return new SignedCheckpoint(s.checkpoint(), new Note(s.note().text(), sigs));
  }

  private List<NoteSignature> previousCosignatures(Optional<String> prior) {
    if (prior.isEmpty()) {
      return List.of();
    }
    try {
      VerifierKey own = log.verifierKey();
      return SignedCheckpoint.parse(prior.get()).note().signatures().stream().filter(s -> !own.matches(s))
          .toList();
    } catch (ProofException e) {
      return List.of();
    }
  }

  /**
   * The lines that are cosignatures of {@code cp} by one of {@code witnesses} and verify, at most one per
   * witness key (the newest): C2SP tlog-witness, the client keeps only the cosignatures it verifies.
   */
  private static List<NoteSignature> verified(SignedCheckpoint cp, List<NoteSignature> lines,
      List<VerifierKey> witnesses) {
    List<NoteSignature> kept = new ArrayList<>();
    for (VerifierKey w : witnesses) {
      lines.stream().filter(w::matches) // one line at a time: a note holds at most Note.MAX_SIGNATURES
          .flatMap(line -> cp.withCosignatures(List.of(line)).cosignatures(List.of(w)).stream())
          .max(Comparator.comparingLong(Cosignature::timestamp))
          .ifPresent(c -> kept.add(c.line()));
    }
    return kept;
  }

  /** Per witness, the size beyond this log's that it last named (witness_ahead is logged once per size). */
  private final Map<String, Long> aheadReported = new java.util.concurrent.ConcurrentHashMap<>();

  /** One add-checkpoint exchange; a 409 naming the witness's size is retried once from that size. */
  private List<NoteSignature> ask(Peer p, SignedCheckpoint cp) throws FederationException {
    long size = cp.checkpoint().size();
    long old = Math.min(store.witnessProgress(p.name()), size);
    for (int attempt = 0; attempt < 2; attempt++) {
      ConsistencyProof proof;
      try {
        proof = log.consistencyProof(old, size);
      } catch (LogException e) {
        throw new FederationException("cannot prove consistency " + old + " -> " + size + ": " + e.getMessage(), e);
      }
      byte[] body = AddCheckpointRequest.of(proof, cp).encode().getBytes(StandardCharsets.UTF_8);
      PeerClient.Answer a = clients.of(p).post(ADD_CHECKPOINT, body, "text/plain; charset=utf-8", PeerClient.NOTE);
      try {
        if (a.status() == 200) {
          List<NoteSignature> lines = WitnessResponse.parseCosignatures(a.text());
          VerifierKey key = p.witnessKey().orElseThrow();
          List<NoteSignature> valid = verified(cp, lines, List.of(key));
          if (valid.isEmpty()) {
            throw new FederationException("witness " + p.name() + " answered no valid cosignature by "
                + key.name() + " among " + lines.size() + " lines");
          }
          long invalid = lines.stream().filter(key::matches).count() - 1;
          if (invalid > 0) { // a faulty witness, or something between it and us: only the verified line is kept
            LOG.warn("event=witness_lines_dropped peer={} size={} dropped={} cause=lines named {} that do not"
                + " verify, or repeat its cosignature", p.name(), size, invalid, key.name());
          }
          store.setWitnessProgress(p.name(), size);
          return valid;
        }
        if (a.status() == 409 && a.contentType().orElse("").startsWith(WitnessResponse.TLOG_SIZE)) {
          old = WitnessResponse.parseSize(a.text());
          store.setWitnessProgress(p.name(), old);
          if (old > size) {
            if (!Long.valueOf(old).equals(aheadReported.put(p.name(), old))) { // once per size the witness names
              LOG.error("event=witness_ahead peer={} witness_size={} size={} cause=witness {} has cosigned this log at"
                  + " size {}, beyond its size {}: the log lost entries it had already published (restored from an"
                  + " older backup? a database rolled back?). Its next checkpoints cannot extend what the witness saw:"
                  + " the witness refuses them and, once this log passes that size, records a fork. Stop accepting"
                  + " objects and read docs/design/log.md, \"Backups and restores\"", p.name(), old, size, p.name(),
                  old, size);
            }
            throw new FederationException("witness " + p.name() + " has cosigned size " + old
                + ", larger than our checkpoint " + size);
          }
          continue;
        }
      } catch (ProofException e) {
        throw new FederationException("witness " + p.name() + " answered malformed: " + e.getMessage(), e);
      }
      throw new FederationException("witness " + p.name() + " refused size " + size + " with " + a.status()
          + ": " + Texts.firstLine(a.text()));
    }
    throw new FederationException("witness " + p.name() + " kept answering 409");
  }
}
