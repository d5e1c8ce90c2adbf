package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.CoordinatedShutdown;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Dead letters: a warning while the service runs, nothing once it is stopping. */
final class DeadLetterLogTest {
  /** A message of ours, as a zone's run save or a station's answer would be. */
  record Ping(String text) {}

  private static List<String> warnings(ListAppender<ILoggingEvent> appender) {
    synchronized (appender) {
      return appender.list.stream().filter(e -> e.getLevel().equals(Level.WARN))
          .map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Test
  void messageToAStoppedActor_warnedWhileRunning_notOnceStopping() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(DeadLetterLog.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString(
        "akka.log-dead-letters = off\nakka.coordinated-shutdown.exit-jvm = off")
        .withFallback(ConfigFactory.load()));
    try {
      kit.spawn(DeadLetterLog.create(), "dead-letters");
      ActorRef<Ping> gone = kit.spawn(Behaviors.stopped(), "gone");
      TestProbe<Object> watcher = kit.createTestProbe();
      watcher.expectTerminated(gone, Duration.ofSeconds(5));
      Thread.sleep(200); // the logger's subscription is in place

      gone.tell(new Ping("+15551234567"));
      watcher.awaitAssert(Duration.ofSeconds(5), () -> {
        assertEquals(1, warnings(appender).size());
        return null;
      });
      // As the service stops its zones: a message still on its way while the system lives.
      CoordinatedShutdown shutdown = CoordinatedShutdown.get(kit.system());
      shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "late-message", () -> {
        gone.tell(new Ping("at the stop"));
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> akka.Done.getInstance(),
            java.util.concurrent.CompletableFuture.delayedExecutor(300,
                java.util.concurrent.TimeUnit.MILLISECONDS));
      });
      shutdown.runAll(CoordinatedShutdown.unknownReason()).toCompletableFuture().get();

      String warning = warnings(appender).get(0);
      assertTrue(warning.startsWith("a " + Ping.class.getName() + " to akka://"), warning);
      assertTrue(warning.endsWith("/user/gone was not delivered: its addressee had stopped"),
          warning);
      assertTrue(!warning.contains("1555"), "no message content: " + warning);
      assertEquals(1, warnings(appender).size(), "nothing once stopping");
    } finally {
      kit.shutdownTestKit();
      logger.detachAppender(appender);
    }
  }
}
