package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups that fail are told to the supervisors once, not only logged every hour. */
final class BackupAlertTest {
  @Test
  void backupDirectoryGone_alertedOnceWhileCountingGoesOn(@TempDir Path dir) throws Exception {
    // A backup directory under a file can never be made: as a USB stick gone read-only.
    Files.writeString(dir.resolve("not-a-dir"), "x");
    try (WiredService wired = new WiredService(dir, List.of(), Map.of(), "1h",
        ConfigFactory.parseMap(Map.of(
            "dockcount.backup.dir", dir.resolve("not-a-dir").resolve("backup").toString(),
            "dockcount.backup.interval", "200ms")))) {

      String alert = wired.awaitAlert(a -> a.contains("backups are failing"));

      assertTrue(alert.endsWith("the last verified backup stays, counting goes on"), alert);
      Thread.sleep(1000); // four more failed backups
      assertTrue(wired.alerts.stream().noneMatch(a -> a.contains("backups are failing")),
          "said once, not at every failed backup: " + wired.alerts);
      assertTrue(!alert.contains("the store itself"), alert);
    }
  }

  @Test
  void backupFailingWhileTheStoreIsFull_theAlertSaysTheStoresStateToo(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("not-a-dir"), "x");
    try (WiredService wired = new WiredService(dir, List.of(), Map.of(), "1h",
        ConfigFactory.parseMap(Map.of(
            "dockcount.backup.dir", dir.resolve("not-a-dir").resolve("backup").toString(),
            "dockcount.backup.interval", "200ms",
            // more than any disk here has free: the store counts itself full from the start
            "dockcount.store.min-free-space", "1000000TB")))) {

      String alert = wired.awaitAlert(a -> a.contains("backups are failing"));

      assertTrue(alert.contains("; the store itself: STORE FULL"), alert);
    }
  }
}
