package io.dockcount.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Loopback ports for the tests that serve an API themselves (a WMS, a Twilio stand-in): on a
 * machine whose ports are shared out among engineers, the system property
 * {@code dockcount.test.ports} ("22420-22429") names the range a run may use; a fixed port of
 * another range would collide with their work.
 */
public final class TestPorts {
  private TestPorts() {}

  /** A free port of {@code dockcount.test.ports} when it is set, else {@code fallback}. */
  public static int loopback(int fallback) {
    String range = System.getProperty("dockcount.test.ports", "").strip();
    if (range.isEmpty()) {
      return fallback;
    }
    String[] ends = range.split("-");
    int from = Integer.parseInt(ends[0].strip());
    int to = Integer.parseInt(ends[ends.length - 1].strip());
    for (int port = from; port <= to; port++) {
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // in use: the next one
      }
    }
    throw new UncheckedIOException(new IOException("no free loopback port in "
        + "dockcount.test.ports " + range));
  }
}
