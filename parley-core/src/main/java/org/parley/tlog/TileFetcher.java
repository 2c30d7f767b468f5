package org.parley.tlog;

/**
 * Fetches a tlog-tiles resource of a (possibly remote) log, e.g. with an HTTP GET of {@code <prefix>/<id.path()>}.
 * What it returns is untrusted: {@link TileProofs} checks sizes, and every proof built from it is verified
 * against a checkpoint before anything is believed.
 */
@FunctionalInterface
public interface TileFetcher {
  /** The bytes of the resource; failures (404, I/O) are thrown as unchecked exceptions. */
  Octets fetch(TileId id);
}
