package io.dockcount.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dockcount.core.barcode.BarcodeDecoder;
import io.dockcount.core.barcode.BarcodeTable;
import io.dockcount.core.barcode.Framer;
import io.dockcount.core.barcode.VariableMeasure;
import io.dockcount.core.station.StationRules;
import io.dockcount.core.station.StationSession;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan-check}'s read loop and JSON lines, reading a socat pseudo-terminal through
 * jSerialComm as in production; the test writes what a scanner sends into the other end.
 */
@Timeout(60)
final class ScanCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = """
      barcode,sku,uom
      036000291452,00913,EA
      10036000291459,00913,CS
      ABC-INNER,00042,IP
      012345000065,7700,EA
      """;

  @TempDir
  Path dir;
  private SocatPair socat;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private ScanCheck check;
  private CompletableFuture<ScanCheck.End> ended;

  @BeforeEach
  void plugIn() throws Exception {
    SocatPair.assumeSocat();
    socat = new SocatPair(dir).plugIn();
  }

  @AfterEach
  void unplug() throws Exception {
    if (check != null) {
      check.stop();
      check.awaitEnd(5_000);
    }
    if (socat != null) {
      socat.close();
    }
  }

  private void start(Set<Framer.Terminator> terminators, boolean withTable, long frames)
      throws Exception {
    start(terminators, BarcodeDecoder.withSupportedAis(2026),
        withTable ? BarcodeTable.read(new StringReader(TABLE)).table() : null, frames);
  }

  private void start(Set<Framer.Terminator> terminators, BarcodeDecoder decoder,
      BarcodeTable table, long frames) throws Exception {
    ScannerSettings s = new ScannerSettings("CHECK", "scan-check",
        new DeviceSelector.ByPath(socat.hostEnd().toString()), 9600, 8,
        ScannerSettings.Parity.NONE, 1, terminators, 64, Duration.ofMillis(300),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(400));
    FrameReport report = new FrameReport(decoder, table, StationRules.defaults());
    check = new ScanCheck(s, new JSerialCommSource(s), report,
        new PrintStream(new LineSink(lines), true, StandardCharsets.UTF_8));
    ended = CompletableFuture.supplyAsync(() -> {
      try {
        return check.run(frames);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(check.awaitOpen(10_000), "scan-check did not open the port");
  }

  private void start() throws Exception {
    start(EnumSet.of(Framer.Terminator.CR, Framer.Terminator.LF), true, 0);
  }

  private JsonNode next() throws Exception {
    String line = lines.poll(5, TimeUnit.SECONDS);
    assertNotNull(line, "no JSON line within 5 s");
    return JSON.readTree(line);
  }

  @Test
  void upcWithAimId_itemWithGtin14SkuUomQty() throws Exception {
    start();

    socat.send("]E0036000291452\r\n");
    JsonNode j = next();

    assertEquals("item", j.get("kind").asText());
    assertEquals("]E0036000291452", j.get("raw").asText());
    assertEquals("]E0", j.get("aim").asText());
    assertEquals("EAN/UPC", j.get("symbology").asText());
    assertEquals("00036000291452", j.get("gtin").asText());
    assertEquals("00913", j.get("sku").asText());
    assertEquals("EA", j.get("uom").asText());
    assertEquals(1, j.get("qty").asLong());
    assertEquals(1, j.get("n").asLong());
  }

  @Test
  void eightDigitsBothEan8AndUpcE_theReadingTheTableListsAsAtAStation() throws Exception {
    start();

    socat.send("01234565\r\n");
    JsonNode listed = next();
    socat.send("01700008\r\n");
    JsonNode neither = next();

    assertEquals("item", listed.get("kind").asText(), listed.toString());
    assertEquals("00012345000065", listed.get("gtin").asText());
    assertEquals("7700", listed.get("sku").asText());
    assertEquals("rejected", neither.get("kind").asText(), neither.toString());
    assertTrue(neither.toString().contains("both a valid EAN-8"), neither.toString());
  }

  @Test
  void gs1WithGroupSeparators_aisAsTextAndCountMultiplies() throws Exception {
    start();

    socat.send("]C1\u001d00106141411234567897021003600029145917270630\u001d10007\u001d3712\r");
    JsonNode j = next();

    assertEquals("item", j.get("kind").asText(), j.toString());
    assertEquals("]C1\\x1d00106141411234567897021003600029145917270630\\x1d10007\\x1d3712",
        j.get("raw").asText());
    assertEquals("GS1-128", j.get("symbology").asText());
    assertEquals("10036000291459", j.get("gtin").asText());
    assertEquals(List.of("00", "02", "17", "10", "37"), fieldNames(j.get("ais")));
    assertEquals("270630", j.get("ais").get("17").asText());
    assertTrue(j.get("ais").get("10").isTextual(), "AI values are text");
    assertEquals("007", j.get("ais").get("10").asText());
    assertEquals("CS", j.get("uom").asText());
    assertEquals(12, j.get("qty").asLong());
  }

  @Test
  void digitalLinkQrCode_aisOfTheLinkAndTheTablesItem() throws Exception {
    start();

    socat.send("]Q1https://id.gs1.org/01/00036000291452/10/L7?17=270630\r");
    JsonNode link = next();
    socat.send("https://id.gs1.org/01/00036000291453\r");
    JsonNode badCheckDigit = next();

    assertEquals("item", link.get("kind").asText(), link.toString());
    // as README's scan-check example shows it
    assertEquals("{\"n\":1,\"kind\":\"item\",\"raw\":\"]Q1https://id.gs1.org/01/00036000291452"
        + "/10/L7?17=270630\",\"aim\":\"]Q1\",\"symbology\":\"QR Code, GS1 Digital Link\","
        + "\"gtin\":\"00036000291452\",\"ais\":{\"01\":\"00036000291452\",\"10\":\"L7\","
        + "\"17\":\"270630\"},\"sku\":\"00913\",\"uom\":\"EA\",\"qty\":1}", link.toString());
    assertEquals("QR Code, GS1 Digital Link", link.get("symbology").asText());
    assertEquals("00036000291452", link.get("gtin").asText());
    assertEquals(List.of("01", "10", "17"), fieldNames(link.get("ais")));
    assertEquals("L7", link.get("ais").get("10").asText());
    assertEquals("00913", link.get("sku").asText());
    assertEquals(1, link.get("qty").asLong());
    assertEquals("rejected", badCheckDigit.get("kind").asText());
    assertEquals("GS1 Digital Link refused: AI (01) has a bad check digit: 00036000291453"
        + " (expected 2)", badCheckDigit.get("reason").asText());
  }

  @Test
  void scanSplitOverWrites_oneLineOnlyOnceTerminated() throws Exception {
    start();

    socat.send("]E00360");
    socat.send("0029");
    assertNull(lines.poll(150, TimeUnit.MILLISECONDS), "a partial scan printed too early");
    socat.send("1452\r");

    assertEquals("]E0036000291452", next().get("raw").asText());
    assertNull(lines.poll(150, TimeUnit.MILLISECONDS));
  }

  @Test
  void labelsMergedInOneWrite_locationControlQuantityInOrder() throws Exception {
    start();

    socat.send("BADGE:E042\rLOC:C-07-12-B\rQTY:12\rCTL:VOID\rCTL:CLOSE\r");
    List<JsonNode> got = List.of(next(), next(), next(), next(), next());

    assertEquals(List.of("control", "location", "control", "control", "control"),
        got.stream().map(j -> j.get("kind").asText()).toList());
    assertEquals("BADGE", got.get(0).get("control").asText());
    assertEquals("E042", got.get(0).get("value").asText());
    assertEquals("C-07-12-B", got.get(1).get("location").asText());
    assertEquals("C", got.get(1).get("zone").asText());
    assertEquals("12", got.get(2).get("value").asText());
    assertEquals("VOID", got.get(3).get("control").asText());
    assertEquals("CLOSE", got.get(4).get("control").asText());
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), got.stream().map(j -> j.get("n").asLong())
        .toList());
  }

  @Test
  void labelWithASpaceBeforeIt_rejectedWithTheStationsReason() throws Exception {
    start();

    socat.send(" LOC:C-07-12-B\r");
    JsonNode label = next();

    // The station refuses it as a label, never looks it up as a product.
    assertEquals("rejected", label.get("kind").asText(), label.toString());
    assertEquals(StationSession.LABEL_WITH_SPACE, label.get("reason").asText());
  }

  @Test
  void badgeWithASpaceLabelBehindALayoutAndSpaceAfterAnAimScan_rejectedAsAtAStation()
      throws Exception {
    start();

    socat.send("BADGE:E042 \r+C0LOC:C-07-12-B\r]E0036000291452 \r");
    List<JsonNode> got = List.of(next(), next(), next());

    got.forEach(j -> assertEquals("rejected", j.get("kind").asText(), j.toString()));
    assertEquals(StationSession.BADGE_WITH_SPACE + ": 'E042 '", got.get(0).get("reason")
        .asText());
    assertEquals(BarcodeDecoder.LAYOUT_MISMATCH, got.get(1).get("reason").asText());
    assertEquals(BarcodeDecoder.SPACES_AROUND, got.get(2).get("reason").asText());
  }

  @Test
  void labelsInLowerCase_reportedAsTheStationReadsThem() throws Exception {
    start();

    socat.send("loc:C-07-12-B\rctl:close\r");
    List<JsonNode> got = List.of(next(), next());

    assertEquals("location", got.get(0).get("kind").asText());
    assertEquals("C-07-12-B", got.get(0).get("location").asText());
    assertEquals("control", got.get(1).get("kind").asText());
    assertEquals("CLOSE", got.get(1).get("control").asText());
  }

  @Test
  void badCheckDigitUnknownBarcodeControlByte_rejectedWithReason() throws Exception {
    start();

    socat.send("]E0036000291453\r4006381333931\rAB\u0001C\rLOC:A-01 \rCTL:EXPLODE\r");
    List<JsonNode> got = List.of(next(), next(), next(), next(), next());

    got.forEach(j -> assertEquals("rejected", j.get("kind").asText(), j.toString()));
    assertTrue(got.get(0).get("reason").asText().contains("check digit"));
    assertTrue(got.get(1).get("reason").asText().startsWith("unknown barcode"));
    assertEquals("04006381333931", got.get(1).get("gtin").asText());
    assertEquals("control byte 0x01 in frame", got.get(2).get("reason").asText());
    assertEquals("AB\\x01C", got.get(2).get("raw").asText());
    assertTrue(got.get(3).get("reason").asText().startsWith("not a valid location code"));
    assertEquals("unknown control code 'EXPLODE'", got.get(4).get("reason").asText());
  }

  @Test
  void gs1WithoutAimIdOrWithFnc1AsText_rejectedNamingTheScannerSetting() throws Exception {
    start();

    socat.send("0110036000291459\r]C10110036000291459" + "10L1<GS>17290331\r");
    List<JsonNode> got = List.of(next(), next());

    assertEquals("rejected", got.get(0).get("kind").asText());
    assertEquals(BarcodeDecoder.GS1_WITHOUT_AIM + ": 0110036000291459 reads as (01)"
        + " 10036000291459", got.get(0).get("reason").asText());
    assertEquals("rejected", got.get(1).get("kind").asText());
    assertEquals(BarcodeDecoder.SEPARATOR_AS_TEXT, got.get(1).get("reason").asText());
  }

  @Test
  void variableMeasureLabels_priceCheckDigitWrong_rejectedNamingExpectedAndFound()
      throws Exception {
    VariableMeasure layouts = new VariableMeasure(List.of(new VariableMeasure.Layout("02", 5,
        true, VariableMeasure.Value.PRICE, 2), new VariableMeasure.Layout("23", 4, true,
        VariableMeasure.Value.WEIGHT_KG, 3)));
    start(EnumSet.of(Framer.Terminator.CR), BarcodeDecoder.withSupportedAis(2026)
        .withVariableMeasure(layouts), BarcodeTable.read(new StringReader("barcode,sku,uom\n"
            + "0212345000007,00914,PK\n2312340000007,00915,EA\n"), layouts).table(), 0);

    // 3.99 and 14.685 kg with their price check digits, then each with a wrong one.
    socat.send("]E0212345203996\r2312346146853\r]E0212345303993\r2312347146852\r");
    List<JsonNode> got = List.of(next(), next(), next(), next());

    assertEquals(List.of("item", "item", "rejected", "rejected"),
        got.stream().map(j -> j.get("kind").asText()).toList(), got::toString);
    assertEquals("00914", got.get(0).get("sku").asText());
    assertEquals("00212345000007", got.get(0).get("gtin").asText());
    assertEquals("00915", got.get(1).get("sku").asText());
    assertEquals(1, got.get(1).get("qty").asInt());
    assertEquals("bad price check digit in variable-measure code 212345303993 (variable-measure"
        + " layout for prefix 02 (price), value digits 0399): expected 2, found 3. A misprint or"
        + " a misread, never counted: scan it again, or key the item",
        got.get(2).get("reason").asText());
    assertTrue(got.get(3).get("reason").asText().contains("code 2312347146852 (variable-measure"
        + " layout for prefix 23 (weight-kg), value digits 14685): expected 6, found 7"),
        got.get(3)::toString);
    assertNull(got.get(3).get("sku"));
  }

  @Test
  void noBarcodeTable_itemDecodedWithoutSku() throws Exception {
    start(EnumSet.of(Framer.Terminator.CR), false, 0);

    socat.send("4006381333931\r");
    JsonNode j = next();

    assertEquals("item", j.get("kind").asText());
    assertEquals("04006381333931", j.get("gtin").asText());
    assertFalse(j.has("sku"));
    assertFalse(j.has("qty"));
  }

  @Test
  void quotesAndBackslashes_rawSurvivesJsonEscaping() throws Exception {
    start();

    socat.send("A\"B\\C\r");
    JsonNode j = next();

    assertEquals("A\"B\\\\C", j.get("raw").asText());
  }

  @Test
  void stxEtxFraming_andFrameLimit_endsAfterNFrames() throws Exception {
    start(EnumSet.of(Framer.Terminator.ETX, Framer.Terminator.TAB), true, 2);

    socat.send("\u0002]E0036000291452\u0003ABC-INNER\tLOC:A-01\t");

    assertEquals("00913", next().get("sku").asText());
    assertEquals("IP", next().get("uom").asText());
    assertEquals(ScanCheck.End.FRAMES_DONE, ended.get(5, TimeUnit.SECONDS));
    assertNull(lines.poll(100, TimeUnit.MILLISECONDS), "printed beyond --frames");
  }

  @Test
  void partialScanThenSilence_rejectedAsIncomplete() throws Exception {
    start();

    socat.send("]E003600");
    JsonNode j = next();

    assertEquals("rejected", j.get("kind").asText());
    assertEquals("]E003600", j.get("raw").asText());
    assertEquals("incomplete scan: no terminator within 300 ms", j.get("reason").asText());
  }

  @Test
  void scannerUnplugged_endsAndReportsThePartialScan() throws Exception {
    start();

    socat.send("LOC:A-01\r]E0036");
    assertEquals("location", next().get("kind").asText());
    socat.unplug();

    JsonNode j = next();
    assertEquals(ScanCheck.End.PORT_CLOSED, ended.get(10, TimeUnit.SECONDS));
    assertEquals("rejected", j.get("kind").asText());
    assertTrue(j.get("reason").asText().startsWith("incomplete scan:"), j.toString());
  }

  @Test
  void scanCheckCommand_printsJsonLinesUntilTheScannerIsUnplugged() throws Exception {
    Path table = dir.resolve("barcodes.csv");
    java.nio.file.Files.writeString(table, TABLE);
    LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(new LineSink(out), true, StandardCharsets.UTF_8));
    try {
      CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> io.dockcount.cli.Main
          .run("scan-check", "--port", socat.hostEnd().toString(), "--barcodes",
              table.toString(), "--terminators", "CR,LF", "--idle-timeout", "1s"));
      String first = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (first == null && System.nanoTime() < deadline) {
        socat.send("CTL:CLEAR\r");
        first = out.poll(200, TimeUnit.MILLISECONDS);
      }
      assertNotNull(first, "scan-check printed nothing within 20 s");
      out.clear();

      socat.send("]E0036000291452\r\n");
      JsonNode j = null;
      while (j == null && System.nanoTime() < deadline) {
        // A probe sent while the first answer was on its way may still come first.
        String line = out.poll(5, TimeUnit.SECONDS);
        JsonNode n = line == null ? null : JSON.readTree(line);
        j = n != null && n.get("kind").asText().equals("item") ? n : null;
      }
      socat.unplug();

      assertNotNull(j, "no item line for the product scan");
      assertEquals("00913", j.get("sku").asText());
      assertEquals(0, code.get(15, TimeUnit.SECONDS));
    } finally {
      System.setOut(saved);
    }
  }

  @Test
  void scanCheckCommand_layoutFromConfigAndARowInKg_rowRefusedAtStartAndItsScanRejected()
      throws Exception {
    Path table = dir.resolve("barcodes.csv");
    java.nio.file.Files.writeString(table, "barcode,sku,uom\n2112345000008,00913,KG\n");
    Path conf = dir.resolve("site.conf");
    java.nio.file.Files.writeString(conf, "dockcount.counting.variable-measure = [\n"
        + "  { prefix = \"21\", item-digits = 5, value = weight-kg, decimals = 3 }\n]\n");
    LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    System.setOut(new PrintStream(new LineSink(out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> io.dockcount.cli.Main
          .run("scan-check", "--port", socat.hostEnd().toString(), "--config", conf.toString(),
              "--barcodes", table.toString(), "--terminators", "CR,LF", "--idle-timeout", "1s"));
      String first = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (first == null && System.nanoTime() < deadline) {
        socat.send("CTL:CLEAR\r");
        first = out.poll(200, TimeUnit.MILLISECONDS);
      }
      assertNotNull(first, "scan-check printed nothing within 20 s");

      socat.send("]E02112345012506\r\n");
      JsonNode j = null;
      while (j == null && System.nanoTime() < deadline) {
        String line = out.poll(5, TimeUnit.SECONDS);
        JsonNode n = line == null ? null : JSON.readTree(line);
        j = n != null && n.get("raw").asText().contains("2112345012506") ? n : null;
      }
      socat.unplug();

      assertNotNull(j, "no line for the weight label");
      assertEquals("rejected", j.get("kind").asText(), j.toString());
      assertTrue(j.get("reason").asText().contains("every package would count as 1 KG"),
          j.toString());
      assertEquals(0, code.get(15, TimeUnit.SECONDS));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    String said = err.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("dockcount: " + table + " line 2: barcode 2112345000008 (SKU 00913)"
        + " is read through the variable-measure layout for prefix 21 (weight-kg)"), said);
    assertTrue(said.contains("List the item's package unit instead (EA, or the pack it comes"
        + " in) (row skipped)"), said);
  }

  @Test
  void scanCheckCommand_configuredStation_readsItsDeviceAndTheSitesLocationPattern()
      throws Exception {
    Path conf = dir.resolve("site.conf");
    java.nio.file.Files.writeString(conf, "dockcount.stations.DOCK-3 { zone = AB, device = \""
        + socat.hostEnd() + "\" }\n"
        + "dockcount.reconcile.location-pattern = \"(?<zone>[A-Z]{2})(?<aisle>[0-9]{2})\"\n");
    LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(new LineSink(out), true, StandardCharsets.UTF_8));
    try {
      // No --port: the station's own device, as README's "--config site.conf --station" says.
      CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> io.dockcount.cli.Main
          .run("scan-check", "--config", conf.toString(), "--station", "DOCK-3"));
      JsonNode site = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (site == null && System.nanoTime() < deadline && !code.isDone()) {
        socat.send("LOC:AB12\r");
        String line = out.poll(200, TimeUnit.MILLISECONDS);
        site = line == null ? null : JSON.readTree(line);
      }
      assertNotNull(site, "scan-check printed nothing within 20 s (exit " + code.getNow(null)
          + ")");
      out.clear();
      socat.send("LOC:A-01-01-A\r");
      JsonNode dashed = null;
      while (dashed == null && System.nanoTime() < deadline) {
        String line = out.poll(5, TimeUnit.SECONDS);
        JsonNode n = line == null ? null : JSON.readTree(line);
        dashed = n != null && n.get("raw").asText().equals("LOC:A-01-01-A") ? n : null;
      }
      socat.unplug();

      // The site's scheme reads AB12 as zone AB, and refuses a dashed code as a station does.
      assertEquals("location", site.get("kind").asText(), site.toString());
      assertEquals("AB", site.get("zone").asText(), site.toString());
      assertNotNull(dashed, "no line for the dashed label");
      assertEquals("rejected", dashed.get("kind").asText(), dashed.toString());
      assertEquals(0, code.get(15, TimeUnit.SECONDS));
    } finally {
      System.setOut(saved);
    }
  }

  @Test
  void scanCheckCommand_neitherPortNorStation_exits2() {
    assertEquals(2, io.dockcount.cli.Main.run("scan-check", "--frames", "1"));
  }

  @Test
  void scanCheckCommand_absentPortExits1_badOptionExits2() {
    assertEquals(1, io.dockcount.cli.Main.run("scan-check", "--port",
        dir.resolve("no-such-tty").toString()));
    assertEquals(2, io.dockcount.cli.Main.run("scan-check", "--port",
        socat.hostEnd().toString(), "--terminators", "SEMICOLON"));
  }

  @Test
  void scanCheckCommand_barcodeTableMissingOrAnotherFile_exits2NamingIt() throws Exception {
    Path book = dir.resolve("book.csv");
    java.nio.file.Files.writeString(book, "sku,location,book_qty\n00913,A-01-02-B,120\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int missing;
    int notATable;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      missing = io.dockcount.cli.Main.run("scan-check", "--port", socat.hostEnd().toString(),
          "--barcodes", dir.resolve("nope.csv").toString());
      notATable = io.dockcount.cli.Main.run("scan-check", "--port",
          socat.hostEnd().toString(), "--barcodes", book.toString());
    } finally {
      System.setErr(saved);
    }

    // A book read as barcodes would make each SKU a code and each location a SKU, unseen.
    assertEquals(2, missing);
    assertEquals(2, notATable);
    assertEquals(List.of("dockcount: " + dir.resolve("nope.csv") + ": no such file (--barcodes)",
        "dockcount: " + book + ": line 1 is not the header barcode,sku,uom (it reads "
            + "'sku,location,book_qty'): is it the barcode table? (--barcodes)"),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Splits what is printed into lines for the test to take one by one. */
  private static final class LineSink extends OutputStream {
    private final LinkedBlockingQueue<String> lines;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    LineSink(LinkedBlockingQueue<String> lines) {
      this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        lines.add(current.toString(StandardCharsets.UTF_8));
        current.reset();
      } else {
        current.write(b);
      }
    }
  }
}
