package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.scan.SocatPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A scanner lost is logged at WARN; its coming back, good news, at INFO. */
final class ScannerBackOnlineLogTest {
  @Test
  void scannerUnpluggedThenBack_offlineAtWarn_backOnlineAtInfo(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty"));
    Logger log = (Logger) LoggerFactory.getLogger(StationLink.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    log.addAppender(seen);
    try (SocatPair dock = new SocatPair(dir.resolve("pty")).plugIn();
        WiredService wired = new WiredService(dir,
            List.of(ScannerSettings.forPath("DOCK-2", "B", dock.hostEnd().toString())),
            Map.of(), "1h")) {
      dock.unplug();
      wired.awaitAlert(a -> a.startsWith("DOCK-2 scanner offline"));
      dock.plugIn();
      String back = wired.awaitAlert(a -> a.startsWith("DOCK-2 scanner back online"));

      assertEquals(Level.WARN, levelOf(seen, "DOCK-2 scanner offline"));
      assertEquals(Level.INFO, levelOf(seen, back));
    } finally {
      log.detachAppender(seen);
    }
  }

  private static Level levelOf(ListAppender<ILoggingEvent> seen, String start) {
    synchronized (seen) {
      List<Level> levels = seen.list.stream()
          .filter(e -> e.getFormattedMessage().startsWith(start)).map(ILoggingEvent::getLevel)
          .toList();
      assertTrue(levels.size() == 1, () -> "logged once: " + start + ": " + levels);
      return levels.get(0);
    }
  }
}
