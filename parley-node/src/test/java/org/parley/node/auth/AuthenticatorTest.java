package org.parley.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.store.Database;
import org.parley.node.store.Directory;

class AuthenticatorTest {
  @TempDir Path tmp;
  Database db;
  Directory dir;
  Authenticator auth;
  String aliceToken;

  @BeforeEach
  void setUp() throws Exception {
    db = Database.open(Database.sqliteUrl(tmp), Clock.systemUTC(), UUID::randomUUID);
    dir = db.directory();
    dir.addParty("alice");
    dir.addParty("bob");
    aliceToken = Tokens.issue(dir, "alice", new SecureRandom());
    auth = new Authenticator(dir);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  static Optional<String> basic(String user, String password) {
    return Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void authenticate_basicWithPartyNameAndToken_isThatParty() throws Exception {
    assertThat(auth.authenticate(basic("alice", aliceToken))).contains("alice");
  }

  @Test
  void authenticate_bearerToken_isItsParty() throws Exception {
    assertThat(auth.authenticate(Optional.of("Bearer " + aliceToken))).contains("alice");
  }

  @Test
  void authenticate_tokenOfAnotherParty_isRejected() throws Exception {
    assertThat(auth.authenticate(basic("bob", aliceToken))).isEmpty();
  }

  @Test
  void authenticate_malformedOrMissing_isRejected() throws Exception {
    for (String h : new String[] {"", "Basic", "Basic !!!", "Basic " + Base64.getEncoder().encodeToString(
        "alice".getBytes()), "Bearer ", "Digest x", "Bearer plt_wrong", "Basic " + "A".repeat(5000)}) {
      assertThat(auth.authenticate(Optional.of(h))).as(h).isEmpty();
    }
    assertThat(auth.authenticate(Optional.empty())).isEmpty();
  }

  @Test
  void issue_storesOnlyTheHash() throws Exception {
    try (Connection c = DriverManager.getConnection(Database.sqliteUrl(tmp)); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT hash FROM tokens")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(Tokens.hash(aliceToken)).doesNotContain(aliceToken.substring(4));
    }
    assertThat(aliceToken).startsWith("plt_").hasSizeGreaterThan(40);
  }
}
