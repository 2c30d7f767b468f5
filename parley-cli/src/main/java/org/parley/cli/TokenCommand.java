package org.parley.cli;

import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.parley.node.auth.Tokens;
import org.parley.node.store.Database;
import org.parley.node.store.Directory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", description = "Manage API tokens.",
    subcommands = {TokenCommand.Issue.class, TokenCommand.Revoke.class}, mixinStandardHelpOptions = true)
final class TokenCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "issue", mixinStandardHelpOptions = true,
      description = "Issue an API token for a party and print it (only its hash is stored: keep it now).")
  static final class Issue implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "PARTY")
    String party;

    @Option(names = "--expires", paramLabel = "WHEN", description = "when the token ends, as if revoked: a duration"
        + " from now (90d, 12h, 30m) or a UTC date or time (2027-03-31, 2027-03-31T18:00:00Z); default: never")
    String expires;

    @Override
    public Integer call() throws Exception {
      java.util.Optional<java.time.Instant> until;
      try {
        until = expires == null ? java.util.Optional.empty()
            : java.util.Optional.of(expiry(expires, java.time.Clock.systemUTC()));
      } catch (IllegalArgumentException e) {
        System.err.println("parley: " + e.getMessage());
        return 2;
      }
      try (Database db = store.openExisting()) {
        System.out.println(Tokens.issue(db.directory(), party, new SecureRandom(), until));
        until.ifPresent(u -> System.err.println("parley: the token expires at " + u));
      } catch (org.parley.node.store.StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
      return 0;
    }

    /** {@code 90d}, {@code 12h}, a UTC date (its start) or an instant; the result must lie in the future. */
    static java.time.Instant expiry(String text, java.time.Clock clock) {
      String t = text.strip();
      java.time.Instant now = clock.instant();
      java.time.Instant at;
      java.util.Optional<java.time.Duration> d = Durations.parse(t);
      try {
        if (d.isPresent()) {
          at = now.plus(d.get());
        } else if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
          at = java.time.LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        } else {
          at = java.time.Instant.parse(t);
        }
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException("--expires " + text + ": expected a duration (90d, 12h, 30m), a UTC date"
            + " (2027-03-31) or a UTC time (2027-03-31T18:00:00Z)");
      }
      if (!at.isAfter(now)) {
        throw new IllegalArgumentException("--expires " + text + " is " + at + ", not in the future: nothing issued");
      }
      return at;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a party's API tokens — all of them, or the one given with --token — and end the console"
          + " sessions they opened (at once). A running node may still accept a revoked token for up to "
          + Directory.CHANGE_DELAY_SECONDS + " s: it caches which party a token belongs to that long.")
  static final class Revoke implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "PARTY")
    String party;

    @Option(names = "--token", paramLabel = "TOKEN", description = "only this token (plt_…), read from a file with"
        + " @FILE rather than the command line")
    String token;

    @Override
    public Integer call() throws Exception {
      try (Database db = store.openExisting()) {
        int n = db.directory().revokeTokens(party, java.util.Optional.ofNullable(token).map(String::strip)
            .map(Tokens::hash));
        if (n == 0) {
          System.err.println("parley: " + party + " has no such live token: nothing revoked");
          return 1;
        }
        System.out.println("revoked " + n + " token" + (n == 1 ? "" : "s") + " of " + party);
      } catch (org.parley.node.store.StoreException e) {
        System.err.println("parley: " + e.getMessage());
        return 1;
      }
      return 0;
    }
  }
}
