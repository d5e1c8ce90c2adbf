package io.dockcount.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.util.ByteString;
import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reconnect and restart paths of {@link ScannerSource}, on an in-memory port. */
@Timeout(30)
final class ScannerSourceSupervisionTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static ActorTestKit testKit;

  private final FakePorts ports = new FakePorts();
  private UniqueKillSwitch running;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void stop() {
    if (running != null) {
      running.shutdown();
    }
  }

  private TestProbe<ScannerEvent> run() {
    TestProbe<ScannerEvent> probe = testKit.createTestProbe();
    ScannerSettings s = ScannerSettings.forPath("DOCK-5", "A", "/dev/unused");
    running = ScannerSource.create(s, ports)
        .viaMat(KillSwitches.single(), Keep.right())
        .to(Sink.foreach(probe.ref()::tell))
        .run(Materializer.matFromSystem(testKit.system()));
    return probe;
  }

  private static ScannerEvent frame(String text) {
    return new ScannerEvent.FrameReceived(ByteString.fromString(text));
  }

  @Test
  void nodeGoneWithoutReadError_disconnectedThenReopened() {
    TestProbe<ScannerEvent> probe = run();
    assertEquals("/dev/fake1", probe.expectMessageClass(ScannerEvent.Connected.class, WAIT)
        .device());

    ports.feed("A1\r]E054");
    probe.expectMessage(WAIT, frame("A1"));
    ports.setPresent(false);

    ScannerEvent.FrameRejected partial =
        probe.expectMessageClass(ScannerEvent.FrameRejected.class, WAIT);
    ScannerEvent.Disconnected gone = probe.expectMessageClass(ScannerEvent.Disconnected.class,
        WAIT);
    ports.setPresent(true);
    probe.expectMessageClass(ScannerEvent.Connected.class, WAIT);
    ports.feed("B2\r");
    probe.expectMessage(WAIT, frame("B2"));

    assertEquals("incomplete scan: scanner disconnected mid-scan", partial.reason());
    assertEquals(ByteString.fromString("]E054"), partial.bytes());
    assertEquals("device /dev/fake1 is gone", gone.reason());
  }

  @Test
  void unexpectedFailureInOpen_loggedAndReaderRestarted() {
    ports.failNextOpen(new IllegalStateException("driver bug"));
    TestProbe<ScannerEvent> probe;
    List<String> errors;
    try (LogCapture log = new LogCapture(ScannerSource.class)) {
      probe = run();
      probe.expectMessageClass(ScannerEvent.Connected.class, WAIT);
      errors = log.messages(Level.ERROR);
    }
    ports.feed("C3\r");

    probe.expectMessage(WAIT, frame("C3"));
    assertEquals(List.of("DOCK-5: scanner reader failed; it will be restarted"), errors);
    assertEquals(2, ports.opens.get());
  }

  @Test
  void unexpectedFailureInRead_restartedAndNothingReadTwice() {
    TestProbe<ScannerEvent> probe = run();
    probe.expectMessageClass(ScannerEvent.Connected.class, WAIT);
    ports.feed("D4\r");
    probe.expectMessage(WAIT, frame("D4"));

    ports.feed("]E05");
    ports.failNextRead(new IllegalStateException("driver bug"));
    ScannerEvent.FrameRejected partial =
        probe.expectMessageClass(ScannerEvent.FrameRejected.class, WAIT);
    probe.expectMessageClass(ScannerEvent.Connected.class, WAIT);
    ports.feed("E5\r");

    probe.expectMessage(WAIT, frame("E5"));
    probe.expectNoMessage(Duration.ofMillis(300));
    assertEquals("incomplete scan: scanner reader failed", partial.reason());
    assertEquals(2, ports.opens.get());
  }
}
