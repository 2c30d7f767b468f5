package org.parley.tlog;

/**
 * Reads the hash of a full subtree: {@code level} 0 is a leaf hash, and the node at {@code (level, index)} is
 * MTH(D[index * 2^level : (index + 1) * 2^level]).
 */
interface NodeReader {
  Hash node(int level, long index);
}
