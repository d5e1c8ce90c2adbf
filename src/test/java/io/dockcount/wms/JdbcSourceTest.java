package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database source against a real PostgreSQL server on loopback (see {@link LocalPostgres}). */
final class JdbcSourceTest {
  private static LocalPostgres pg;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    pg = LocalPostgres.startOrSkip();
    pg.exec("CREATE SCHEMA wms",
        "CREATE TABLE wms.stock (item_no TEXT, bin TEXT, qoh NUMERIC(12, 3))",
        "INSERT INTO wms.stock VALUES ('00913', 'A-01-02-B', 24.000), "
            + "('00042', 'A-01-03-A', 5), ('0777', 'B-07-12-C', 11)",
        "CREATE TABLE wms.items (item_no TEXT, cost NUMERIC(12, 4))",
        "INSERT INTO wms.items VALUES ('00913', 2.6000), ('0777', 40), ('00042', NULL)",
        "CREATE ROLE reader LOGIN PASSWORD 'reader-pw'",
        "GRANT USAGE ON SCHEMA wms TO reader",
        "GRANT SELECT ON ALL TABLES IN SCHEMA wms TO reader");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (pg != null) {
      pg.close();
    }
  }

  private static final String BOOK =
      "SELECT item_no AS sku, bin AS location, qoh AS book_qty FROM wms.stock ORDER BY bin";
  private static final String ITEMS =
      "SELECT item_no AS sku, cost AS unit_cost FROM wms.items ORDER BY item_no";

  private JdbcSource source(String url, Map<String, String> queries, Duration timeout)
      throws Exception {
    Path pw = dir.resolve("wms-db-password");
    Files.writeString(pw, "reader-pw\n");
    return new JdbcSource(new WmsSettings.Jdbc(
        new WmsSettings.Login(url, "reader", "DOCKCOUNT_TEST_UNSET_VARIABLE", pw), queries,
        timeout));
  }

  @Test
  void goodData_readOnlyLoginWithPasswordFile_becomesSnapshot_exactAndLeadingZerosKept()
      throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      JdbcSource src = source(pg.url(), Map.of("book", BOOK, "items", ITEMS),
          Duration.ofSeconds(10));

      SnapshotManager.Outcome o = fx.manager.offer(src.pull(), src.name(), WmsFixture.T0);

      SnapshotManager.Applied a = assertInstanceOf(SnapshotManager.Applied.class, o);
      assertEquals(java.util.Set.of("A", "B"), a.zones());
      assertEquals(List.of("A-01-02-B 00913 24", "A-01-03-A 00042 5", "B-07-12-C 0777 11"),
          fx.bookInForce());
      assertEquals("2.6", a.master().items().get("00913").unitCost().stripTrailingZeros()
          .toPlainString());
      assertEquals(null, a.master().items().get("00042").unitCost());
    }
  }

  @Test
  void sameDataPulledTwice_isOneSnapshot() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      JdbcSource src = source(pg.url(), Map.of("book", BOOK), Duration.ofSeconds(10));
      fx.manager.offer(src.pull(), src.name(), WmsFixture.T0);

      SnapshotManager.Outcome again = fx.manager.offer(src.pull(), src.name(), WmsFixture.T0);

      assertInstanceOf(SnapshotManager.Duplicate.class, again);
      assertEquals(1, fx.number("SELECT COUNT(*) FROM wms_import"));
    }
  }

  @Test
  void malformedRow_rejectsDelivery_reportNamesQueryRowAndValue() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      JdbcSource src = source(pg.url(), Map.of("book", BOOK + " LIMIT 1", "items",
          "SELECT '00913' AS sku, '2,50' AS unit_cost"), Duration.ofSeconds(10));

      SnapshotManager.Outcome o = fx.manager.offer(src.pull(), src.name(), WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, o);
      assertTrue(r.problems().get(0).startsWith("query items: row 1 (sku 00913): unit_cost "
          + "'2,50': unit cost is not a plain number"), r.problems().toString());
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void rejectedBookRows_namedByTheirKey_skuLocationAndLotAsFarAsReadable() throws Exception {
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      JdbcSource src = source(pg.url(), Map.of("book", "SELECT * FROM (VALUES "
          + "('00042', 'A-01-03-A', 'L8', '2.5'), ('00913', 'A-01-02-B', 'L7', '24'), "
          + "('00977', 'A-01-04-A', NULL, 'x'), (NULL, 'A-01-05-A', '', '3')) "
          + "AS t (sku, location, lot, book_qty) ORDER BY location"), Duration.ofSeconds(10));

      SnapshotManager.Outcome o = fx.manager.offer(src.pull(), src.name(), WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, o);
      assertEquals(List.of("query book: row 2 (sku 00042, location A-01-03-A, lot L8): book_qty "
              + "'2.5' is not a whole number of eaches",
          "query book: row 3 (sku 00977, location A-01-04-A): book_qty 'x' is not a plain "
              + "number: not a number",
          "query book: row 4 (location A-01-05-A): sku is blank"), r.problems());
    }
  }

  @Test
  void passwordInTheUrl_neverInTheSourceNameItsFailuresOrTheLogin() throws Exception {
    int port = pg.port();
    // Each fails on this machine: a wrong password at the test's own server, or no driver for
    // the URL (PostgreSQL's driver would look user:password@host up as a host name: not tried).
    List<String> urls = List.of(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=reader&password=wrong-s3cret",
        "jdbc:sqlserver://127.0.0.1:" + port + ";databaseName=wms;password=wrong-s3cret",
        "jdbc:oracle:thin:reader/wrong-s3cret@127.0.0.1:" + port + "/wms",
        "jdbc:nosuchdb://reader:wrong-s3cret@127.0.0.1:" + port + "/wms");
    for (String url : urls) {
      JdbcSource src = source(url, Map.of("book", BOOK), Duration.ofSeconds(5));

      SourceException e = assertThrows(SourceException.class, src::pull, url);

      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      String said = src.name() + "\n" + e.getMessage() + "\n" + trace + "\n"
          + new WmsSettings.Login(url, "reader", "", null);
      assertFalse(said.contains("s3cret"), said);
      assertTrue(e.getMessage().startsWith("jdbc jdbc:"), e.getMessage());
    }
    // PostgreSQL's driver says a user:password@host URL's host could not be resolved.
    java.sql.SQLException unresolved = new java.sql.SQLException("The connection attempt "
        + "failed.", "08001", new java.net.UnknownHostException("reader:pw-s3cret@127.0.0.1"));
    SourceException e = JdbcSource.failure("jdbc x: ", unresolved,
        "jdbc:postgresql://reader:pw-s3cret@127.0.0.1:5432/wms");
    assertEquals("jdbc x: no connection: The connection attempt failed.", e.getMessage());
    assertEquals(null, e.getCause(), "the cause's message holds the password");
    assertEquals("jdbc:postgresql://reader:***@127.0.0.1:1/wms?ssl=true&password=***",
        JdbcUrls.mask("jdbc:postgresql://reader:pw@127.0.0.1:1/wms?ssl=true&password=pw"));
    assertEquals("jdbc:sqlserver://h:1;user=u;password=***;encrypt=true",
        JdbcUrls.mask("jdbc:sqlserver://h:1;user=u;password={a;b};encrypt=true"));
  }

  @Test
  void resultCutShortByServerError_failsWholePull() throws Exception {
    // Rows stream in batches; the third row divides by zero after two were sent.
    JdbcSource src = source(pg.url(), Map.of("book", "SELECT item_no AS sku, bin AS location, "
        + "(qoh / (3 - row_number() OVER (ORDER BY bin)))::text AS book_qty FROM wms.stock"),
        Duration.ofSeconds(10));

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("query book failed"), e.getMessage());
    assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
  }

  @Test
  void serverError_missingTable_saysWhichQuery() throws Exception {
    JdbcSource src = source(pg.url(), Map.of("book", "SELECT * FROM wms.no_such_table"),
        Duration.ofSeconds(10));

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("query book failed"), e.getMessage());
    assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
  }

  @Test
  void connectionRefused_failsClearly_withoutPassword() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    JdbcSource src = source("jdbc:postgresql://127.0.0.1:" + closed + "/postgres",
        Map.of("book", BOOK), Duration.ofSeconds(5));

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("no connection"), e.getMessage());
    assertTrue(!e.getMessage().contains("reader-pw"), e.getMessage());
  }

  @Test
  void serverAcceptsAndNeverAnswers_pullFailsWithinItsTimeout() throws Exception {
    // A database frozen (SIGSTOP) still lets the kernel accept the connection.
    try (ServerSocket hung = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      JdbcSource src = source("jdbc:postgresql://127.0.0.1:" + hung.getLocalPort() + "/wms",
          Map.of("book", BOOK), Duration.ofSeconds(2));
      long start = System.nanoTime();

      SourceException e = assertThrows(SourceException.class, src::pull);

      assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(),
          "bounded by the configured timeout, not waiting for ever: " + e.getMessage());
      assertTrue(!e.getMessage().contains("reader-pw"), e.getMessage());
    }
  }

  @Test
  void slowQuery_timesOut() throws Exception {
    JdbcSource src = source(pg.url(), Map.of("book", "SELECT item_no AS sku, bin AS location, "
        + "qoh AS book_qty FROM wms.stock, pg_sleep(30)"), Duration.ofSeconds(1));
    long start = System.nanoTime();

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos());
  }

  @Test
  void wrongPassword_failsClearly() throws Exception {
    Path pw = dir.resolve("wrong");
    Files.writeString(pw, "not-it");
    JdbcSource src = new JdbcSource(new WmsSettings.Jdbc(new WmsSettings.Login(pg.url(),
        "reader", "", pw), Map.of("book", BOOK), Duration.ofSeconds(5)));

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
  }
}
