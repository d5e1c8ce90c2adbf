package io.dockcount.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API source against a local HTTP server on 127.0.0.1. */
final class HttpSourceTest {
  private static final String TOKEN = "test-token-not-secret";

  @TempDir Path dir;
  private HttpServer server;
  /** Response per path and page: status and body; a missing one is an empty last page. */
  private final Map<String, String[]> pages = new ConcurrentHashMap<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdown();
  }

  private void handle(HttpExchange ex) throws IOException {
    String key = ex.getRequestURI().getPath() + "?" + ex.getRequestURI().getQuery();
    seen.add(key + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
    if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      reply(ex, 401, "{\"error\":\"bad token\"}");
      return;
    }
    String[] r = pages.getOrDefault(key, new String[] {"200", "{\"data\":[]}"});
    if (r[0].equals("hang")) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
      return;
    }
    reply(ex, Integer.parseInt(r[0]), r[1]);
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private HttpSource source(Map<String, String> paths, Duration timeout, String token)
      throws IOException {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, token);
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    return new HttpSource(new WmsSettings.Http(url, "", tokenFile, paths, "page", "per_page", 2,
        "data", "total", timeout));
  }

  private void page(String path, int page, String body) {
    pages.put("/api" + path + "?page=" + page + "&per_page=2", new String[] {"200", body});
  }

  @Test
  void goodData_pagedWithBearerToken_becomesSnapshot() throws Exception {
    page("/stock", 1, "{\"total\":3,\"data\":[{\"sku\":\"00913\",\"location\":\"A-01-02-B\","
        + "\"book_qty\":24},{\"sku\":\"00042\",\"location\":\"A-01-03-A\",\"book_qty\":5.0}]}");
    page("/stock", 2, "{\"total\":3,\"data\":[{\"sku\":\"0777\",\"location\":\"B-07-12-C\","
        + "\"book_qty\":11}]}");
    page("/items", 1, "{\"data\":[{\"sku\":\"00913\",\"unit_cost\":2.60}]}");
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      HttpSource src = source(Map.of("book", "/stock", "items", "/items"),
          Duration.ofSeconds(5), TOKEN);

      SnapshotManager.Outcome o = fx.manager.offer(src.pull(), src.name(), WmsFixture.T0);

      SnapshotManager.Applied a = assertInstanceOf(SnapshotManager.Applied.class, o);
      assertEquals(List.of("A-01-02-B 00913 24", "A-01-03-A 00042 5", "B-07-12-C 0777 11"),
          fx.bookInForce());
      assertEquals("2.60", a.master().items().get("00913").unitCost().toPlainString());
      assertEquals(3, seen.size());
      assertTrue(seen.get(0).endsWith("auth=Bearer " + TOKEN), seen.toString());
    }
  }

  @Test
  void sameDataTwice_isOneSnapshot() throws Exception {
    page("/stock", 1, "{\"data\":[{\"sku\":\"00913\",\"location\":\"A-01-02-B\","
        + "\"book_qty\":24}]}");
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      HttpSource src = source(Map.of("book", "/stock"), Duration.ofSeconds(5), TOKEN);
      fx.manager.offer(src.pull(), src.name(), WmsFixture.T0);

      SnapshotManager.Outcome again = fx.manager.offer(src.pull(), src.name(), WmsFixture.T0);

      assertInstanceOf(SnapshotManager.Duplicate.class, again);
      assertEquals(1, fx.number("SELECT COUNT(*) FROM wms_import"));
    }
  }

  @Test
  void malformedRow_andNumericSku_rejectDelivery_withPageAndItem() throws Exception {
    page("/stock", 1, "{\"data\":[{\"sku\":\"00913\",\"location\":\"A-01-02-B\","
        + "\"book_qty\":\"24 EA\"},{\"sku\":913,\"location\":\"A-01-03-A\",\"book_qty\":5}]}");
    try (WmsFixture fx = new WmsFixture(dir.resolve("db"))) {
      HttpSource src = source(Map.of("book", "/stock"), Duration.ofSeconds(5), TOKEN);

      SnapshotManager.Outcome o = fx.manager.offer(src.pull(), src.name(), WmsFixture.T0);

      SnapshotManager.Rejected r = assertInstanceOf(SnapshotManager.Rejected.class, o);
      assertEquals("/stock: page 1 item 1 (sku 00913, location A-01-02-B): book_qty '24 EA' is "
          + "not a plain number: not a number: text after it ('12 EA'?): the field holds the "
          + "number alone, a unit or currency in a column of its own", r.problems().get(0));
      assertTrue(r.problems().get(1).contains("page 1 item 2 (sku 913, location A-01-03-A): "
          + "unreadable row: sku is a JSON number (913)"), r.problems().toString());
      assertEquals(List.of("A-01-02-B 00913 30", "B-07-12-C 0777 10"), fx.bookInForce());
    }
  }

  @Test
  void pagesAddingUpShortOfTotal_arePartial_andRefused() throws Exception {
    page("/stock", 1, "{\"total\":5,\"data\":[{\"sku\":\"00913\",\"location\":\"A-01-02-B\","
        + "\"book_qty\":24}]}");
    HttpSource src = source(Map.of("book", "/stock"), Duration.ofSeconds(5), TOKEN);

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("cut short: 1 of 5 items received"), e.getMessage());
  }

  @Test
  void truncatedJsonBody_isRefused() throws Exception {
    page("/stock", 1, "{\"data\":[{\"sku\":\"00913\",\"location\":\"A-01-0");
    HttpSource src = source(Map.of("book", "/stock"), Duration.ofSeconds(5), TOKEN);

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("not complete JSON"), e.getMessage());
  }

  @Test
  void serverError_isRefused_withStatusAndBody() throws Exception {
    pages.put("/api/stock?page=1&per_page=2", new String[] {"500", "{\"error\":\"db down\"}"});
    HttpSource src = source(Map.of("book", "/stock"), Duration.ofSeconds(5), TOKEN);

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("HTTP 500: {\"error\":\"db down\"}"), e.getMessage());
  }

  @Test
  void wrongToken_isRefused_andTokenNotInMessage() throws Exception {
    HttpSource src = source(Map.of("book", "/stock"), Duration.ofSeconds(5), "stale-token");

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    assertTrue(!e.getMessage().contains("stale-token"), e.getMessage());
  }

  @Test
  void connectionRefused_isRefused() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, TOKEN);
    HttpSource src = new HttpSource(new WmsSettings.Http(
        URI.create("http://127.0.0.1:" + closed + "/api"), "", tokenFile,
        Map.of("book", "/stock"), "page", "per_page", 2, "data", "total",
        Duration.ofSeconds(5)));

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("no connection"), e.getMessage());
  }

  @Test
  void serverThatNeverAnswers_timesOut() throws Exception {
    pages.put("/api/stock?page=1&per_page=2", new String[] {"hang", ""});
    HttpSource src = source(Map.of("book", "/stock"), Duration.ofMillis(500), TOKEN);

    SourceException e = assertThrows(SourceException.class, src::pull);

    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
  }
}
