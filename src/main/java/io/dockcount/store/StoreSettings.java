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
 */
public record StoreSettings(
    Path path,
    boolean sync,
    Duration groupCommitWindow,
    int maxBatch,
    Path backupDir,
    Duration backupInterval,
    int backupKeep) {

  public StoreSettings {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(groupCommitWindow, "groupCommitWindow");
    Objects.requireNonNull(backupDir, "backupDir");
    Objects.requireNonNull(backupInterval, "backupInterval");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
    }
  }

  /** Settings for a database under {@code dir}: sync on, no window, backups in dir/backup. */
  public static StoreSettings under(Path dir) {
    return new StoreSettings(dir.resolve("dockcount"), true, Duration.ZERO, 256,
        dir.resolve("backup"), Duration.ofHours(1), 5);
  }

  public StoreSettings withSync(boolean on) {
    return new StoreSettings(path, on, groupCommitWindow, maxBatch, backupDir, backupInterval,
        backupKeep);
  }

  /** Returns the database's data file. */
  public Path dataFile() {
    return path.resolveSibling(path.getFileName() + ".mv.db");
  }
}
