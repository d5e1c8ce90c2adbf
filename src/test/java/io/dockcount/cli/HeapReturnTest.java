package io.dockcount.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lowered free-heap ratios of a one-shot reconcile: set in a JVM of its own (a child
 * process here, so that the test JVM keeps its heap policy), after which a collection gives the
 * freed heap back instead of keeping it committed.
 */
final class HeapReturnTest {
  private static final int MB = 1 << 20;

  @TempDir Path dir;

  @Test
  void apply_inAJvmOfItsOwn_collectionShrinksTheHeapToNearWhatIsLive() throws Exception {
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(javaBin(), "-XX:+UseG1GC", "-Xmx1g", "-cp",
        System.getProperty("java.class.path"), Probe.class.getName())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not end");
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);

    assertTrue(text.contains("applied=true min=20 max=30"), text);
    long grown = figure(text, "grown=");
    long after = figure(text, "after=");
    // 100 MB live: with at most 30 % kept free, a few regions over 143 MB.
    assertTrue(grown >= 250, "the probe did not grow its heap: " + text);
    assertTrue(after <= 160, "the freed heap stayed committed: " + text);
  }

  private static long figure(String text, String name) {
    int at = text.indexOf(name) + name.length();
    int end = at;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    return Long.parseLong(text.substring(at, end));
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Runs in the child JVM: grows the heap with 100 MB kept and 200 MB dropped (arrays of one G1
   * region each under -Xmx1g), applies the setting, collects, and prints the heap committed
   * before and after in MB.
   */
  static final class Probe {
    static List<byte[]> live = new ArrayList<>();

    public static void main(String[] args) throws Exception {
      List<byte[]> garbage = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        (i % 3 == 0 ? live : garbage).add(new byte[MB - 64]);
      }
      long grown = Runtime.getRuntime().totalMemory() / MB;
      garbage = null;
      boolean applied = HeapReturn.apply();
      var hotSpot = java.lang.management.ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      System.gc();
      long after = Runtime.getRuntime().totalMemory() / MB;
      System.out.println("applied=" + applied
          + " min=" + hotSpot.getVMOption("MinHeapFreeRatio").getValue()
          + " max=" + hotSpot.getVMOption("MaxHeapFreeRatio").getValue()
          + " grown=" + grown + " after=" + after + " live=" + live.size());
    }
  }
}
