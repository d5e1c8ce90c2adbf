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
 */
public record StoreSettings(
    Path path,
    boolean sync,
    Duration groupCommitWindow,
    int maxBatch,
    Path backupDir,
    Duration backupInterval,
    int backupKeep,
    long minFreeBytes) {

  public StoreSettings {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(groupCommitWindow, "groupCommitWindow");
    Objects.requireNonNull(backupDir, "backupDir");
    Objects.requireNonNull(backupInterval, "backupInterval");
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minFreeBytes must not be negative: " + minFreeBytes);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
    }
  }

  /** The default of {@code dockcount.store.min-free-space}. */
  public static final long DEFAULT_MIN_FREE = 64_000_000;

  /** Settings for a database under {@code dir}: sync on, no window, backups in dir/backup. */
  public static StoreSettings under(Path dir) {
    return new StoreSettings(dir.resolve("dockcount"), true, Duration.ZERO, 256,
        dir.resolve("backup"), Duration.ofHours(1), 5, DEFAULT_MIN_FREE);
  }

  public StoreSettings withSync(boolean on) {
    return new StoreSettings(path, on, groupCommitWindow, maxBatch, backupDir, backupInterval,
        backupKeep, minFreeBytes);
  }

  public StoreSettings withMinFree(long bytes) {
    return new StoreSettings(path, sync, groupCommitWindow, maxBatch, backupDir, backupInterval,
        backupKeep, bytes);
  }

  /** Returns the database's data file. */
  public Path dataFile() {
    return path.resolveSibling(path.getFileName() + ".mv.db");
  }
}
