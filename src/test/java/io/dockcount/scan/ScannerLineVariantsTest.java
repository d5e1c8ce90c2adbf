package io.dockcount.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.station.CountRecord;
import io.dockcount.core.station.EachesTable;
import io.dockcount.core.station.Feedback;
import io.dockcount.core.station.RejectedScan;
import io.dockcount.core.station.StationEvent;
import io.dockcount.core.station.StationRules;
import io.dockcount.core.station.StationSession;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a misconfigured or noisy scanner sends down a real serial line (socat pseudo-terminals
 * read through jSerialComm): terminator variants, a scan split between reads, stray and
 * non-text bytes, an over-long line, FNC1 as a byte and as text, a repeated scan. Every frame
 * gives one station event, its feedback, and the count in eaches or the reason it counted none.
 */
@Timeout(60)
final class ScannerLineVariantsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String EACH = "]E05412345000013";
  private static ActorTestKit testKit;

  @BeforeAll
  static void startKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopKit() {
    testKit.shutdownTestKit();
  }

  /** A station on the pair's host end, logged in at B-01-02, and its output probe. */
  private static TestProbe<StationActor.Output> station(SocatPair pair, String id)
      throws Exception {
    return station(pair, id, "");
  }

  /** As above, with {@code padding} the first bytes the opened port reads. */
  private static TestProbe<StationActor.Output> station(SocatPair pair, String id,
      String padding) throws Exception {
    BarcodeTable table = BarcodeTable.read(new StringReader("""
        05412345000013,00913,EA
        15412345000010,00913,CS
        """)).table();
    StationSession session = new StationSession(id, "B", StationRules.defaults(),
        BarcodeDecoder.withSupportedAis(2026), table,
        EachesTable.of(Map.of("00913", Map.of("CS", 12L))), null);
    ScannerSettings settings = new ScannerSettings(id, "B",
        new DeviceSelector.ByPath(pair.hostEnd().toString()), 9600, 8,
        ScannerSettings.Parity.NONE, 1, EnumSet.of(Framer.Terminator.CR, Framer.Terminator.LF),
        512, Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(500));
    TestProbe<StationActor.Output> out = testKit.createTestProbe();
    pair.plugIn();
    ActorRef<StationActor.Command> actor = testKit.spawn(StationActor.withScanner(settings,
        new JSerialCommSource(settings), session, out.ref()));
    out.expectMessageClass(StationActor.ScannerOnline.class, WAIT);
    pair.send(padding + "BADGE:E042\rLOC:B-01-02\r");
    List<StationEvent> opening = events(out, 2);
    assertInstanceOf(StationEvent.CounterChanged.class, opening.get(0));
    assertInstanceOf(StationEvent.LocationOpened.class, opening.get(1));
    return out;
  }

  private static List<StationEvent> events(TestProbe<StationActor.Output> out, int n) {
    List<StationEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(out.expectMessageClass(StationActor.ScanHandled.class, WAIT).event());
    }
    return events;
  }

  private static CountRecord counted(StationEvent e) {
    assertEquals(Feedback.GOOD, e.feedback(), e.toString());
    return assertInstanceOf(StationEvent.Counted.class, e).record();
  }

  private static RejectedScan rejected(StationEvent e) {
    assertEquals(Feedback.BAD, e.feedback(), e.toString());
    return assertInstanceOf(StationEvent.Rejected.class, e).scan();
  }

  @Test
  void terminators_lfOnlyCrOnlyCrLfCrLfAndLfCr_oneScanEach(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    try (SocatPair pair = new SocatPair(dir)) {
      TestProbe<StationActor.Output> out = station(pair, "DOCK-21");

      pair.send(EACH + "\n");
      pair.send(EACH + "\r");
      pair.send(EACH + "\r\n\r\n");
      pair.send(EACH + "\n\r");
      pair.send(EACH + "\r");
      pair.send("\n"); // the LF of that CR LF in a read of its own
      List<StationEvent> events = events(out, 5);

      for (StationEvent e : events) {
        CountRecord r = counted(e);
        assertEquals("00913", r.sku());
        assertEquals(1, r.eaches().getAsLong());
      }
      assertEquals(List.of(3L, 4L, 5L, 6L, 7L), events.stream().map(StationEvent::sequence)
          .toList());
      out.expectNoMessage(Duration.ofMillis(300));
    }
  }

  @Test
  void crNulSuffix_eachScanGreenAndNoRedAfterTheIncompleteScanWait(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    try (SocatPair pair = new SocatPair(dir)) {
      TestProbe<StationActor.Output> out = station(pair, "DOCK-26");

      pair.send(EACH + "\r\u0000");
      pair.send(EACH + "\r\u0000");
      List<StationEvent> events = events(out, 2);

      for (StationEvent e : events) {
        assertEquals(1, counted(e).eaches().getAsLong());
      }
      // The NUL left after the last CR must not come back as an incomplete scan (2 s here).
      out.expectNoMessage(Duration.ofMillis(2_600));
    }
  }

  /**
   * NULs a port reads before its first scan (the padding of a CR NUL suffix whose CR came
   * before the port opened, or fill a scanner sends as it connects) are padding there too: the
   * badge after them logs in, and no red "incomplete scan" follows.
   */
  @Test
  void nulBeforeTheFirstScanOnTheOpenedPort_paddingTheBadgeLogsIn(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    try (SocatPair pair = new SocatPair(dir)) {
      TestProbe<StationActor.Output> out = station(pair, "DOCK-27", "\u0000\u0000");

      pair.send(EACH + "\r\u0000");

      assertEquals(1, counted(events(out, 1).get(0)).eaches().getAsLong());
      out.expectNoMessage(Duration.ofMillis(2_600));
    }
  }

  @Test
  void splitReads_caseScanOverThreeReads_oneCountOfTwelveEaches(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    try (SocatPair pair = new SocatPair(dir)) {
      TestProbe<StationActor.Output> out = station(pair, "DOCK-22");

      for (String part : List.of("]I11541", "2345000", "010\r")) {
        pair.send(part);
        Thread.sleep(15); // paces the sender as a slow USB-serial bridge does, not a wait
      }
      CountRecord r = counted(events(out, 1).get(0));

      assertEquals("CS", r.unit());
      assertEquals(1, r.quantity());
      assertEquals(12, r.eaches().getAsLong());
      out.expectNoMessage(Duration.ofMillis(300));
    }
  }

  @Test
  void strayBytes_nulBomLatin1AndLongLine_eachRefusedRedWithItsReason(@TempDir Path dir)
      throws Exception {
    SocatPair.assumeSocat();
    try (SocatPair pair = new SocatPair(dir)) {
      TestProbe<StationActor.Output> out = station(pair, "DOCK-23");

      pair.send(EACH.substring(0, 6) + "\u0000" + EACH.substring(6) + "\r");
      pair.send("5412345\u00ef\u00bb\u00bf000013\r"); // a UTF-8 BOM inside the EAN-13
      pair.send("]E05412345000013\u00e9\r"); // a Latin-1 byte: no UTF-8
      pair.send("7".repeat(2048) + "\r");
      pair.send(EACH + "\r");
      List<StationEvent> events = events(out, 5);

      assertEquals("control byte 0x00 in frame", rejected(events.get(0)).reason());
      assertEquals(BarcodeDecoder.BYTE_ORDER_MARK, rejected(events.get(1)).reason());
      assertEquals(RejectedScan.Kind.SCANNER_SETUP, rejected(events.get(1)).kind());
      assertEquals(StationSession.NOT_TEXT, rejected(events.get(2)).reason());
      assertEquals("]E05412345000013\\xe9", rejected(events.get(2)).raw().escaped());
      assertEquals("frame longer than 512 bytes (2048 received)",
          rejected(events.get(3)).reason());
      assertEquals(1, counted(events.get(4)).eaches().getAsLong());
      out.expectNoMessage(Duration.ofMillis(300));
    }
  }

  @Test
  void fnc1_gsByteReadButTextStandInRefused(@TempDir Path dir) throws Exception {
    SocatPair.assumeSocat();
    try (SocatPair pair = new SocatPair(dir)) {
      TestProbe<StationActor.Output> out = station(pair, "DOCK-24");

      pair.send("]C10115412345000010" + "10ABC123\u001d17290331\r");
      pair.send("]C10115412345000010" + "10ABC123<GS>17290331\r");
      pair.send("0115412345000010" + "10ABC123\u001d17290331\r");
      List<StationEvent> events = events(out, 3);

      CountRecord r = counted(events.get(0));
      assertEquals("ABC123", r.lot());
      assertEquals(java.time.LocalDate.of(2029, 3, 31), r.expiry());
      assertEquals(12, r.eaches().getAsLong());
      assertEquals(BarcodeDecoder.SEPARATOR_AS_TEXT, rejected(events.get(1)).reason());
      assertEquals(BarcodeDecoder.GS1_WITHOUT_AIM, rejected(events.get(2)).reason());
      assertEquals("0115412345000010" + "10ABC123\\x1d17290331",
          rejected(events.get(2)).raw().escaped());
    }
  }

  /**
   * A scanner repeating a scan within 50 ms and a counter scanning the same item twice (or a
   * batch scanner uploading both at once) reach the station alike: both count. The station has
   * no debounce, since arrival time cannot tell them apart; the scanner's same-code delay is
   * the place to stop a repeat.
   */
  @Test
  void sameScanTwiceWithin50ms_bothCount(@TempDir Path dir) throws Exception {
    SocatPair.assumeSocat();
    try (SocatPair pair = new SocatPair(dir)) {
      TestProbe<StationActor.Output> out = station(pair, "DOCK-25");

      pair.send(EACH + "\r");
      pair.send(EACH + "\r");
      pair.send(EACH + "\r" + EACH + "\r");
      List<StationEvent> events = events(out, 4);

      assertEquals(4, events.stream().mapToLong(e -> counted(e).eaches().getAsLong()).sum());
      out.expectNoMessage(Duration.ofMillis(300));
    }
  }
}
