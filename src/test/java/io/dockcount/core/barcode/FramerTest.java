package io.dockcount.core.barcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class FramerTest {
  private static List<Framer.Output> feed(Framer f, String... reads) {
    List<Framer.Output> out = new ArrayList<>();
    for (String r : reads) {
      byte[] b = r.getBytes(StandardCharsets.ISO_8859_1);
      out.addAll(f.accept(b, 0, b.length));
    }
    return out;
  }

  private static Framer.Frame frame(String text) {
    return new Framer.Frame(RawBytes.copyOf(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\n", "\r", "\n", "\r\r", "\n\r", "\r\n\r\n"})
  void accept_anyCrLfEnding_exactlyOneFrame(String ending) {
    List<Framer.Output> out = feed(Framer.crLf(), "5412345000013" + ending);

    assertEquals(List.of(frame("5412345000013")), out);
  }

  @Test
  void accept_tabTerminatorConfigured_oneFrame() {
    Framer f = new Framer(EnumSet.of(Framer.Terminator.TAB, Framer.Terminator.CR), 64);

    assertEquals(List.of(frame("5412345000013")), feed(f, "5412345000013\t"));
  }

  @Test
  void accept_splitAcrossReads_oneFrameOnlyAtTerminator() {
    Framer f = Framer.crLf();

    assertTrue(feed(f, "]E0541").isEmpty());
    assertTrue(feed(f, "2345").isEmpty());
    assertEquals("]E05412345", f.pending().escaped());
    assertEquals(List.of(frame("]E05412345000013")), feed(f, "000013\r"));
    assertFalse(f.hasPending());
  }

  @Test
  void accept_crLfSplitBetweenReads_noExtraFrame() {
    Framer f = Framer.crLf();

    assertEquals(List.of(frame("A1")), feed(f, "A1\r"));
    assertTrue(feed(f, "\nB2").isEmpty());
    assertEquals(List.of(frame("B2")), feed(f, "\r\n"));
  }

  @Test
  void accept_severalFramesInOneRead_allInOrder() {
    List<Framer.Output> out = feed(Framer.crLf(), "A1\r\nB2\rC3\n\nD");

    assertEquals(List.of(frame("A1"), frame("B2"), frame("C3")), out);
  }

  @Test
  void accept_gsInsideFrame_kept() {
    List<Framer.Output> out = feed(Framer.crLf(), "]C11012\u001d17290331\r");

    assertEquals(List.of(frame("]C11012\u001d17290331")), out);
  }

  @Test
  void accept_otherControlByte_badFrameWithRawBytes() {
    List<Framer.Output> out = feed(Framer.crLf(), "AB\u0000C\rOK\r");

    assertEquals(new Framer.BadFrame(RawBytes.copyOf(new byte[] {'A', 'B', 0, 'C'}),
        "control byte 0x00 in frame"), out.get(0));
    assertEquals(frame("OK"), out.get(1));
  }

  @Test
  void accept_crNulSuffix_nulIsPaddingNotAFrameNorTheNextScansStart() {
    Framer f = Framer.crLf();

    List<Framer.Output> out = feed(f, "ABC\r\u0000DEF\r\u0000\u0000");

    assertEquals(List.of(frame("ABC"), frame("DEF")), out);
    assertFalse(f.hasPending(), "a trailing NUL left waiting would be flushed as a red scan");
  }

  @Test
  void accept_nulBeforeTheFirstScanOrAnStx_paddingNeverARedScan() {
    Framer crLf = Framer.crLf();
    Framer stxEtx = new Framer(Set.of(Framer.Terminator.ETX), 64);

    List<Framer.Output> first = feed(crLf, "\u0000\u0000AB\r");
    List<Framer.Output> framed = feed(stxEtx,
        "\u0000\u0002AB\u0003\u0000\u0000\u0002CD\u0003");
    Framer lone = Framer.crLf();
    feed(lone, "\u0000");

    assertEquals(List.of(frame("AB")), first);
    assertEquals(List.of(frame("AB"), frame("CD")), framed);
    assertFalse(lone.hasPending(), "a NUL left waiting is flushed as a red incomplete scan");
  }

  @Test
  void accept_nulInsideAFrame_stillRefused() {
    List<Framer.Output> out = feed(Framer.crLf(), "C\u0000D\rE\u0000\r");

    assertEquals(new Framer.BadFrame(RawBytes.copyOf(new byte[] {'C', 0, 'D'}),
        "control byte 0x00 in frame"), out.get(0));
    assertEquals(new Framer.BadFrame(RawBytes.copyOf(new byte[] {'E', 0}),
        "control byte 0x00 in frame"), out.get(1));
  }

  @Test
  void accept_tooLong_badFrameThenRecovers() {
    Framer f = new Framer(Set.of(Framer.Terminator.CR), 4);

    List<Framer.Output> out = feed(f, "ABCDEFG\rXY\r");

    assertEquals(new Framer.BadFrame(RawBytes.copyOf("ABCD".getBytes(StandardCharsets.US_ASCII)),
        "frame longer than 4 bytes (7 received)"), out.get(0));
    assertEquals(frame("XY"), out.get(1));
  }

  @Test
  void accept_stxEtxFraming_stxStripped() {
    Framer f = new Framer(Set.of(Framer.Terminator.ETX), 64);

    assertEquals(List.of(frame("123")), feed(f, "\u0002123\u0003"));
  }

  @Test
  void flushIncomplete_pendingBytes_badFrameAndReset() {
    Framer f = Framer.crLf();
    feed(f, "]E05412");

    Framer.BadFrame bad = f.flushIncomplete("no terminator within 2000 ms");

    assertEquals("]E05412", bad.raw().escaped());
    assertEquals("incomplete scan: no terminator within 2000 ms", bad.reason());
    assertNull(f.flushIncomplete("again"));
    assertEquals(List.of(frame("77")), feed(f, "77\r"));
  }

  @Test
  void constructor_badSettings_refused() {
    assertThrows(IllegalArgumentException.class, () -> new Framer(Set.of(), 10));
    assertThrows(IllegalArgumentException.class,
        () -> new Framer(Set.of(Framer.Terminator.CR), 0));
    assertThrows(IllegalArgumentException.class, () -> Framer.Terminator.parse("NUL"));
    assertEquals(Framer.Terminator.LF, Framer.Terminator.parse(" lf "));
  }

  @Test
  void rawBytes_escaped_showsControlBytes() {
    assertEquals("A\\x1dB\\x0d\\\\", RawBytes.copyOf(new byte[] {'A', 0x1d, 'B', 13, '\\'})
        .escaped());
  }
}
