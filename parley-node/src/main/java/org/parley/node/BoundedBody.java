package org.parley.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one HTTP response body into memory (a peer's, a node's the CLI talks to), but never more than a cap: a body whose
 * {@code Content-Length} declares more is refused before any of it is read, and a body that streams past the
 * cap is refused as soon as it does, its connection cancelled — nothing beyond the cap is buffered. One instance
 * per exchange; {@link #cancel} stops a body still arriving (the caller's deadline).
 */
public final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {
  /** A body larger than the cap: declared so up front, or seen so while it arrived. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long cap, long size, boolean declared) {
      super(declared ? "declares Content-Length " + size + ", over the limit of " + cap + " bytes"
          : "sent more than the limit of " + cap + " bytes");
    }
  }

  private final long cap;
  private final AtomicLong received = new AtomicLong();
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  public BoundedBody(long cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap: expected at least 1 byte, got " + cap);
    }
    this.cap = cap;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    OptionalLong declared;
    try {
      declared = info.headers().firstValueAsLong("Content-Length");
    } catch (NumberFormatException e) {
      declared = OptionalLong.empty(); // the client refuses a malformed length itself; the cap still holds
    }
    return new Reader(declared);
  }

  /** Bytes of body received so far (for error messages). */
  public long received() {
    return received.get();
  }

  /** Stops reading: the body's connection is cancelled if it is still arriving. */
  public void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  private final class Reader implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final OptionalLong declared;
    private final ByteArrayOutputStream out;

    Reader(OptionalLong declared) {
      this.declared = declared;
      this.out = new ByteArrayOutputStream((int) Math.min(cap, declared.orElse(8192)));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared.isPresent() && declared.getAsLong() > cap) {
        fail(new TooLarge(cap, declared.getAsLong(), true)); // RFC 9110 §8.6: the length is known up front
      } else if (cancelled) {
        s.cancel();
      } else {
        s.request(1);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        long total = received.addAndGet(b.remaining());
        if (total > cap) {
          fail(new TooLarge(cap, total, false));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      body.complete(out.toByteArray());
    }

    private void fail(IOException e) {
      body.completeExceptionally(e);
      subscription.cancel();
    }
  }
}
