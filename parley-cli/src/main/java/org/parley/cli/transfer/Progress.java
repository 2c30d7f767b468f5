package org.parley.cli.transfer;

/** Progress of a long transfer on stderr: a count and a rate, redrawn at most every 250 ms. */
final class Progress {
  private final String verb;
  private final long start = System.nanoTime();
  private long count;
  private long lastDrawn;

  Progress(String verb) {
    this.verb = verb;
  }

  void advance(long n) {
    count += n;
    long now = System.nanoTime();
    if (now - lastDrawn > 250_000_000L) {
      lastDrawn = now;
      draw('\r');
    }
  }

  void done() {
    if (count > 0) {
      draw('\n');
    }
  }

  private void draw(char end) {
    double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
    System.err.printf("\r%s: %,d objects (%,.0f/s)%c", verb, count, count / seconds, end);
    System.err.flush();
  }
}
