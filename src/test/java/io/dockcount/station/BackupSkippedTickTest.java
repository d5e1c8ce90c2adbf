package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import io.dockcount.app.Guardian;
import io.dockcount.store.LargeStoreFile;
import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A backup interval much shorter than a backup of the store takes: the ticks that come while
 * one is written are skipped, and the warning about it does not fill the log with a line per
 * tick for as long as the copy lasts (a stalled USB stick would repeat it forever).
 */
final class BackupSkippedTickTest {
  private static final Pattern WRITTEN = Pattern.compile(
      "backup took [^;]+; (\\d+) backup ticks were skipped while it was written");

  @Test
  void slowBackup_skippedTicksWarnedAtPowersOfTwo_thenCountedOnceAtTheEnd(@TempDir Path dir)
      throws Exception {
    StoreSettings settings = StoreSettings.under(dir);
    Store.open(settings).close();
    LargeStoreFile.grow(settings, 48);
    Logger logger = (Logger) LoggerFactory.getLogger(Guardian.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (WiredService wired = new WiredService(dir, List.of(), Map.of(), "1h",
        ConfigFactory.parseMap(Map.of("dockcount.backup.interval", "20ms")))) {
      List<String> before = awaitEnd(log);

      Matcher ended = WRITTEN.matcher(before.get(before.size() - 1));
      assertTrue(ended.find());
      int skipped = Integer.parseInt(ended.group(1));
      List<String> warned = before.stream()
          .filter(l -> l.startsWith("backup skipped: the one started ")).toList();
      assertTrue(skipped >= 5, "the backup was too quick to test: " + lines(log));
      // Said at the 1st, 2nd, 4th, 8th ... skipped tick, not at each.
      assertEquals(32 - Integer.numberOfLeadingZeros(skipped), warned.size(),
          skipped + " skipped: " + warned);
      assertTrue(warned.get(0).contains("(dockcount.backup.interval is shorter than a backup "
          + "of this store takes)"), warned.get(0));
      assertTrue(Files.list(settings.backupDir()).anyMatch(p -> p.toString().endsWith(".zip")));
    } finally {
      logger.detachAppender(log);
    }
  }

  /** Returns the lines logged up to and with the first backup's end after skipped ticks. */
  private static List<String> awaitEnd(ListAppender<ILoggingEvent> log)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      List<String> all = lines(log);
      for (int i = 0; i < all.size(); i++) {
        if (WRITTEN.matcher(all.get(i)).find()) {
          return all.subList(0, i + 1);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no backup ended after skipped ticks: " + lines(log));
  }

  private static List<String> lines(ListAppender<ILoggingEvent> log) {
    synchronized (log) { // AppenderBase appends holding the appender's lock
      return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
