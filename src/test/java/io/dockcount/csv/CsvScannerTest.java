package io.dockcount.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class CsvScannerTest {
  private static final int MIB = 1 << 20;

  /** One record as read: its line, its fields and its problem. */
  private record Row(long line, List<String> fields, String problem) {}

  private static CsvScanner scanner(byte[] bytes) throws IOException {
    return CsvScanner.of(new ByteArrayInputStream(bytes));
  }

  private static CsvScanner scanner(String text) throws IOException {
    return scanner(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Row> rows(CsvScanner s) throws IOException {
    List<Row> rows = new ArrayList<>();
    while (s.next()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < s.fieldCount(); i++) {
        fields.add(s.text(i));
      }
      rows.add(new Row(s.line(), fields, s.problem()));
    }
    return rows;
  }

  private static List<Row> rows(String text) throws IOException {
    try (CsvScanner s = scanner(text)) {
      return rows(s);
    }
  }

  @Test
  void header_afterASpreadsheetsSeparatorLine_readWithThatSeparatorLinesCountedFromTheFile()
      throws IOException {
    try (CsvScanner s = scanner("sep=;\r\nsku;location;qty\r\n0012;A-01,B;5\r\n")) {
      assertEquals(';', s.delimiter());
      assertEquals(List.of("sku", "location", "qty"), s.header());
      assertEquals(List.of(new Row(3, List.of("0012", "A-01,B", "5"), null)), rows(s));
    }
    // Not the hint: a column named so, or more on the line.
    try (CsvScanner s = scanner("sep=;x,sku\n1,2\n")) {
      assertEquals(List.of("sep=;x", "sku"), s.header());
    }
  }

  @Test
  void header_utf8Bom_skipped() throws IOException {
    byte[] body = "sku,qty\n0012,5\n".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);

    List<String> header;
    List<Row> rows;
    try (CsvScanner s = scanner(withBom)) {
      header = s.header();
      rows = rows(s);
    }

    assertEquals(List.of("sku", "qty"), header);
    assertEquals(List.of(new Row(2, List.of("0012", "5"), null)), rows);
  }

  @Test
  void header_semicolon_detectedAsDelimiter() throws IOException {
    char delimiter;
    List<Row> rows;
    try (CsvScanner s = scanner("sku;location;qty\nA;B-1;1,5\n")) {
      delimiter = s.delimiter();
      rows = rows(s);
    }

    assertEquals(';', delimiter);
    assertEquals(List.of("A", "B-1", "1,5"), rows.get(0).fields());
  }

  @Test
  void header_tab_detectedAsDelimiter() throws IOException {
    char delimiter;
    List<Row> rows;
    try (CsvScanner s = scanner("sku\tlocation\tname\nA\tB-1\tx, y; z\n")) {
      delimiter = s.delimiter();
      rows = rows(s);
    }

    assertEquals('\t', delimiter);
    assertEquals(List.of("A", "B-1", "x, y; z"), rows.get(0).fields());
  }

  @Test
  void next_quotedDelimiterAndLineBreak_oneFieldAndLineOfRecordStart() throws IOException {
    List<Row> rows = rows("sku,name,qty\nPK000,\"Ethanol, 95%\nreagent\",2\nB,x,3\n");

    assertEquals(new Row(2, List.of("PK000", "Ethanol, 95%\nreagent", "2"), null), rows.get(0));
    assertEquals(new Row(4, List.of("B", "x", "3"), null), rows.get(1));
  }

  @Test
  void next_doubledQuotes_unescaped() throws IOException {
    List<Row> rows = rows("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n");

    assertEquals(List.of("say \"hi\"", "\""), rows.get(0).fields());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void next_anyLineEnding_sameRecordsAndLines(String eol) throws IOException {
    String text = "a,b" + eol + "1,2" + eol + "3,4" + eol;

    List<Row> rows = rows(text);

    assertEquals(List.of(new Row(2, List.of("1", "2"), null), new Row(3, List.of("3", "4"), null)),
        rows);
  }

  @Test
  void next_blankLines_skippedButCountedInLineNumbers() throws IOException {
    List<Row> rows = rows("a,b\n\n1,2\r\n\r\n\r\n3,4\n\n");

    assertEquals(List.of(new Row(3, List.of("1", "2"), null), new Row(6, List.of("3", "4"), null)),
        rows);
  }

  @Test
  void next_lastLineWithoutNewline_read() throws IOException {
    List<Row> rows = rows("a,b\n1,2\n3,4");

    assertEquals(new Row(3, List.of("3", "4"), null), rows.get(1));
  }

  @Test
  void next_trailingDelimiterAtEndOfFile_emptyLastField() throws IOException {
    List<Row> rows = rows("a,b\n1,");

    assertEquals(List.of("1", ""), rows.get(0).fields());
  }

  @Test
  void next_unterminatedQuote_problemNotSilentlyDropped() throws IOException {
    List<Row> rows = rows("a,b\n1,2\n3,\"never closed\n4,5\n");

    assertEquals(3, rows.size());
    assertNull(rows.get(0).problem());
    assertEquals(3, rows.get(1).line());
    assertTrue(rows.get(1).problem().startsWith("quote opened and never closed"),
        rows.get(1).problem());
    assertEquals(new Row(4, List.of("4", "5"), null), rows.get(2));
  }

  @Test
  void problemField_quoteProblem_theFirstFieldItCutTheOnesBeforeWhole() throws IOException {
    try (CsvScanner s = scanner("sku,description,location,qty\n"
        + "P1,\"PIPE 3/4\" SCH40, 10FT\",A-01,40\nP2,ELBOW,A-01,25\nP3,D,\"A-03,5\n")) {
      assertTrue(s.next());
      assertEquals("text after a closing quote", s.problem());
      assertEquals(1, s.problemField());
      assertTrue(s.next());
      assertEquals(-1, s.problemField());
      assertTrue(s.next());
      assertTrue(s.problem().startsWith("quote opened and never closed"), s.problem());
      assertEquals(2, s.problemField());
    }
  }

  @Test
  void next_strayQuoteMidFile_onlyItsLineRejectedEveryLaterLineRead() throws IOException {
    StringBuilder text = new StringBuilder("sku,location,qty\nA,L1,1\n\"W1 12IN PIPE,L2,2\n");
    for (int i = 3; i <= 200; i++) {
      text.append("S").append(i).append(",L").append(i).append(",").append(i).append('\n');
    }

    List<Row> rows = rows(text.toString());

    assertEquals(200, rows.size());
    assertEquals(3, rows.get(1).line());
    assertTrue(rows.get(1).problem().contains("next line is read as a new row"));
    assertEquals(new Row(4, List.of("S3", "L3", "3"), null), rows.get(2));
    assertEquals(new Row(201, List.of("S200", "L200", "200"), null), rows.get(199));
  }

  @Test
  void next_textAfterQuoteThatSpansLines_cutAtFirstLineNextLinesRead() throws IOException {
    List<Row> rows = rows("a,b\n\"x,1\n2,3\n4,5\"y\n6,7\n");

    assertEquals(4, rows.size());
    assertEquals(2, rows.get(0).line());
    assertTrue(rows.get(0).problem().startsWith("text after a closing quote"));
    assertEquals(new Row(3, List.of("2", "3"), null), rows.get(1));
    assertEquals(4, rows.get(2).line());
    assertEquals(new Row(5, List.of("6", "7"), null), rows.get(3));
  }

  @Test
  void lastLine_quotedLineBreaks_lineTheRecordEndsOn() throws IOException {
    try (CsvScanner s = scanner("a,b\n\"x\ny\nz\",1\n2,3\n")) {
      assertTrue(s.next());
      assertEquals(2, s.line());
      assertEquals(4, s.lastLine());
      assertTrue(s.next());
      assertEquals(5, s.line());
      assertEquals(5, s.lastLine());
    }
  }

  @Test
  void next_textAfterClosingQuote_problemAndNextRowStillRead() throws IOException {
    List<Row> rows = rows("a,b\n\"x\"y,2\n3,4\n");

    assertEquals("text after a closing quote", rows.get(0).problem());
    assertEquals(new Row(3, List.of("3", "4"), null), rows.get(1));
  }

  @Test
  void next_spacesAroundUnquotedFields_trimmed() throws IOException {
    List<Row> rows = rows("a,b\n  0012 , B-1 \n");

    assertEquals(List.of("0012", "B-1"), rows.get(0).fields());
  }

  @Test
  void next_noBreakSpacesAroundUnquotedFields_trimmedInsideKept() throws IOException {
    List<Row> rows = rows("a,b\nK\u00dcHLRAUM-01\u00a0,\u00a0 COLD\u00a0ROOM \u00a0\n");

    assertEquals(List.of("K\u00dcHLRAUM-01", "COLD\u00a0ROOM"), rows.get(0).fields());
  }

  @Test
  void next_utf8Text_keptExactly() throws IOException {
    List<Row> rows = rows("a,b\nÄ-01,m²\n");

    assertEquals(List.of("Ä-01", "m²"), rows.get(0).fields());
  }

  @Test
  void header_emptyInput_noColumnsNoRecords() throws IOException {
    boolean anyRecord;
    List<String> header;
    try (CsvScanner s = scanner("")) {
      header = s.header();
      anyRecord = s.next();
    }

    assertTrue(header.isEmpty());
    assertFalse(anyRecord);
  }

  /**
   * Builds a file whose record number {@code n} starts {@code offset} bytes before the 1 MiB
   * mark, so the record under test straddles the first buffer boundary.
   */
  private static String straddling(int offset, String record) {
    StringBuilder b = new StringBuilder("sku,name\n");
    int filler = 0;
    while (b.length() < MIB - offset - 40) {
      b.append("F").append(filler++).append(",x\n");
    }
    int pad = MIB - offset - b.length() - 3;
    b.append("P,").append("y".repeat(pad)).append('\n');
    assertEquals(MIB - offset, b.length());
    return b.append(record).append("LAST,z\n").toString();
  }

  @Test
  void next_recordsAcrossBufferBoundary_eachSplitPointReadIntact() throws IOException {
    String record = "Q,\"a, \"\"b\"\"\r\nc\"\r\n";
    for (int offset = 0; offset <= record.length(); offset++) {
      List<Row> rows = rows(straddling(offset, record));

      Row q = rows.get(rows.size() - 2);
      Row last = rows.get(rows.size() - 1);
      assertEquals(List.of("Q", "a, \"b\"\r\nc"), q.fields(), "split at " + offset);
      assertNull(q.problem(), "split at " + offset);
      assertEquals(q.line() + 2, last.line(), "split at " + offset);
      assertEquals(List.of("LAST", "z"), last.fields(), "split at " + offset);
    }
  }

  @Test
  void next_crLfSplitByBufferBoundary_noBlankRecordNoLineSkipped() throws IOException {
    for (int offset = 0; offset <= 4; offset++) {
      String text = straddling(offset, "R,1\r\n\r\n");

      List<Row> rows = rows(text);

      Row r = rows.get(rows.size() - 2);
      Row last = rows.get(rows.size() - 1);
      assertEquals(List.of("R", "1"), r.fields(), "split at " + offset);
      assertEquals(r.line() + 2, last.line(), "split at " + offset);
    }
  }

  @Test
  void next_recordLargerThanBuffer_readWhole() throws IOException {
    String big = "z".repeat(3 * MIB);

    List<Row> rows = rows("a,b\n1,\"" + big + "\"\n2,3\n");

    assertEquals(big, rows.get(0).fields().get(1));
    assertEquals(List.of("2", "3"), rows.get(1).fields());
  }

  @Test
  void next_slowStreamReturningFewBytes_sameRecords() throws IOException {
    String text = "a,b\n1,\"x\r\ny\"\r\n2,3";
    InputStream trickle = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };

    List<Row> rows;
    try (CsvScanner s = CsvScanner.of(trickle)) {
      rows = rows(s);
    }

    assertEquals(List.of(new Row(2, List.of("1", "x\r\ny"), null),
        new Row(4, List.of("2", "3"), null)), rows);
  }
}
