package io.dockcount.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.NotUsed;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.testkit.TestSubscriber;
import akka.stream.testkit.javadsl.TestSink;
import akka.util.ByteString;
import ch.qos.logback.classic.Level;
import io.dockcount.core.barcode.Framer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import scala.concurrent.duration.FiniteDuration;

/** The jSerialComm source against real pseudo-terminals made by socat. */
@Timeout(60)
final class ScannerSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static ActorTestKit testKit;

  @TempDir
  Path dir;
  private SocatPair socat;
  private UniqueKillSwitch running;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void makePair() {
    SocatPair.assumeSocat();
    socat = new SocatPair(dir);
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (running != null) {
      running.shutdown();
    }
    if (socat != null) {
      socat.close();
    }
  }

  private ScannerSettings settings() {
    return new ScannerSettings("DOCK-3", "B",
        new DeviceSelector.ByPath(socat.hostEnd().toString()), 9600, 8,
        ScannerSettings.Parity.NONE, 1, EnumSet.of(Framer.Terminator.CR, Framer.Terminator.LF),
        128, Duration.ofMillis(400), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(400));
  }

  private TestProbe<ScannerEvent> run() {
    ScannerSettings s = settings();
    return runTo(ScannerSource.create(s, new JSerialCommSource(s)));
  }

  private <T> TestProbe<T> runTo(Source<T, NotUsed> source) {
    TestProbe<T> probe = testKit.createTestProbe();
    running = source.viaMat(KillSwitches.single(), Keep.right())
        .to(Sink.foreach(probe.ref()::tell))
        .run(Materializer.matFromSystem(testKit.system()));
    return probe;
  }

  private static void expectFrame(TestProbe<ScannerEvent> probe, String text) {
    assertEquals(new ScannerEvent.FrameReceived(ByteString.fromString(text)),
        probe.expectMessageClass(ScannerEvent.FrameReceived.class, WAIT));
  }

  @Test
  void scanSplitOverThreeWrites_oneFrameOnlyWhenTerminated() throws Exception {
    socat.plugIn();
    TestProbe<ScannerEvent> probe = run();
    probe.expectMessageClass(ScannerEvent.Connected.class, WAIT);

    socat.send("]E0541");
    probe.expectNoMessage(Duration.ofMillis(30));
    socat.send("2345");
    probe.expectNoMessage(Duration.ofMillis(30));
    socat.send("000013\r");

    expectFrame(probe, "]E05412345000013");
    probe.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void scansSentBeforeThePortWasOpened_refusedEachWithItsBytesNewScansCounted()
      throws Exception {
    socat.plugIn();
    socat.send("A1\rB2\rC3");
    Thread.sleep(200); // the pty holds them, as a scanner's port does while nothing reads it
    TestProbe<ScannerEvent> probe = run();
    probe.expectMessageClass(ScannerEvent.Connected.class, WAIT);

    String why = "sent while dockcount was not reading this scanner (before it was opened): "
        + "not counted, scan it again";
    assertEquals(new ScannerEvent.SentBeforeOpen(ByteString.fromString("A1"), why),
        probe.expectMessageClass(ScannerEvent.SentBeforeOpen.class, WAIT));
    assertEquals(new ScannerEvent.SentBeforeOpen(ByteString.fromString("B2"), why),
        probe.expectMessageClass(ScannerEvent.SentBeforeOpen.class, WAIT));
    assertEquals(new ScannerEvent.SentBeforeOpen(ByteString.fromString("C3"), why),
        probe.expectMessageClass(ScannerEvent.SentBeforeOpen.class, WAIT));
    socat.send("D4\r");
    expectFrame(probe, "D4");
    probe.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void severalFramesInOneWrite_eachOnceInOrder() throws Exception {
    socat.plugIn();
    TestProbe<ScannerEvent> probe = run();
    probe.expectMessageClass(ScannerEvent.Connected.class, WAIT);

    socat.send("5412345000013\r\n]E455123457\r\rBADGE:E042\n");

    expectFrame(probe, "5412345000013");
    expectFrame(probe, "]E455123457");
    expectFrame(probe, "BADGE:E042");
    probe.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void framesOnly_skipsConnectionEvents() throws Exception {
    socat.plugIn();
    ScannerSettings s = settings();
    TestProbe<ByteString> probe = runTo(ScannerSource.frames(s, new JSerialCommSource(s)));
    socat.awaitHostEndOpen(); // no Connected event to wait for here

    socat.send("A1\rB2\u0007\rC3\r");

    assertEquals(ByteString.fromString("A1"), probe.receiveMessage(WAIT));
    assertEquals(ByteString.fromString("C3"), probe.receiveMessage(WAIT));
    probe.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void unterminatedScan_rejectedAsIncompleteAfterIdleTimeoutAndWarned() throws Exception {
    socat.plugIn();
    TestProbe<ScannerEvent> probe = run();
    probe.expectMessageClass(ScannerEvent.Connected.class, WAIT);

    ScannerEvent.FrameRejected bad;
    List<String> warnings;
    try (LogCapture log = new LogCapture(ScannerSource.class)) {
      socat.send("]E05412");
      bad = probe.expectMessageClass(ScannerEvent.FrameRejected.class, WAIT);
      warnings = log.messages(Level.WARN);
    }

    assertEquals(ByteString.fromString("]E05412"), bad.bytes());
    assertEquals("incomplete scan: no terminator within 400 ms", bad.reason());
    assertEquals(List.of("DOCK-3: incomplete scan: no terminator within 400 ms; bytes received:"
        + " ]E05412"), warnings);
    socat.send("5412345000013\r");
    expectFrame(probe, "5412345000013");
  }

  @Test
  void unplugAndReplug_reconnectsAndReadsNewScansOnce() throws Exception {
    socat.plugIn();
    TestProbe<ScannerEvent> probe = run();
    String firstDevice = probe.expectMessageClass(ScannerEvent.Connected.class, WAIT).device();
    for (int i = 0; i < 3; i++) {
      socat.send("SCAN-" + i + "\r");
      expectFrame(probe, "SCAN-" + i);
    }

    socat.unplug();
    ScannerEvent.Disconnected gone =
        probe.expectMessageClass(ScannerEvent.Disconnected.class, WAIT);
    probe.expectNoMessage(Duration.ofMillis(600));
    socat.plugIn();
    String secondDevice = probe.expectMessageClass(ScannerEvent.Connected.class, WAIT).device();
    socat.send("SCAN-3\rSCAN-4\r");

    assertEquals("DOCK-3", gone.station());
    assertTrue(firstDevice.startsWith("/dev/pts/"), firstDevice);
    assertTrue(secondDevice.startsWith("/dev/pts/"), secondDevice);
    expectFrame(probe, "SCAN-3");
    expectFrame(probe, "SCAN-4");
    probe.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void deviceAbsentAtStart_offlineWarnedOnceThenConnectsWhenItAppears() throws Exception {
    ScannerEvent.Connected up;
    List<String> warnings;
    List<String> infos;
    TestProbe<ScannerEvent> probe;
    try (LogCapture log = new LogCapture(ScannerSource.class)) {
      probe = run();
      probe.expectMessageClass(ScannerEvent.Disconnected.class, WAIT);
      probe.expectNoMessage(Duration.ofMillis(900));
      socat.plugIn();
      up = probe.expectMessageClass(ScannerEvent.Connected.class, WAIT);
      warnings = log.messages(Level.WARN);
      infos = log.messages(Level.INFO);
    }
    socat.send("LOC:A-01-02\r");

    assertEquals(1, warnings.size(), "retries while absent are not warned again: " + warnings);
    assertTrue(warnings.get(0).startsWith("DOCK-3: scanner offline"), warnings.get(0));
    assertEquals(1, infos.size(), infos.toString());
    assertTrue(infos.get(0).startsWith("DOCK-3: scanner back online at /dev/pts/"), infos.get(0));

    assertNotEquals(socat.hostEnd().toString(), up.device(), "the link is resolved");
    expectFrame(probe, "LOC:A-01-02");
  }

  @Test
  void slowConsumer_backpressuresTheReaderAndLosesNothing() throws Exception {
    socat.plugIn();
    ScannerSettings s = settings();
    TestSubscriber.Probe<ScannerEvent> sub = ScannerSource.create(s, new JSerialCommSource(s))
        .runWith(TestSink.probe(testKit.system().classicSystem()),
            Materializer.matFromSystem(testKit.system()));
    FiniteDuration wait = FiniteDuration.create(5, TimeUnit.SECONDS);
    try {
      sub.request(1);
      assertInstanceOf(ScannerEvent.Connected.class, sub.expectNext(wait));
      StringBuilder burst = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        burst.append(String.format("F%02d\r", i));
      }

      socat.send(burst.toString());
      sub.expectNoMessage(Duration.ofMillis(200));
      sub.request(40);

      for (int i = 0; i < 40; i++) {
        assertEquals(new ScannerEvent.FrameReceived(ByteString.fromString(
            String.format("F%02d", i))), sub.expectNext(wait));
      }
      sub.request(1);
      sub.expectNoMessage(Duration.ofMillis(200));
    } finally {
      sub.cancel();
    }
  }
}
