package io.dockcount.station;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A station must not report its scanner as disconnected when the JVM is stopping (SIGTERM runs
 * jSerialComm's shutdown hook, which closes the ports, beside ours): the probe it asks must
 * tell a running JVM from one that is shutting down.
 */
class ShutdownProbeTest {

  /** Run as a child: prints the probe while running, then from a shutdown hook. */
  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> System.out.println("in hook: " + StationLink.jvmShuttingDown())));
    System.out.println("running: " + StationLink.jvmShuttingDown());
  }

  @Test
  void probe_isFalseWhileRunning_andTrueOnceShutdownHasBegun() throws Exception {
    Process p = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ShutdownProbeTest.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);

    assertEquals(List.of("running: false", "in hook: true"), out.lines().toList(), out);
  }
}
