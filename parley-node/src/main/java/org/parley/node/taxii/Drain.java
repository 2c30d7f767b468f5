package org.parley.node.taxii;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tracks writes in flight so that shutdown can refuse new ones and wait for the started ones to commit
 * before the server and database close.
 */
public final class Drain {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int inFlight;
  private boolean closing;

  boolean enter() {
    lock.lock();
    try {
      if (closing) {
        return false;
      }
      inFlight++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  void exit() {
    lock.lock();
    try {
      if (--inFlight == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new writes, then waits up to {@code timeout} for those in flight; true if they all finished. */
  public boolean close(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      closing = true;
      long nanos = timeout.toNanos();
      while (inFlight > 0 && nanos > 0) {
        nanos = idle.awaitNanos(nanos);
      }
      return inFlight == 0;
    } finally {
      lock.unlock();
    }
  }

  public int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

}
