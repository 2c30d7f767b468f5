package org.parley.node.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.tlog.Octets;
import org.parley.tlog.SignedCheckpoint;

/**
 * Two node processes on one PostgreSQL database (two {@link TransparencyLog}s with their own pools and holders):
 * both run their sequencer while leaves keep arriving, one stops half-way and the other takes over. One key, one
 * history: every stored checkpoint is signed by the same key and its root is the root of the entries at its size.
 */
class TwoProcessesTest {
  private static TestDatabases databases;

  @BeforeAll
  static void createDatabases() {
    databases = new TestDatabases();
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    databases.close();
  }

  @Test
  void twoSequencersOnOnePostgresLog_handOverAndNeverFork() throws Exception {
    String url = databases.postgres();
    TransparencyLog.Options fast = new TransparencyLog.Options(Duration.ofMillis(50), Duration.ofMillis(400), 100);
    TransparencyLog a = TransparencyLog.open(url, "two.parley.invalid/log", Clock.systemUTC(), new SecureRandom(), fast);
    TransparencyLog b = TransparencyLog.open(url, "two.parley.invalid/log", Clock.systemUTC(), new SecureRandom(), fast);
    assertThat(b.verifierKey()).isEqualTo(a.verifierKey());
    Random random = new Random(11);
    try (HikariDataSource store = LogDataSources.open(url, 2)) {
      a.start();
      b.start();
      for (int batch = 0; batch < 40; batch++) {
        try (Connection tx = store.getConnection()) {
          tx.setAutoCommit(false);
          for (int i = 0; i < 25; i++) {
            JdbcLogStorage.enqueue(tx, JdbcLogStorageTest.leaf(random), 1);
          }
          tx.commit();
        }
        if (batch == 20) {
          a.close(); // gives up its lease: b takes over
        }
        Thread.sleep(20);
      }
      while (b.checkpoint().map(c -> c.checkpoint().size()).orElse(0L) < 1000) {
        Thread.sleep(20);
      }
      JdbcLogStorage storage = new JdbcLogStorage(store, Clock.systemUTC(), "auditor", Duration.ofSeconds(1));
      List<byte[]> entries = storage.readEntries(0, 1000).stream().map(Octets::toArray).collect(Collectors.toList());
      try (Connection c = store.getConnection()) {
        List<JdbcLogIndex.Timed> checkpoints = JdbcLogIndex.checkpoints(c);
        assertThat(checkpoints).hasSizeGreaterThan(2);
        for (JdbcLogIndex.Timed t : checkpoints) {
          SignedCheckpoint signed = SignedCheckpoint.open(t.checkpoint().signedNote(), b.verifierKey(), List.of());
          assertThat(signed.checkpoint().root()).isEqualTo(
              JdbcLogStorageTest.referenceRoot(entries.subList(0, (int) signed.checkpoint().size())));
        }
      }
    } finally {
      a.close();
      b.close();
    }
  }
}
