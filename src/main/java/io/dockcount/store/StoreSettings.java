package io.dockcount.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the H2 store keeps its data.
 *
 * @param path the database file without its {@code .mv.db} suffix
 * @param sync force each group commit to disk before acknowledging it
 * @param groupCommitWindow how long the first record of a batch waits for others
 * @param maxBatch most journal records in one commit
 * @param backupDir where verified backups go
 * @param backupInterval time between online backups
 * @param backupKeep number of verified backups kept
 * @param minFreeBytes free space the database's disk must keep: below it no count is taken
 *     (H2 on a full disk loses commits it has acknowledged; see docs/STORE.md)
 * @param keepRunLines the newest runs of each zone that keep every line; older ones keep their
 *     totals and the lines that tasks and decisions point at ({@link RunRetention})
 * @param keepWholeBooks the newest WMS deliveries, of all and of each zone's, whose book stays
 *     whole; older ones keep their lines at the locations counted under them
 *     ({@link BookRetention})
 */
public record StoreSettings(
    Path path,
    boolean sync,
    Duration groupCommitWindow,
    int maxBatch,
    Path backupDir,
    Duration backupInterval,
    int backupKeep,
    long minFreeBytes,
    int keepRunLines,
    int keepWholeBooks) {

  public StoreSettings {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(groupCommitWindow, "groupCommitWindow");
    Objects.requireNonNull(backupDir, "backupDir");
    Objects.requireNonNull(backupInterval, "backupInterval");
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minFreeBytes must not be negative: " + minFreeBytes);
    }
    if (keepRunLines < MIN_KEEP_RUN_LINES) {
      throw new IllegalArgumentException("keepRunLines must be at least " + MIN_KEEP_RUN_LINES
          + ": " + keepRunLines);
    }
    if (keepWholeBooks < MIN_KEEP_WHOLE_BOOKS) {
      throw new IllegalArgumentException("keepWholeBooks must be at least "
          + MIN_KEEP_WHOLE_BOOKS + ": " + keepWholeBooks);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
    }
  }

  /** The default of {@code dockcount.store.min-free-space}. */
  public static final long DEFAULT_MIN_FREE = 64_000_000;

  /** The default of {@code dockcount.store.keep-run-lines}: four hours of 15-minute cycles. */
  public static final int DEFAULT_KEEP_RUN_LINES = 16;

  /**
   * The fewest runs a zone keeps whole: the newest, and the one before it, which a decision
   * being saved beside a new run may still take its figures from.
   */
  public static final int MIN_KEEP_RUN_LINES = 2;

  /**
   * The default and fewest of {@code dockcount.store.keep-whole-books}: a zone takes a delivery
   * into force only after it is stored, so a count taken meanwhile is under the one before.
   */
  public static final int MIN_KEEP_WHOLE_BOOKS = 2;

  /** Settings for a database under {@code dir}: sync on, no window, backups in dir/backup. */
  public static StoreSettings under(Path dir) {
    return new StoreSettings(dir.resolve("dockcount"), true, Duration.ZERO, 256,
        dir.resolve("backup"), Duration.ofHours(1), 5, DEFAULT_MIN_FREE,
        DEFAULT_KEEP_RUN_LINES, MIN_KEEP_WHOLE_BOOKS);
  }

  public StoreSettings withSync(boolean on) {
    return new StoreSettings(path, on, groupCommitWindow, maxBatch, backupDir, backupInterval,
        backupKeep, minFreeBytes, keepRunLines, keepWholeBooks);
  }

  public StoreSettings withMinFree(long bytes) {
    return new StoreSettings(path, sync, groupCommitWindow, maxBatch, backupDir, backupInterval,
        backupKeep, bytes, keepRunLines, keepWholeBooks);
  }

  public StoreSettings withKeepRunLines(int runs) {
    return new StoreSettings(path, sync, groupCommitWindow, maxBatch, backupDir, backupInterval,
        backupKeep, minFreeBytes, runs, keepWholeBooks);
  }

  public StoreSettings withKeepWholeBooks(int deliveries) {
    return new StoreSettings(path, sync, groupCommitWindow, maxBatch, backupDir, backupInterval,
        backupKeep, minFreeBytes, keepRunLines, deliveries);
  }

  /** Returns the database's data file. */
  public Path dataFile() {
    return path.resolveSibling(path.getFileName() + ".mv.db");
  }
}
