package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Database;

/** {@code parley token issue --expires}: what WHEN may be, and a token that ends when it says. */
class TokenCliTest {
  @TempDir Path tmp;
  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void expiry_readsDurationsDatesAndTimes_inUtc() {
    assertThat(TokenCommand.Issue.expiry("90d", NOW)).isEqualTo(Instant.parse("2027-02-26T10:00:00Z"));
    assertThat(TokenCommand.Issue.expiry("12h", NOW)).isEqualTo(Instant.parse("2026-11-28T22:00:00Z"));
    assertThat(TokenCommand.Issue.expiry("2027-03-31", NOW)).isEqualTo(Instant.parse("2027-03-31T00:00:00Z"));
    assertThat(TokenCommand.Issue.expiry(" 2027-03-31T18:00:00Z ", NOW))
        .isEqualTo(Instant.parse("2027-03-31T18:00:00Z"));
  }

  @Test
  void expiry_refusesThePastAndWhatItCannotRead() {
    assertThatThrownBy(() -> TokenCommand.Issue.expiry("0d", NOW)).hasMessageContaining("not in the future");
    assertThatThrownBy(() -> TokenCommand.Issue.expiry("2026-11-28", NOW)).hasMessageContaining("not in the future");
    assertThatThrownBy(() -> TokenCommand.Issue.expiry("next week", NOW)).hasMessageContaining("expected a duration");
    assertThatThrownBy(() -> TokenCommand.Issue.expiry("3w", NOW)).hasMessageContaining("expected a duration");
  }

  @Test
  void issueWithExpiry_printsATokenThatWorksUntilThen_andBadInputIsAUsageError() throws Exception {
    String data = tmp.resolve("data").toString();
    CliTest.run("party", "add", "cert-a", "--data", data);

    CliTest.Run issued = CliTest.run("token", "issue", "cert-a", "--expires", "30d", "--data", data);
    CliTest.Run past = CliTest.run("token", "issue", "cert-a", "--expires", "2020-01-01", "--data", data);
    CliTest.Run garbage = CliTest.run("token", "issue", "cert-a", "--expires", "soon", "--data", data);

    assertThat(issued.exit()).isZero();
    assertThat(issued.err()).contains("the token expires at ");
    try (Database db = Database.open(Database.sqliteUrl(tmp.resolve("data")), Clock.systemUTC(),
        UUID::randomUUID)) {
      assertThat(db.directory().partyOfTokenHash(Tokens.hash(issued.out().strip()))).contains("cert-a");
    }
    assertThat(past.exit()).isEqualTo(2);
    assertThat(past.err()).contains("not in the future: nothing issued");
    assertThat(garbage.exit()).isEqualTo(2);
    assertThat(CliTest.run("party", "list", "--data", data).out()).contains("1 live token");
  }
}
