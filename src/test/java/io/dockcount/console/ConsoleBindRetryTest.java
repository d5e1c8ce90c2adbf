package io.dockcount.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with its console port held by another program: the service counts on, and the
 * console comes up once the port is free, without a restart.
 */
final class ConsoleBindRetryTest {
  @Test
  void consolePortTaken_serviceRunsAndConsoleBindsOnceThePortIsFree(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("book.csv"), "sku,location,book_qty\n0777,A-01-03-A,10\n");
    Path conf = dir.resolve("site.conf");
    Process child;
    LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();
    int port;
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = squatter.getLocalPort();
      Files.writeString(conf, String.join("\n",
          "dockcount.store.path = \"" + dir.resolve("dockcount") + "\"",
          "dockcount.backup.dir = \"" + dir.resolve("backup") + "\"",
          "dockcount.inputs.book = \"" + dir.resolve("book.csv") + "\"",
          "dockcount.console { host = \"127.0.0.1\", port = " + port + ", bind-retry = 300ms,"
              + " open-view = true }",
          "akka.loglevel = WARNING", ""));
      child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"), "io.dockcount.cli.Main",
          "run", "--config", conf.toString())
          .redirectErrorStream(true).start();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            out.add(line);
          }
        } catch (java.io.IOException e) {
          // the child was stopped; what it printed is queued
        }
      }, "child-output");
      reader.setDaemon(true);
      reader.start();
      try {
        String refused = await(out, "dockcount: console not started");
        assertTrue(refused.contains("counting goes on, and the console is tried again every "
            + "300ms"), refused);
        assertTrue(child.isAlive(), "the service runs on without its console");
      } catch (AssertionError | RuntimeException e) {
        child.destroyForcibly();
        throw e;
      }
    }
    try {
      String up = await(out, "dockcount: console at http://127.0.0.1:" + port + "/");
      assertTrue(up.contains("(attempt "), up);
      HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/overview")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, status.statusCode(), status.body());
    } finally {
      child.destroy(); // SIGTERM: the service stops as under systemd
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the service stops on SIGTERM");
    }
  }

  /** Returns the first line starting with {@code prefix}, within a minute. */
  private static String await(LinkedBlockingQueue<String> out, String prefix)
      throws InterruptedException {
    StringBuilder seen = new StringBuilder();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      String line = out.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
      if (line != null) {
        seen.append(line).append('\n');
      }
    }
    throw new AssertionError("no line '" + prefix + "' within a minute; printed:\n" + seen);
  }
}
