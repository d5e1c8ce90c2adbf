package io.dockcount.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.util.ByteString;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.station.CountRecord;
import io.dockcount.core.station.Feedback;
import io.dockcount.core.station.StationEvent;
import io.dockcount.core.station.StationRules;
import io.dockcount.core.station.StationSession;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
final class StationActorTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String BARCODES = """
      05412345000013,00913,EA
      15412345000010,00913,CS
      00012345678905,0012345,EA
      """;
  private static ActorTestKit testKit;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  private static StationSession session(String station, String zone) {
    BarcodeTable table = BarcodeTable.read(new StringReader(BARCODES)).table();
    return new StationSession(station, zone, StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), table, null, null);
  }

  private static void send(ActorRef<StationActor.Command> station, ScannerEvent e) {
    TestProbe<Done> ack = testKit.createTestProbe();
    station.tell(new StationActor.HandleScannerEvent(e, ack.ref()));
    ack.expectMessage(WAIT, Done.getInstance());
  }

  private static ScannerEvent frame(String text) {
    return new ScannerEvent.FrameReceived(ByteString.fromString(text));
  }

  @Test
  void frames_eachGivesOneOutputWithFeedback() {
    TestProbe<StationActor.Output> out = testKit.createTestProbe();
    ActorRef<StationActor.Command> station =
        testKit.spawn(StationActor.create(session("DOCK-1", "A"), "A", out.ref()));

    for (String text : List.of("BADGE:E042", "LOC:A-01-02", "]E05412345000013", "junk")) {
      send(station, frame(text));
    }
    send(station, new ScannerEvent.FrameRejected(ByteString.fromString("]E054"),
        "incomplete scan: no terminator within 2000 ms"));

    List<StationEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(out.expectMessageClass(StationActor.ScanHandled.class, WAIT).event());
    }
    CountRecord r = ((StationEvent.Counted) events.get(2)).record();
    assertEquals("00913", r.sku());
    assertEquals("A", r.zone());
    assertEquals(Feedback.GOOD, events.get(2).feedback());
    assertEquals(Feedback.BAD, events.get(3).feedback());
    StationEvent.Rejected incomplete = (StationEvent.Rejected) events.get(4);
    assertEquals("]E054", incomplete.scan().raw().escaped());
    assertEquals(5, incomplete.sequence());
  }

  @Test
  void scannerEvents_offlineAlertAndStatus() {
    TestProbe<StationActor.Output> out = testKit.createTestProbe();
    TestProbe<StationActor.Status> status = testKit.createTestProbe();
    ActorRef<StationActor.Command> station =
        testKit.spawn(StationActor.create(session("DOCK-2", "C"), "C", out.ref()));

    send(station, new ScannerEvent.Connected("DOCK-2", "/dev/ttyACM0"));
    send(station, new ScannerEvent.Disconnected("DOCK-2", "read failed"));
    station.tell(new StationActor.GetStatus(status.ref()));

    assertEquals("/dev/ttyACM0",
        out.expectMessageClass(StationActor.ScannerOnline.class, WAIT).device());
    assertEquals("DOCK-2 scanner offline",
        out.expectMessageClass(StationActor.ScannerOffline.class, WAIT).alert());
    StationActor.Status s = status.receiveMessage(WAIT);
    assertEquals("C", s.zone());
    assertTrue(!s.online());
  }

  @Test
  void bytesWaitingAtPortOpen_refusedAndKept_butNoScanForItsIdleness() {
    FakePorts ports = new FakePorts();
    ports.sentBeforeOpen("]E05412345000013\rLOC:A-0"); // the restart's or the plug-in's noise
    ScannerSettings settings = new ScannerSettings("DOCK-5", "A",
        new DeviceSelector.ByPath("/dev/fake"), 9600, 8, ScannerSettings.Parity.NONE, 1,
        EnumSet.of(Framer.Terminator.CR), 256, Duration.ofSeconds(2), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(500));
    TestProbe<StationActor.Output> out = testKit.createTestProbe();
    TestProbe<StationActor.Status> status = testKit.createTestProbe();
    ActorRef<StationActor.Command> station = testKit.spawn(StationActor.withScanner(settings,
        ports, session("DOCK-5", "A"), out.ref()));
    out.expectMessageClass(StationActor.ScannerOnline.class, WAIT);

    List<StationEvent> refused = List.of(
        out.expectMessageClass(StationActor.ScanHandled.class, WAIT).event(),
        out.expectMessageClass(StationActor.ScanHandled.class, WAIT).event());
    station.tell(new StationActor.GetStatus(status.ref()));
    java.time.Instant afterOpen = status.receiveMessage(WAIT).lastFrame();
    ports.feed("junk\r"); // a counter's read, refused: a scan
    out.expectMessageClass(StationActor.ScanHandled.class, WAIT);
    station.tell(new StationActor.GetStatus(status.ref()));
    java.time.Instant afterRead = status.receiveMessage(WAIT).lastFrame();

    for (StationEvent e : refused) {
      assertInstanceOf(StationEvent.Rejected.class, e, "kept as a refused scan: " + e);
      assertTrue(((StationEvent.Rejected) e).scan().reason().startsWith("sent while dockcount "
          + "was not reading this scanner"), e.toString());
    }
    assertEquals(null, afterOpen, "no counter scanned: the station is as idle as before");
    assertTrue(afterRead != null, "a refused read by a counter is a scan");
    testKit.stop(station);
  }

  /** Field report F15, with socat pseudo-terminals behind a by-id style symlink. */
  @Test
  void f15_unplugAndReenumerate_reconnectsByStableNameAndKeepsScansOnce(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    SocatPair dock3 = new SocatPair(dir.resolve("dock3"));
    SocatPair other = new SocatPair(dir.resolve("other"));
    Files.createDirectories(dir.resolve("dock3"));
    Files.createDirectories(dir.resolve("other"));
    Path byId = dir.resolve("serial/by-id/usb-ACME_Scanner_SN0001-if00");
    Files.createDirectories(byId.getParent());
    Files.createSymbolicLink(byId, dock3.hostEnd());
    ScannerSettings settings = new ScannerSettings("DOCK-3", "B",
        new DeviceSelector.ByPath(byId.toString()), 9600, 8, ScannerSettings.Parity.NONE, 1,
        EnumSet.of(Framer.Terminator.CR, Framer.Terminator.LF), 256, Duration.ofSeconds(2),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500));
    TestProbe<StationActor.Output> out = testKit.createTestProbe();
    try (dock3; other) {
      dock3.plugIn();
      ActorRef<StationActor.Command> station = testKit.spawn(StationActor.withScanner(settings,
          new JSerialCommSource(settings), session("DOCK-3", "B"), out.ref()));
      String before = out.expectMessageClass(StationActor.ScannerOnline.class, WAIT).device();
      dock3.send("BADGE:E042\rLOC:B-01-01\r");
      for (int i = 0; i < 10; i++) {
        dock3.send("]E05412345000013\r");
      }
      List<CountRecord> counted = new ArrayList<>(counted(out, 12));
      assertEquals(10, counted.size());

      // cable pulled: the old node goes, another scanner appears and may take its number
      dock3.unplug();
      long unpluggedAt = System.nanoTime();
      StationActor.ScannerOffline offline =
          out.expectMessageClass(StationActor.ScannerOffline.class, WAIT);
      Duration detection = Duration.ofNanos(System.nanoTime() - unpluggedAt);
      other.plugIn();
      other.send("]E00012345678905\r");
      out.expectNoMessage(Duration.ofMillis(500));
      dock3.plugIn();
      StationActor.ScannerOnline back =
          out.expectMessageClass(StationActor.ScannerOnline.class, WAIT);
      dock3.send("]C10115412345000010\r]E05412345000013\r");
      counted.addAll(counted(out, 2));

      assertEquals("DOCK-3 scanner offline", offline.alert());
      assertTrue(detection.compareTo(Duration.ofSeconds(2)) < 0, "detected in " + detection);
      assertEquals("B", back.zone());
      assertNotEquals(before, back.device(), "re-enumerated under another node");
      assertEquals(12, counted.size());
      Set<Long> sequences = new HashSet<>();
      for (CountRecord r : counted) {
        assertEquals("B", r.zone());
        assertEquals("B-01-01", r.location());
        assertEquals("00913", r.sku());
        assertTrue(sequences.add(r.sequence()), "scan " + r.sequence() + " delivered twice");
      }
      assertEquals("CS", counted.get(10).unit());
      out.expectNoMessage(Duration.ofMillis(300));
      testKit.stop(station);
    }
  }

  /** A 2D imager sending GS1 Digital Link QR codes down a real serial line (socat pty). */
  @Test
  void digitalLinkOverTheSerialLine_countedAsItsGtinLotAndExpiry(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    SocatPair dock4 = new SocatPair(dir);
    ScannerSettings settings = new ScannerSettings("DOCK-4", "B",
        new DeviceSelector.ByPath(dock4.hostEnd().toString()), 9600, 8,
        ScannerSettings.Parity.NONE, 1, EnumSet.of(Framer.Terminator.CR), 256,
        Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(500));
    TestProbe<StationActor.Output> out = testKit.createTestProbe();
    try (dock4) {
      dock4.plugIn();
      ActorRef<StationActor.Command> station = testKit.spawn(StationActor.withScanner(settings,
          new JSerialCommSource(settings), session("DOCK-4", "B"), out.ref()));
      out.expectMessageClass(StationActor.ScannerOnline.class, WAIT);
      dock4.send("BADGE:E042\rLOC:B-01-02\r");
      dock4.send("]Q1https://id.gs1.org/01/15412345000010/10/ABC123?17=271231&utm_source=qr\r");
      dock4.send("]Q1https://id.gs1.org/01/15412345000010/21/9/10/ABC123\r");

      List<StationEvent> events = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        events.add(out.expectMessageClass(StationActor.ScanHandled.class, WAIT).event());
      }
      CountRecord r = ((StationEvent.Counted) events.get(2)).record();
      assertEquals("00913", r.sku());
      assertEquals("CS", r.unit());
      assertEquals("ABC123", r.lot());
      assertEquals(java.time.LocalDate.of(2027, 12, 31), r.expiry());
      assertEquals("15412345000010", r.gtin());
      StationEvent.Rejected outOfOrder = (StationEvent.Rejected) events.get(3);
      assertTrue(outOfOrder.scan().detail().contains("path qualifiers (21) (10) out of order"),
          outOfOrder.scan().toString());
      testKit.stop(station);
    }
  }

  private static List<CountRecord> counted(TestProbe<StationActor.Output> out, int frames) {
    List<CountRecord> records = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      StationActor.ScanHandled h = out.expectMessageClass(StationActor.ScanHandled.class, WAIT);
      if (h.event() instanceof StationEvent.Counted c) {
        records.add(c.record());
      } else {
        assertInstanceOf(StationEvent.class, h.event());
      }
    }
    return records;
  }
}
