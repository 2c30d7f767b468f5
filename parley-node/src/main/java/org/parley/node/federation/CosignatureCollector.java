package org.parley.node.federation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.node.log.LogException;
import org.parley.node.log.TransparencyLog;
import org.parley.tlog.AddCheckpointRequest;
import org.parley.tlog.ConsistencyProof;
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
  private final TransparencyLog log;
  private final FederationStore store;
  private final Clients clients;
  private static final long RETRY_AFTER_NANOS = 1_000_000_000L;
  private final java.util.Map<String, Long> retryAt = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile long settledSize = -1;
  private volatile int settledCount;

  private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "parley-witness-client");
    t.setDaemon(true);
    return t;
  });

  CosignatureCollector(TransparencyLog log, FederationStore store, Clients clients) {
    this.log = log;
    this.store = store;
    this.clients = clients;
  }

  /** Asks every witness that has not cosigned the latest checkpoint yet; returns the cosignatures now held. */
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
    if (size == settledSize) {
      return settledCount; // every witness answered for this size already
    }
    Optional<String> prior = store.cosigned(size);
    List<NoteSignature> lines = new ArrayList<>(previousCosignatures(prior));
    int before = lines.size();
    List<VerifierKey> witnesses = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<List<NoteSignature>>> asked = new ArrayList<>();
    for (Peer p : store.peers()) {
      if (p.witnessKey().isEmpty()) {
        continue;
      }
      witnesses.add(p.witnessKey().get());
      Long notBefore = retryAt.get(p.name());
      if (notBefore != null && System.nanoTime() - notBefore < 0) {
        continue; // failed recently: back off rather than call it every 50 ms
      }
      if (lines.stream().noneMatch(p.witnessKey().get()::matches)) {
        // Witnesses are asked in parallel: one slow peer must not hold the others' cosignatures back.
        asked.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            List<NoteSignature> got = ask(p, cp);
            retryAt.remove(p.name());
            return got;
          } catch (FederationException e) {
            if (retryAt.put(p.name(), System.nanoTime() + RETRY_AFTER_NANOS) == null) {
              LOG.warn("event=witness_unavailable peer={} size={} cause={}", p.name(), size, e.getMessage());
            }
            return List.of();
          }
        }, pool));
      }
    }
    for (var f : asked) {
      lines.addAll(f.join());
    }
    SignedCheckpoint cosigned = cp.withCosignatures(lines);
    int count = cosigned.cosignatures(witnesses).size();
    if (count == witnesses.size()) {
      settledSize = size;
      settledCount = count;
    }
    if (prior.isPresent() && lines.size() == before) {
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
      PeerClient.Answer a = clients.of(p).post(ADD_CHECKPOINT, body, "text/plain; charset=utf-8");
      try {
        if (a.status() == 200) {
          List<NoteSignature> lines = WitnessResponse.parseCosignatures(a.text());
          if (cp.withCosignatures(lines).cosignatures(List.of(p.witnessKey().orElseThrow())).isEmpty()) {
            throw new FederationException("witness " + p.name() + " answered no valid cosignature");
          }
          store.setWitnessProgress(p.name(), size);
          return lines.stream().filter(p.witnessKey().get()::matches).toList();
        }
        if (a.status() == 409 && a.contentType().orElse("").startsWith(WitnessResponse.TLOG_SIZE)) {
          old = WitnessResponse.parseSize(a.text());
          store.setWitnessProgress(p.name(), old);
          if (old > size) {
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
