package io.dockcount.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Whether the system clock was synchronized when a record was stamped. The Pi has no battery
 * clock: after a power cut it may run from a wrong time until NTP answers, so every wall time
 * in the store is kept next to one of {@link #SYNCED}, {@link #UNSYNCED} or {@link #UNKNOWN}.
 */
public final class ClockStatus {
  public static final String SYNCED = "yes";
  public static final String UNSYNCED = "no";
  public static final String UNKNOWN = "unknown";

  private ClockStatus() {}

  /**
   * Asks systemd ({@code timedatectl show -p NTPSynchronized --value}), waiting at most two
   * seconds; returns {@link #UNKNOWN} when it is not there or does not answer yes or no.
   */
  public static String probe() {
    Process p;
    try {
      p = new ProcessBuilder("timedatectl", "show", "-p", "NTPSynchronized", "--value")
          .redirectErrorStream(true).start();
    } catch (IOException notThere) {
      return UNKNOWN;
    }
    try {
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroy();
        return UNKNOWN;
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 && (out.equals(SYNCED) || out.equals(UNSYNCED)) ? out : UNKNOWN;
    } catch (IOException e) {
      return UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return UNKNOWN;
    }
  }
}
