package org.parley.node;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies read whole but never past a limit: a declared length over it is refused before reading. */
public final class RequestBodies {
  private RequestBodies() {}

  /** The body was over {@link #max()} bytes, as declared or as sent. */
  public static final class TooLarge extends Exception {
    private final long max;

    TooLarge(long max) {
      super("request body over " + max + " bytes");
      this.max = max;
    }

    public long max() {
      return max;
    }
  }

  /** The request body, at most {@code max} bytes; reading stops at the first byte past it. */
  public static byte[] read(Context ctx, long max) throws TooLarge, IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw new TooLarge(max);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
      byte[] buf = new byte[(int) Math.min(65536, max + 1)];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > max) {
          throw new TooLarge(max);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }
}
