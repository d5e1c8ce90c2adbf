package io.dockcount.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dockcount.store.Store;
import io.dockcount.store.StoreSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged counts survive the service's process being killed without warning. */
final class CrashTest {
  private static final int ACKS_BEFORE_KILL = 300;

  @Test
  void acknowledgedCounts_surviveAProcessKill(@TempDir Path dir) throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Set<Long> acked = new HashSet<>();
    long lastStationSeq = 0;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          String[] f = line.split(" ");
          acked.add(Long.parseLong(f[1]));
          lastStationSeq = Long.parseLong(f[2]);
        }
      }
      // SIGKILL: no shutdown hook, no H2 close, whatever was in flight is cut off.
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(ACKS_BEFORE_KILL, acked.size());

    try (Store store = Store.open(StoreSettings.under(dir))) {
      Set<Long> stored = new HashSet<>();
      store.loadZone("A").journal().forEach(e -> stored.add(e.seq()));

      assertNull(store.restoredFrom());
      Set<Long> lost = new HashSet<>(acked);
      lost.removeAll(stored);
      assertTrue(lost.isEmpty(), "acknowledged but lost: " + lost);
      assertTrue(stored.size() >= lastStationSeq, "stored " + stored.size());
    }
  }
}
