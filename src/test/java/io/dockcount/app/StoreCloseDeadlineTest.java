package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The store is closed and compacted in the shutdown phase before the actor system ends, at a
 * SIGTERM and at a planned restart alike: past that phase's timeout Akka ends the system, run
 * exits, and the compaction the restart stops for is cut off with the file half rewritten.
 */
final class StoreCloseDeadlineTest {
  @Test
  void closeStorePhase_outlastsTheJournalFlushWithRoomToCompact_insideTheUnitsStopTimeout()
      throws Exception {
    String unit = Files.readString(Path.of("systemd", "dockcount.service"));
    Matcher m = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$").matcher(unit);
    assertTrue(m.find(), "the unit states its TimeoutStopSec");
    Duration stopTimeout = Duration.ofSeconds(Long.parseLong(m.group(1)));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "close-deadline",
        ConfigFactory.load());
    Duration close;
    Duration before;
    Duration after;
    try {
      CoordinatedShutdown cs = CoordinatedShutdown.get(system);
      close = Duration.ofMillis(cs.timeout(CoordinatedShutdown.PhaseBeforeActorSystemTerminate())
          .toMillis());
      before = Duration.ofMillis(cs.timeout(CoordinatedShutdown.PhaseServiceStop()).toMillis());
      after = Duration.ofMillis(cs.timeout(CoordinatedShutdown.PhaseActorSystemTerminate())
          .toMillis());
    } finally {
      system.terminate();
    }

    // The journal's own wait, and at least as long again for SHUTDOWN COMPACT of a week's file.
    assertTrue(close.compareTo(Guardian.JOURNAL_FLUSH_WAIT.multipliedBy(2)) >= 0,
        "the store's close gets " + close + ", its journal flush alone may take "
            + Guardian.JOURNAL_FLUSH_WAIT);
    assertTrue(before.plus(close).plus(after).compareTo(stopTimeout) <= 0,
        "a stop of " + before.plus(close).plus(after) + " outlasts TimeoutStopSec " + stopTimeout);
  }
}
