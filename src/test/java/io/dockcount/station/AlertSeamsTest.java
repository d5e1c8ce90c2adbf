package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dockcount.console.RecountAlerts;
import io.dockcount.core.LocationScheme;
import io.dockcount.scan.ScannerSettings;
import io.dockcount.scan.SocatPair;
import io.dockcount.store.ConsoleQueries;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seams between the stations, the console and the alerts, as {@code run} wires them: a
 * station on a socat pseudo-terminal read through jSerialComm, the real notifier over the H2
 * outbox, and its Slack client posting to a local HTTP server standing in for the webhook.
 */
@Timeout(90)
final class AlertSeamsTest {

  @Test
  void scannerUnplugged_isSlackMessage_andConsoleSeesItOffline_reSendsEachGoOut(
      @TempDir Path dir) throws Exception {
    SocatPair.assumeSocat();
    Files.createDirectories(dir.resolve("pty"));
    BlockingQueue<String> slack = new LinkedBlockingQueue<>();
    HttpServer hook = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext("/", ex -> {
      slack.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, ok.length);
      ex.getResponseBody().write(ok);
      ex.close();
    });
    hook.start();
    Path url = dir.resolve("webhook-url");
    Files.writeString(url, "http://127.0.0.1:" + hook.getAddress().getPort()
        + "/services/T000/B000/XXXX\n");
    Config alerts = ConfigFactory.parseString("dockcount.alerts { dry-run = false, "
        + "poll-interval = 50ms, channels { recount = [slack], station-disconnected = [slack] }, "
        + "slack { webhook-url-env = DOCKCOUNT_TEST_UNSET_WEBHOOK, webhook-url-file = \""
        + url + "\" } }");
    try (SocatPair dock = new SocatPair(dir.resolve("pty")).plugIn();
        WiredService wired = new WiredService(dir,
            List.of(ScannerSettings.forPath("DOCK-1", "A", dock.hostEnd().toString())),
            Map.of(), "1h", alerts)) {
      // given the station reads its scanner
      awaitConnected(wired, Boolean.TRUE);

      // when the scanner is unplugged
      dock.unplug();

      // then the printed line stays, a Slack message goes out, and the console sees it offline
      String printed = wired.awaitAlert(a -> a.startsWith("DOCK-1 scanner offline"));
      String message = await(slack, b -> b.contains("station DOCK-1 disconnected"));
      assertTrue(message.contains("ALERT zone A station DOCK-1 disconnected: DOCK-1 scanner "
          + "offline (zone A)"), message);
      assertTrue(printed.contains("(zone A)"), printed);
      awaitConnected(wired, Boolean.FALSE);

      // when a supervisor re-sends the same recount alert twice from the console
      RecountAlerts resend = RecountAlerts.raising(wired.service::raise,
          LocationScheme.dashed());
      ConsoleQueries.Task task = new ConsoleQueries.Task(7, "A", "A-01-03-A", "0777", 1, "OPEN",
          10L, 4L, -6L, new BigDecimal("-240.00"), "short", OffsetDateTime.now(), "short", "");
      resend.resend(task, "sup-ana").toCompletableFuture().get(5, TimeUnit.SECONDS);
      String first = await(slack, b -> b.contains("re-sent by sup-ana"));
      resend.resend(task, "sup-ana").toCompletableFuture().get(5, TimeUnit.SECONDS);
      String second = await(slack, b -> b.contains("re-sent by sup-ana"));

      // then each request is its own message, not folded into a digest or swallowed
      assertEquals(first, second);
      assertTrue(first.contains("ALERT (re-sent by sup-ana) zone A aisle 01 bay 03 level A "
          + "(A-01-03-A) sku 0777 short -6 EA value -240.00: short"), first);
    } finally {
      hook.stop(0);
    }
  }

  /** Polls the stations' connected state until DOCK-1 shows {@code wanted}. */
  private static void awaitConnected(WiredService wired, Boolean wanted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    Map<String, Boolean> last = Map.of();
    while (System.nanoTime() < deadline) {
      last = wired.stations.connected(Duration.ofSeconds(2)).toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
      if (wanted.equals(last.get("DOCK-1"))) {
        return;
      }
    }
    throw new AssertionError("DOCK-1 never showed connected = " + wanted + "; last " + last);
  }

  /** Takes Slack bodies until one matches, failing after the deadline. */
  private static String await(BlockingQueue<String> bodies, Predicate<String> wanted)
      throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      String b = bodies.poll(100, TimeUnit.MILLISECONDS);
      if (b != null) {
        seen.add(b);
        if (wanted.test(b)) {
          return b;
        }
      }
    }
    throw new AssertionError("no such Slack message within 15 s; seen " + seen);
  }
}
