package org.parley.node.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups of a running node on a schedule ({@code parley serve --backup-dir DIR}): every {@code every}, a
 * {@link Backups#create} into {@code DIR/parley-<UTC time>}, then all but the newest {@code keep} of the backups this
 * schedule names are removed — never anything else in {@code DIR}, and never before a new backup was written and
 * audited. The first backup is due one interval after the newest already in {@code DIR} (at once when there is none,
 * or it is older than that), so a node restarted often still gets its backups. A failure is logged and retried at the
 * next interval; the node keeps serving.
 */
public final class BackupSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackupSchedule.class);
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'parley-'yyyyMMdd'T'HHmmss.SSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final Pattern NAMED = Pattern.compile("parley-\\d{8}T\\d{6}\\.\\d{3}Z");

  private final Path dataDir;
  private final Path backupDir;
  private final Duration every;
  private final int keep;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  private BackupSchedule(Path dataDir, Path backupDir, Duration every, int keep, Clock clock) {
    this.dataDir = dataDir;
    this.backupDir = backupDir;
    this.every = every;
    this.keep = keep;
    this.clock = clock;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parley-backup");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts backing up the node whose data directory is {@code dataDir} into {@code backupDir} (created if missing,
   * owner-only).
   *
   * @throws BackupException when {@code backupDir} cannot be made, or the interval or count is out of range
   */
  public static BackupSchedule start(Path dataDir, Path backupDir, Duration every, int keep, Clock clock)
      throws BackupException {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
    if (every.isNegative() || every.isZero()) {
      throw new BackupException("the backup interval must be positive, got " + every);
    }
    if (keep < 1) {
      throw new BackupException("keep at least one backup, got " + keep);
    }
    if (Backups.inside(backupDir.toAbsolutePath(), dataDir)) { // what every backup would refuse: refused at once
      throw new BackupException("the backup directory " + backupDir + " is inside the data directory " + dataDir
          + ": each backup would copy the ones before it; give a directory elsewhere (another disk, ideally)");
    }
    try {
      Files.createDirectories(backupDir);
    } catch (IOException e) {
      throw new BackupException("cannot create the backup directory " + backupDir + ": " + e.getMessage(), e);
    }
    BackupSchedule s = new BackupSchedule(dataDir, backupDir, every, keep, clock);
    Instant newest = s.backups().stream().reduce((a, b) -> b).map(BackupSchedule::takenAt).orElse(Instant.MIN);
    long delay = newest.equals(Instant.MIN) ? 0
        : Math.max(0, Duration.between(clock.instant(), newest.plus(every)).toMillis());
    s.timer.scheduleWithFixedDelay(s::runOnce, delay, every.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("event=backup_schedule dir={} every={} keep={} first_in_ms={}", backupDir, every, keep, delay);
    return s;
  }

  /** The backups this schedule named in its directory (each with a manifest), oldest first. */
  public List<Path> backups() {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> all = Files.list(backupDir)) {
      all.filter(p -> NAMED.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.isRegularFile(p.resolve(Backups.MANIFEST)))
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      LOG.warn("event=backup_list_failed dir={} cause={}", backupDir, e.getMessage());
    }
    return out;
  }

  private static Instant takenAt(Path backup) {
    String n = backup.getFileName().toString();
    return NAME.parse(n, Instant::from);
  }

  private void runOnce() {
    Path out = backupDir.resolve(NAME.format(clock.instant()));
    try {
      Backups.Manifest m = Backups.create(dataDir, out, clock);
      LOG.info("event=backup_written dir={} log_size={} files={} bytes={}", out, m.logSize(), m.files().size(),
          m.files().stream().mapToLong(Backups.FileEntry::size).sum());
      List<Path> all = backups();
      for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
        Backups.delete(old);
        LOG.info("event=backup_removed dir={} cause=more than {} backups kept", old, keep);
      }
    } catch (BackupException e) {
      LOG.error("event=backup_failed dir={} cause={} (the node keeps serving; the next try is in {})", out,
          e.getMessage(), every);
    } catch (RuntimeException e) { // a scheduled task that throws is never run again: log it and keep the schedule
      LOG.error("event=backup_failed dir={} cause={}", out, e.toString(), e);
    }
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(30, TimeUnit.SECONDS)) { // a backup being written may finish; then it is cut
        timer.shutdownNow(); // Backups.create removes what it had written
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
