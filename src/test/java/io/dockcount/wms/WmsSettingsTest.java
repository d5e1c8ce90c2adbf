package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class WmsSettingsTest {
  private static WmsSettings read(String overrides) {
    return WmsSettings.from(ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.load()).resolve());
  }

  private static String problem(String overrides) {
    return assertThrows(IllegalArgumentException.class, () -> read(overrides)).getMessage();
  }

  @Test
  void defaults_everythingOff_noAddressContacted() {
    WmsSettings s = read("");

    assertFalse(s.hasSource());
    assertEquals("off", s.export().mode());
    assertEquals(Duration.ofHours(24), s.maxSnapshotAge());
  }

  @Test
  void jdbcAndHttp_readWithQueriesPerKind() {
    WmsSettings s = read("dockcount.wms { jdbc { url = \"jdbc:postgresql://127.0.0.1:1/wms\", "
        + "user = reader, queries.book = \"SELECT 1\" }, http { url = \"http://127.0.0.1:1/api\","
        + " paths.items = \"/items\" } }");

    assertEquals(Map.of("book", "SELECT 1"), s.jdbc().queries());
    assertEquals("reader", s.jdbc().login().user());
    assertEquals(Map.of("items", "/items"), s.http().paths());
    assertTrue(s.hasSource());
  }

  @Test
  void sqlExportWithoutItsOwnUrl_logsInAsItsOwnUserOnTheSourcesDatabase() {
    String jdbc = "dockcount.wms.jdbc { url = \"jdbc:postgresql://127.0.0.1:1/wms\", "
        + "user = reader, password-file = /tmp/reader.pw, queries.book = \"SELECT 1\" }\n";
    String export = "dockcount.wms.export { mode = sql, task-sql = \"INSERT INTO t VALUES "
        + "(:sku)\" ";

    WmsSettings own = read(jdbc + export + ", user = writer, password-file = /tmp/writer.pw }");
    WmsSettings none = read(jdbc + export + "}");

    assertEquals("jdbc:postgresql://127.0.0.1:1/wms", own.export().login().url());
    assertEquals("writer", own.export().login().user(), "not the read-only source login");
    assertEquals(java.nio.file.Path.of("/tmp/writer.pw"), own.export().login().passwordFile());
    assertEquals(none.jdbc().login(), none.export().login(), "no login of its own: the source's");
  }

  @Test
  void badSettings_areNamed() {
    assertEquals("dockcount.wms.export.mode must be off, csv or sql, was \"ftp\"",
        problem("dockcount.wms.export.mode = ftp"));
    assertEquals("dockcount.wms.export.outbox must be set when export.mode = csv",
        problem("dockcount.wms.export.mode = csv"));
    assertEquals("dockcount.wms.jdbc.queries needs at least one query when jdbc.url is set",
        problem("dockcount.wms.jdbc.url = \"jdbc:postgresql://127.0.0.1:1/wms\""));
    assertEquals("dockcount.wms.jdbc.queries.stock is not a kind of data; use [items, uom, "
        + "barcodes, book, movements]", problem("dockcount.wms.jdbc { url = \"jdbc:x:y\", "
        + "queries.stock = \"SELECT 1\" }"));
    assertEquals("dockcount.wms.http.url must start with http:// or https://, was "
        + "ftp://127.0.0.1/x", problem("dockcount.wms.http { url = \"ftp://127.0.0.1/x\", "
        + "paths.book = \"/b\" }"));
    assertEquals("dockcount.wms.schedule must be longer than 0, was PT0S",
        problem("dockcount.wms.schedule = 0s"));
  }

  @Test
  void sqlTemplate_unknownParameter_isNamed_castsAndQuotesLeftAlone() {
    NamedSql ok = NamedSql.parse("INSERT INTO t VALUES (:task_key, ':not_a_param', "
        + ":round::int)", Exporter.PARAMS);
    assertEquals("INSERT INTO t VALUES (?, ':not_a_param', ?::int)", ok.sql());
    assertEquals(java.util.List.of("task_key", "round"), ok.names());

    String why = assertThrows(IllegalArgumentException.class,
        () -> NamedSql.parse("INSERT INTO t VALUES (:qty)", Exporter.PARAMS)).getMessage();

    assertTrue(why.startsWith("dockcount.wms.export: unknown parameter :qty"), why);
  }
}
