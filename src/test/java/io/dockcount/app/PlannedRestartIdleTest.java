package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.CoordinatedShutdown;
import com.typesafe.config.ConfigFactory;
import io.dockcount.console.ConsoleFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planned restart waits for the stations to be idle: while scans keep coming in, a service
 * long past its {@code restart-after} runs on; once they stop for {@code restart-idle}, it stops.
 */
final class PlannedRestartIdleTest {
  @Test
  void scansComingIn_noRestart_thenIdle_stopsForItsPlannedRestart(@TempDir Path dir)
      throws Exception {
    try (ConsoleFixture f = new ConsoleFixture(dir, "{}", ConfigFactory.parseMap(Map.of(
        // Idle long enough that the fixture's console is up before a restart could be due.
        "dockcount.store.restart-after", "1s", "dockcount.store.restart-idle", "6s",
        "dockcount.store.restart-hours", "00:00-24:00")))) {
      java.util.concurrent.CompletableFuture<?> ended =
          f.service.system().getWhenTerminated().toCompletableFuture();

      // 9 s of counting, a scan every 600 ms: well past restart-after, never idle for 6 s.
      for (int i = 0; i < 15; i++) {
        f.count("A-01-01-A", "0100", 1);
        Thread.sleep(600);
      }
      boolean endedWhileCounting = ended.isDone();
      ended.get(30, TimeUnit.SECONDS); // then idle: the restart comes within seconds

      assertFalse(endedWhileCounting, "the service stopped while scans were coming in");
      assertTrue(ended.isDone());
      Optional<CoordinatedShutdown.Reason> why =
          CoordinatedShutdown.get(f.service.system()).getShutdownReason();
      assertEquals(Optional.of(Guardian.PlannedRestartReason.INSTANCE), why);
    }
  }
}
